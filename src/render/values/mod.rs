//! The value layer: a newsroom's figures ([`crate::data::values::Figures`]) as classes and
//! colours for a choropleth, with the legend's entries and each place's figure in words.

pub mod classify;
pub mod number;
pub mod palette;

use crate::data::values::Figures;
use crate::i18n::Lang;
use crate::render::display::Color;
use crate::render::style::Theme;
use classify::{classify, Classes, Method, CLASS_COUNTS};
use number::{format, Unit};
use palette::Palette;

/// What the figures are: rates fill the areas, counts are circles (a choropleth of counts
/// misleads: big areas dominate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ValueKind {
    /// A rate or share: areas filled by class.
    #[default]
    Rate,
    /// A count: circles with area in proportion.
    Count,
}

/// How the figures are shown: the attributes `value`, `value-kind`, `classes`,
/// `class-count`, `palette`, `midpoint` and `value-unit`.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueOptions {
    /// The column (none: the first of numbers).
    pub column: Option<String>,
    /// Rate or count.
    pub kind: ValueKind,
    /// How classes are made.
    pub method: Method,
    /// How many classes (3 to 7).
    pub class_count: usize,
    /// The colours.
    pub palette: Palette,
    /// Where a diverging palette turns (none: halfway between the least and greatest).
    pub midpoint: Option<f64>,
    /// The figures' unit.
    pub unit: Option<Unit>,
}

impl Default for ValueOptions {
    fn default() -> ValueOptions {
        ValueOptions {
            column: None,
            kind: ValueKind::Rate,
            method: Method::Ckmeans,
            class_count: 5,
            palette: Palette::Viridis,
            midpoint: None,
            unit: None,
        }
    }
}

/// The value layer's attributes as the page gives them (`value`, `value-kind`, `classes`,
/// `class-count`, `palette`, `midpoint`, `value-unit`); absent ones take their defaults.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValueSettings {
    /// The column to show.
    pub value: Option<String>,
    /// `rate` or `count`.
    pub value_kind: Option<String>,
    /// How classes are made.
    pub classes: Option<String>,
    /// How many classes.
    pub class_count: Option<String>,
    /// The colours.
    pub palette: Option<String>,
    /// Where a diverging palette turns.
    pub midpoint: Option<String>,
    /// The unit, `en|zh`.
    pub value_unit: Option<String>,
}

/// A given attribute's text, trimmed; none if absent or blank.
fn text(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl ValueSettings {
    /// The attributes' names, as [`ValueSettings::set`] takes them.
    pub const NAMES: [&'static str; 7] = [
        "value",
        "value-kind",
        "classes",
        "class-count",
        "palette",
        "midpoint",
        "value-unit",
    ];

    /// Sets the attribute `name`; false if it is none of the value layer's.
    pub fn set(&mut self, name: &str, value: Option<String>) -> bool {
        let slot = match name {
            "value" => &mut self.value,
            "value-kind" => &mut self.value_kind,
            "classes" => &mut self.classes,
            "class-count" => &mut self.class_count,
            "palette" => &mut self.palette,
            "midpoint" => &mut self.midpoint,
            "value-unit" => &mut self.value_unit,
            _ => return false,
        };
        *slot = value;
        true
    }

    /// The options these attributes ask for, or what is wrong with one of them.
    pub fn options(&self) -> Result<ValueOptions, String> {
        let kind = match text(&self.value_kind)
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None | Some("rate") => ValueKind::Rate,
            Some("count") => ValueKind::Count,
            Some(other) => return Err(format!("value-kind=\"{other}\" must be rate or count")),
        };
        let class_count = match text(&self.class_count) {
            None => 5,
            Some(t) => match t.parse::<usize>() {
                Ok(n) if CLASS_COUNTS.contains(&n) => n,
                _ => {
                    return Err(format!(
                        "class-count=\"{t}\" must be a whole number from 3 to 7"
                    ))
                }
            },
        };
        let midpoint = match text(&self.midpoint) {
            None => None,
            Some(t) => match crate::data::values::read_cell(t) {
                crate::data::values::Cell::Number(v) => Some(v),
                _ => return Err(format!("midpoint=\"{t}\" is not a number")),
            },
        };
        Ok(ValueOptions {
            column: text(&self.value).map(str::to_string),
            kind,
            method: Method::named(text(&self.classes).unwrap_or(""))?,
            class_count,
            palette: Palette::named(text(&self.palette).unwrap_or(""))?,
            midpoint,
            unit: text(&self.value_unit).map(Unit::parse),
        })
    }
}

/// One entry of the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendClass {
    /// Lower bound (included).
    pub from: f64,
    /// Upper bound (excluded, but for the last class).
    pub to: f64,
    /// Its fill.
    pub colour: Color,
    /// Its range in words, as a half-open interval in the reader's language.
    pub label: String,
    /// How many places are in it.
    pub count: usize,
}

/// Whether this build has the value layer (the `values` feature, on by default). The wasm a
/// map without figures loads is built without it: the map's readers of a layer
/// ([`crate::ui::map::Map::values`], [`crate::render::frame::Frame::values`]) then answer
/// "none" as a constant, and the compiler leaves every use of one (class fills, circles, the
/// key's classes, the table of figures) out of that wasm.
pub const BUILT: bool = cfg!(feature = "values");

/// The figures, classed and coloured.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueLayer {
    /// Each place's figure.
    pub figures: Figures,
    /// How they are shown.
    pub options: ValueOptions,
    /// Their classes.
    pub classes: Classes,
    /// The classes' colours, made once per theme when first asked for (a frame asks for a
    /// colour per place).
    colours: [std::cell::OnceCell<Vec<Color>>; 3],
}

impl ValueLayer {
    /// Classes `figures` as `options` ask. A negative count has no circle: it is left out,
    /// named in a warning.
    pub fn new(mut figures: Figures, options: ValueOptions) -> ValueLayer {
        if options.kind == ValueKind::Count {
            let negative: Vec<usize> = (0..figures.values.len())
                .filter(|i| {
                    figures
                        .values
                        .get(*i)
                        .copied()
                        .flatten()
                        .is_some_and(|v| v < 0.0)
                })
                .collect();
            if !negative.is_empty() {
                for i in &negative {
                    if let Some(v) = figures.values.get_mut(*i) {
                        *v = None;
                    }
                }
                figures.warnings.push(format!(
                    "{} negative {} in \"{}\" cannot be drawn as circles and {} left out",
                    negative.len(),
                    if negative.len() == 1 {
                        "count"
                    } else {
                        "counts"
                    },
                    figures.column,
                    if negative.len() == 1 { "is" } else { "are" },
                ));
            }
        }
        let classes = classify(&figures.present(), &options.method, options.class_count);
        ValueLayer {
            figures,
            options,
            classes,
            colours: Default::default(),
        }
    }

    /// Place `i`'s figure.
    pub fn value(&self, i: usize) -> Option<f64> {
        self.figures.values.get(i).copied().flatten()
    }

    /// Place `i`'s class (none: no figure, or a continuous scale).
    pub fn class_of(&self, i: usize) -> Option<usize> {
        let v = self.value(i)?;
        (!self.classes.continuous && !self.classes.bounds.is_empty()).then(|| self.classes.of(v))
    }

    /// The colours of the classes for `theme`, lowest first.
    pub fn colours(&self, theme: Theme) -> &[Color] {
        let slot = match theme {
            Theme::Light => 0,
            Theme::Dark => 1,
            Theme::Contrast => 2,
        };
        match self.colours.get(slot) {
            Some(cell) => cell.get_or_init(|| self.make_colours(theme)),
            None => &[],
        }
    }

    fn make_colours(&self, theme: Theme) -> Vec<Color> {
        let k = self.classes.count();
        let palette = self.options.palette;
        if !palette.diverging() || theme == Theme::Contrast {
            return palette.classes(k, theme);
        }
        // Diverging: each class takes the colour at its middle, the palette's light centre
        // at the midpoint.
        let bounds = &self.classes.bounds;
        (0..k)
            .map(|c| {
                let lo = bounds.get(c).copied().unwrap_or(0.0);
                let hi = bounds.get(c + 1).copied().unwrap_or(lo);
                palette.at(self.diverging_position((lo + hi) / 2.0), theme)
            })
            .collect()
    }

    /// Where `v` falls on a diverging palette: 0.5 at the midpoint.
    fn diverging_position(&self, v: f64) -> f64 {
        let lo = self.classes.bounds.first().copied().unwrap_or(0.0);
        let hi = self.classes.bounds.last().copied().unwrap_or(0.0);
        let mid = self.options.midpoint.unwrap_or((lo + hi) / 2.0);
        if v < mid && mid > lo {
            0.5 * (v - lo) / (mid - lo)
        } else if v >= mid && hi > mid {
            0.5 + 0.5 * (v - mid) / (hi - mid)
        } else {
            0.5
        }
    }

    /// Place `i`'s fill for `theme`; none: it has no figure (drawn hatched).
    pub fn fill(&self, i: usize, theme: Theme) -> Option<Color> {
        let v = self.value(i)?;
        if self.classes.continuous {
            let t = if self.options.palette.diverging() {
                self.diverging_position(v)
            } else {
                self.classes.position(v)
            };
            return Some(self.options.palette.at(t, theme));
        }
        self.colours(theme).get(self.classes.of(v)).copied()
    }

    /// Place `i`'s figure in words with its unit (none: no figure).
    pub fn text(&self, i: usize, lang: Lang) -> Option<String> {
        Some(format(self.value(i)?, lang, self.options.unit.as_ref()))
    }

    /// A figure in words with the layer's unit.
    pub fn words(&self, v: f64, lang: Lang) -> String {
        format(v, lang, self.options.unit.as_ref())
    }

    /// Counts' legend: three round figures, the greatest at most the greatest count, then
    /// about a quarter and a sixteenth of it (circles of half and a quarter the radius).
    pub fn count_steps(&self) -> Vec<f64> {
        let greatest = self.classes.bounds.last().copied().unwrap_or(0.0);
        let mut steps: Vec<f64> = [1.0, 4.0, 16.0]
            .iter()
            .map(|d| round_down(greatest / d))
            .filter(|v| *v > 0.0)
            .collect();
        steps.dedup();
        steps
    }

    /// The circles' colour for `theme` (the palette's strongest).
    pub fn circle_colour(&self, theme: Theme) -> Color {
        self.options.palette.at(1.0, theme)
    }

    /// The legend's classes, lowest first (for a continuous scale: its two ends); for counts,
    /// the circles of [`ValueLayer::count_steps`], largest first, each with how many places
    /// reach it.
    pub fn legend(&self, lang: Lang, theme: Theme) -> Vec<LegendClass> {
        if self.options.kind == ValueKind::Count {
            let present = self.figures.present();
            return self
                .count_steps()
                .into_iter()
                .map(|v| LegendClass {
                    from: v,
                    to: v,
                    colour: self.circle_colour(theme),
                    label: self.words(v, lang),
                    count: present.iter().filter(|p| **p >= v).count(),
                })
                .collect();
        }
        let bounds = &self.classes.bounds;
        let k = self.classes.count();
        if bounds.is_empty() {
            return Vec::new();
        }
        let colours = self.colours(theme);
        let present = self.figures.present();
        (0..k)
            .map(|c| {
                let from = bounds.get(c).copied().unwrap_or(0.0);
                let to = bounds.get(c + 1).copied().unwrap_or(from);
                let last = c + 1 == k;
                let count = present
                    .iter()
                    .filter(|v| self.classes.continuous || self.classes.of(**v) == c)
                    .count();
                let (a, b) = (self.words(from, lang), self.words(to, lang));
                let label = match (lang, from == to, last) {
                    (_, true, _) => a,
                    (Lang::En, false, true) => format!("{a} to {b}"),
                    (Lang::En, false, false) => format!("{a} to under {b}"),
                    (Lang::Zh, false, true) => format!("{a}至{b}"),
                    (Lang::Zh, false, false) => format!("{a}至不足{b}"),
                };
                LegendClass {
                    from,
                    to,
                    colour: colours.get(c).copied().unwrap_or(Color::hex(0x808080)),
                    label,
                    count,
                }
            })
            .collect()
    }

    /// The radius of a count's circle, CSS px, on a map whose shorter side is `side`: area
    /// in proportion to the figure (4:1 figures, 2:1 radii), the greatest a ninth of `side`.
    pub fn radius(&self, v: f64, side: f64) -> f64 {
        let greatest = self.classes.bounds.last().copied().unwrap_or(0.0);
        if greatest <= 0.0 || v <= 0.0 {
            return 0.0;
        }
        (v / greatest).sqrt() * side / 9.0
    }

    /// How many places have no figure.
    pub fn no_data(&self) -> usize {
        self.figures.values.iter().filter(|v| v.is_none()).count()
    }
}

/// `v` rounded down to one significant digit (18,960,744 → 10,000,000; 4,740,186 → 4,000,000).
fn round_down(v: f64) -> f64 {
    if !(v.is_finite() && v > 0.0) {
        return 0.0;
    }
    let unit = 10f64.powi(v.log10().floor() as i32);
    (v / unit).floor() * unit
}
