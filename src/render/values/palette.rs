//! The value layer's colours: ColorBrewer, viridis and cividis ramps from `colorous` (the
//! colours of d3-scale-chromatic), each in a form for the light theme, the dark theme and
//! forced colours. More is always further from the background: on a light map the top class
//! is the darkest, on a dark map the brightest.

use crate::render::display::Color;
use crate::render::style::Theme;

/// A colour ramp a newsroom can choose (`palette`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    /// Perceptually uniform, purple to yellow.
    Viridis,
    /// Viridis's form for colour-vision deficiency, blue to yellow.
    Cividis,
    /// ColorBrewer single-hue blues.
    Blues,
    /// ColorBrewer single-hue greens.
    Greens,
    /// ColorBrewer single-hue oranges.
    Oranges,
    /// ColorBrewer single-hue purples.
    Purples,
    /// ColorBrewer yellow–green–blue.
    YlGnBu,
    /// ColorBrewer yellow–orange–red.
    YlOrRd,
    /// ColorBrewer diverging red–blue (low red, high blue).
    RdBu,
    /// ColorBrewer diverging purple–orange, in ColorBrewer's order.
    PuOr,
    /// ColorBrewer diverging brown (low) to blue-green (high).
    BrBG,
}

/// Every palette with its attribute name, the default first.
pub const PALETTES: [(&str, Palette); 11] = [
    ("viridis", Palette::Viridis),
    ("cividis", Palette::Cividis),
    ("blues", Palette::Blues),
    ("greens", Palette::Greens),
    ("oranges", Palette::Oranges),
    ("purples", Palette::Purples),
    ("ylgnbu", Palette::YlGnBu),
    ("ylorrd", Palette::YlOrRd),
    ("rdbu", Palette::RdBu),
    ("puor", Palette::PuOr),
    ("brbg", Palette::BrBG),
];

impl Palette {
    /// The palette called `name` (any case; none: viridis).
    pub fn named(name: &str) -> Result<Palette, String> {
        let wanted = name.trim().to_ascii_lowercase().replace(['-', '_'], "");
        if wanted.is_empty() {
            return Ok(Palette::Viridis);
        }
        PALETTES
            .iter()
            .find(|(n, _)| *n == wanted)
            .map(|(_, p)| *p)
            .ok_or_else(|| {
                let names: Vec<&str> = PALETTES.iter().map(|(n, _)| *n).collect();
                format!(
                    "there is no palette \"{name}\"; use one of {}",
                    crate::i18n::join(&names, ", ")
                )
            })
    }

    /// Whether it runs from one hue through a light middle to another (for figures either
    /// side of a midpoint).
    pub fn diverging(self) -> bool {
        matches!(self, Palette::RdBu | Palette::PuOr | Palette::BrBG)
    }

    fn gradient(self) -> colorous::Gradient {
        match self {
            Palette::Viridis => colorous::VIRIDIS,
            Palette::Cividis => colorous::CIVIDIS,
            Palette::Blues => colorous::BLUES,
            Palette::Greens => colorous::GREENS,
            Palette::Oranges => colorous::ORANGES,
            Palette::Purples => colorous::PURPLES,
            Palette::YlGnBu => colorous::YELLOW_GREEN_BLUE,
            Palette::YlOrRd => colorous::YELLOW_ORANGE_RED,
            Palette::RdBu => colorous::RED_BLUE,
            Palette::PuOr => colorous::PURPLE_ORANGE,
            Palette::BrBG => colorous::BROWN_GREEN,
        }
    }

    /// Whether the ramp as colorous gives it runs from light to dark (ColorBrewer's
    /// sequential ramps) rather than dark to light (viridis, cividis).
    fn light_first(self) -> bool {
        !matches!(self, Palette::Viridis | Palette::Cividis)
    }

    /// The colours of `k` classes, lowest first, for `theme`.
    pub fn classes(self, k: usize, theme: Theme) -> Vec<Color> {
        let k = k.max(1);
        if theme == Theme::Contrast {
            return (0..k).map(|i| grey(i, k)).collect();
        }
        // ColorBrewer's ramps are designed as sets of 3 to 9 (diverging: 11) classes; those
        // sets are what `eval_rational` gives. A single class takes the middle.
        let g = self.gradient();
        let mut colours: Vec<Color> = if k == 1 {
            vec![from(g.eval_continuous(0.5))]
        } else {
            (0..k).map(|i| from(g.eval_rational(i, k))).collect()
        };
        if self.runs_the_wrong_way(theme) {
            colours.reverse();
        }
        colours
    }

    /// The colour at `t` (0 lowest, 1 highest) on a continuous scale, for `theme`.
    pub fn at(self, t: f64, theme: Theme) -> Color {
        let t = t.clamp(0.0, 1.0);
        if theme == Theme::Contrast {
            let v = (235.0 - 200.0 * t).round() as u8;
            return Color {
                r: v,
                g: v,
                b: v,
                a: 255,
            };
        }
        let t = if self.runs_the_wrong_way(theme) {
            1.0 - t
        } else {
            t
        };
        from(self.gradient().eval_continuous(t))
    }

    /// Whether colorous's order must be turned round so that more is further from the
    /// background. Diverging ramps keep their order (the two ends are hues, not darkness).
    fn runs_the_wrong_way(self, theme: Theme) -> bool {
        if self.diverging() {
            return false;
        }
        let on_light = theme != Theme::Dark;
        self.light_first() != on_light
    }
}

/// Forced colours: greys from near white to near black, told apart by lightness alone.
fn grey(i: usize, k: usize) -> Color {
    let t = if k > 1 {
        i as f64 / (k - 1) as f64
    } else {
        0.5
    };
    let v = (235.0 - 200.0 * t).round() as u8;
    Color {
        r: v,
        g: v,
        b: v,
        a: 255,
    }
}

fn from(c: colorous::Color) -> Color {
    Color {
        r: c.r,
        g: c.g,
        b: c.b,
        a: 255,
    }
}
