//! Colours and sizes: every number the scene and the painters use comes from here, so a
//! theme is one `Style` value: light for newsprint-white pages, dark for dark ones, and a
//! black-on-white one for readers who force their own colours (high contrast).

use crate::data::model::{Kind, TINTS};
use crate::render::display::Color;

/// How one kind of place is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KindStyle {
    /// Fill of areas and symbols.
    pub fill: Color,
    /// Fill when hovered or selected.
    pub fill_active: Color,
    /// Outline.
    pub stroke: Color,
    /// Outline width in CSS px.
    pub line_width: f64,
    /// Radius of a point symbol in CSS px (half the side of a square one).
    pub radius: f64,
    /// The symbol is a square rather than a circle: kinds told apart by shape as well as
    /// colour, for readers who do not see the colours apart.
    pub square: bool,
}

/// The approximate-extent circle drawn around a point place with an area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExtentStyle {
    /// Alpha of the kind's fill inside the circle.
    pub fill_alpha: u8,
    /// Outline width, CSS px.
    pub line_width: f64,
    /// Dash and gap lengths of the outline, CSS px: dashed reads as "approximate".
    pub dash: [f64; 2],
}

/// The key to the point symbols.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LegendStyle {
    /// Text size, CSS px.
    pub font_px: f64,
    /// Height of one row, CSS px.
    pub row_px: f64,
    /// Inner padding left and right, CSS px.
    pub padding_px: f64,
    /// Inner padding above the first row, CSS px.
    pub top_px: f64,
    /// Inner padding below the last row, CSS px.
    pub bottom_px: f64,
    /// Width of the symbol column, CSS px.
    pub swatch_px: f64,
    /// Gap between the symbol column and the text, CSS px.
    pub text_gap_px: f64,
    /// Distance from the canvas's bottom-right corner, CSS px.
    pub margin_px: f64,
    /// Largest symbol radius shown, CSS px.
    pub max_symbol_radius_px: f64,
    /// Outline width of the symbols, CSS px.
    pub symbol_line_width: f64,
    /// Box outline.
    pub border: Color,
    /// Box outline width, CSS px.
    pub border_width: f64,
}

/// An area's fill, and its fill when hovered or selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tint {
    /// At rest.
    pub fill: Color,
    /// Hovered or selected.
    pub active: Color,
}

impl Tint {
    const fn hex(fill: u32, active: u32) -> Tint {
        Tint {
            fill: Color::hex(fill),
            active: Color::hex(active),
        }
    }
}

/// The colours of the places, by kind; the areas of a kind take one of [`TINTS`] tints each,
/// chosen so that neighbours differ (`geo::adjacency::tints`, or the data's `tint`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tints {
    /// Provinces: Beijing's orange, Tianjin's blue, Hebei's green, then lilac.
    pub province: [Tint; TINTS],
    /// Areas below a province: the first is Hebei's hue, deeper, so Hebei's exclave reads as
    /// part of it.
    pub counties: [Tint; TINTS],
    /// Neighbouring areas, for context.
    pub context: Tint,
    /// Outline of neighbouring areas.
    pub context_stroke: Color,
    /// Outline between the places.
    pub area_stroke: Color,
    /// The "new two wings" symbols.
    pub wing: Tint,
    /// The partner-park symbols.
    pub park: Tint,
    /// The ring around symbols, so they stand off any fill.
    pub symbol_stroke: Color,
}

/// Which look: chosen by the page (`theme="light|dark|auto"`, the last resolved by the
/// browser) or forced by the reader's high-contrast setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Dark ink on light land and a pale sea.
    #[default]
    Light,
    /// Light ink on muted land and a deep sea, for dark pages.
    Dark,
    /// Black on white with strong outlines, for forced colours.
    Contrast,
}

impl Theme {
    /// The theme named `code` (`light`, `dark` or `contrast`).
    pub fn parse(code: &str) -> Option<Theme> {
        match code {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "contrast" => Some(Theme::Contrast),
            _ => None,
        }
    }
}

/// The scale bar, bottom left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScaleBarStyle {
    /// Longest bar, CSS px (and at most a quarter of the map's width).
    pub max_px: f64,
    /// Bar thickness, CSS px.
    pub height_px: f64,
    /// Distance from the map's left and bottom edges, CSS px.
    pub margin_px: f64,
    /// Label size, CSS px.
    pub font_px: f64,
    /// Outline around the bar (in the halo colour), CSS px.
    pub outline_px: f64,
}

/// The whole look of the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Which look this is (the value layer's ramps run by it).
    pub theme: Theme,
    /// A place with no figure on a value map: its fill and the hatch over it, never a
    /// class's colour.
    pub no_data: [Color; 2],
    /// Sea and outside-the-data background.
    pub background: Color,
    /// Text.
    pub ink: Color,
    /// Names of the neighbouring areas, quieter than the places'.
    pub context_ink: Color,
    /// Halo behind text, so labels read on any fill; also the legend's background.
    pub halo: Color,
    /// Outline of the selected place.
    pub selection: Color,
    /// The keyboard focus ring.
    pub focus: Color,
    /// Font stack for labels: system UI fonts with CJK fallbacks.
    pub font_family: &'static str,
    /// Province label size, CSS px.
    pub province_font_px: f64,
    /// Point label size, CSS px.
    pub point_font_px: f64,
    /// Label size of areas other than provinces, CSS px.
    pub area_font_px: f64,
    /// Line height as a multiple of the font size, for label boxes.
    pub line_height: f64,
    /// Width of the halo stroke behind labels, CSS px.
    pub halo_width_px: f64,
    /// Outline width of the selected area, CSS px.
    pub selected_line_width_px: f64,
    /// How much a hovered or selected symbol grows, CSS px of radius.
    pub active_growth_px: f64,
    /// Width of the focus ring, CSS px.
    pub focus_ring_width_px: f64,
    /// Gap between a focused symbol and its ring, CSS px.
    pub focus_ring_gap_px: f64,
    /// Alpha of wings and parks drawn as areas, so the province beneath still reads.
    pub see_through_alpha: u8,
    /// The approximate-extent circle.
    pub extent: ExtentStyle,
    /// Gap between a symbol's edge and its label, CSS px.
    pub symbol_label_gap_px: f64,
    /// How far the label of a hovered or selected area may move off its anchor, CSS px.
    pub active_label_offset_px: f64,
    /// Clearance kept between labels and symbols, CSS px.
    pub symbol_clearance_px: f64,
    /// The legend.
    pub legend: LegendStyle,
    /// The places' colours.
    pub tints: Tints,
    /// Width and height of the corner the zoom buttons cover, top left, CSS px (the
    /// element's stylesheet places them: 8 px in, three 32 px buttons 4 px apart).
    pub controls_px: [f64; 2],
    /// The scale bar.
    pub scale_bar: ScaleBarStyle,
}

impl Default for Style {
    fn default() -> Self {
        Style::for_theme(Theme::Light)
    }
}

impl Style {
    /// The look for `theme`. The three looks are statics, so choosing one copies a table
    /// rather than running code that builds it field by field (smaller wasm).
    pub fn for_theme(theme: Theme) -> Style {
        static LIGHT: Style = Style::light();
        static DARK: Style = Style::dark();
        static CONTRAST: Style = Style::contrast();
        match theme {
            Theme::Light => LIGHT,
            Theme::Dark => DARK,
            Theme::Contrast => CONTRAST,
        }
    }

    /// Light: for newsprint-white pages.
    pub const fn light() -> Style {
        Style {
            theme: Theme::Light,
            no_data: [Color::hex(0xf4f2ee), Color::hex(0x8a857a)],
            background: Color::hex(0xdce8ef),
            ink: Color::hex(0x1f2a33),
            context_ink: Color::hex(0x6b675d),
            halo: Color::hex(0xffffff).alpha(220),
            selection: Color::hex(0x111111),
            focus: Color::hex(0x005fcc),
            font_family: "system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
            province_font_px: 15.0,
            point_font_px: 12.0,
            area_font_px: 11.0,
            line_height: 1.2,
            halo_width_px: 3.0,
            selected_line_width_px: 2.0,
            active_growth_px: 2.0,
            focus_ring_width_px: 2.5,
            focus_ring_gap_px: 3.0,
            see_through_alpha: 110,
            extent: ExtentStyle {
                fill_alpha: 28,
                line_width: 1.0,
                dash: [4.0, 3.0],
            },
            symbol_label_gap_px: 4.0,
            active_label_offset_px: 18.0,
            symbol_clearance_px: 1.0,
            legend: LegendStyle {
                font_px: 11.0,
                row_px: 18.0,
                padding_px: 8.0,
                top_px: 6.0,
                bottom_px: 2.0,
                swatch_px: 14.0,
                text_gap_px: 2.0,
                margin_px: 6.0,
                max_symbol_radius_px: 6.0,
                symbol_line_width: 1.0,
                border: Color::hex(0xc9c7bf),
                border_width: 0.8,
            },
            tints: Tints {
                province: [
                    Tint::hex(0xf2b279, 0xe58f45),
                    Tint::hex(0x9cc3e0, 0x6fa3cc),
                    Tint::hex(0xc4dba8, 0xa5c783),
                    Tint::hex(0xd6c6e6, 0xbaa2d3),
                ],
                counties: [
                    Tint::hex(0x9fc27c, 0x7fa85a),
                    Tint::hex(0xe0a066, 0xcc8140),
                    Tint::hex(0x84add0, 0x5f8fba),
                    Tint::hex(0xbda9d6, 0x9f86c2),
                ],
                context: Tint::hex(0xf1f0ec, 0xf1f0ec),
                context_stroke: Color::hex(0xc9c7bf),
                area_stroke: Color::hex(0xffffff),
                wing: Tint::hex(0xb8322a, 0x7d1d17),
                park: Tint::hex(0x1f4e79, 0x0d2c47),
                symbol_stroke: Color::hex(0xffffff),
            },
            controls_px: [44.0, 116.0],
            scale_bar: ScaleBarStyle {
                max_px: 110.0,
                height_px: 4.0,
                margin_px: 10.0,
                font_px: 11.0,
                outline_px: 1.5,
            },
        }
    }

    /// Dark: muted land on a deep sea, light ink, symbols bright enough to find.
    pub const fn dark() -> Style {
        let light = Style::light();
        Style {
            theme: Theme::Dark,
            no_data: [Color::hex(0x26313a), Color::hex(0x7d8a93)],
            background: Color::hex(0x0e1a22),
            ink: Color::hex(0xe8eef2),
            context_ink: Color::hex(0x939ea5),
            halo: Color::hex(0x0e1a22).alpha(220),
            selection: Color::hex(0xffffff),
            focus: Color::hex(0x7ab4ff),
            legend: LegendStyle {
                border: Color::hex(0x3b4750),
                ..light.legend
            },
            tints: Tints {
                province: [
                    Tint::hex(0x8c5a2e, 0xb0733c),
                    Tint::hex(0x2f5878, 0x3f7299),
                    Tint::hex(0x3b5637, 0x4d6e47),
                    Tint::hex(0x5a4a70, 0x705c8a),
                ],
                counties: [
                    Tint::hex(0x56773f, 0x6b914f),
                    Tint::hex(0x7a4c26, 0x97602f),
                    Tint::hex(0x284c69, 0x356485),
                    Tint::hex(0x4d3f61, 0x61507a),
                ],
                context: Tint::hex(0x1d2529, 0x1d2529),
                context_stroke: Color::hex(0x3b4750),
                area_stroke: Color::hex(0x0e1a22),
                wing: Tint::hex(0xff6b5e, 0xffa097),
                park: Tint::hex(0x8cc4ff, 0xc2e0ff),
                symbol_stroke: Color::hex(0x0e1a22),
            },
            ..light
        }
    }

    /// High contrast: black on white, strong outlines; places told apart by their labels
    /// and symbols' shapes rather than by colour.
    pub const fn contrast() -> Style {
        let light = Style::light();
        let black = Color::hex(0x000000);
        let white = Color::hex(0xffffff);
        let plain = Tint {
            fill: white,
            active: Color::hex(0xdddddd),
        };
        Style {
            theme: Theme::Contrast,
            no_data: [white, black],
            background: white,
            ink: black,
            context_ink: black,
            halo: white,
            selection: black,
            focus: black,
            selected_line_width_px: 3.5,
            legend: LegendStyle {
                border: black,
                border_width: 1.5,
                ..light.legend
            },
            tints: Tints {
                province: [plain; TINTS],
                counties: [plain; TINTS],
                context: Tint {
                    fill: white,
                    active: white,
                },
                context_stroke: Color::hex(0x767676),
                area_stroke: black,
                wing: Tint {
                    fill: black,
                    active: black,
                },
                park: Tint {
                    fill: white,
                    active: Color::hex(0xdddddd),
                },
                symbol_stroke: black,
            },
            ..light
        }
    }

    /// The style of a place of `kind` with tint `tint` (areas: see [`Tints`]).
    pub fn for_place(&self, kind: Kind, tint: usize) -> KindStyle {
        let t = &self.tints;
        let area = |tint: Tint| KindStyle {
            fill: tint.fill,
            fill_active: tint.active,
            stroke: t.area_stroke,
            line_width: 1.2,
            radius: 0.0,
            square: false,
        };
        let symbol = |tint: Tint, line_width: f64, radius: f64, square: bool| KindStyle {
            fill: tint.fill,
            fill_active: tint.active,
            stroke: t.symbol_stroke,
            line_width,
            radius,
            square,
        };
        let of = |palette: &[Tint; TINTS]| palette.get(tint).or(palette.first()).copied();
        match kind {
            Kind::Province => area(of(&t.province).unwrap_or(t.context)),
            Kind::Counties => area(of(&t.counties).unwrap_or(t.context)),
            Kind::Context => KindStyle {
                stroke: t.context_stroke,
                line_width: 0.8,
                ..area(t.context)
            },
            Kind::Wing => symbol(t.wing, 2.0, 7.0, false),
            Kind::Park => symbol(t.park, 1.5, 4.5, true),
        }
    }
}
