//! Colours and sizes: one light theme for now, chosen for contrast on newsprint-white pages.

use crate::data::model::Kind;

/// An sRGB colour with alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
    /// Alpha, 255 = opaque.
    pub a: u8,
}

impl Color {
    /// An opaque colour from `0xRRGGBB`.
    pub const fn hex(rgb: u32) -> Color {
        Color {
            r: (rgb >> 16) as u8,
            g: (rgb >> 8) as u8,
            b: rgb as u8,
            a: 255,
        }
    }

    /// The same colour with alpha `a`.
    pub const fn alpha(self, a: u8) -> Color {
        Color { a, ..self }
    }

    /// As a CSS colour string.
    pub fn to_css(self) -> String {
        if self.a == 255 {
            format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
        } else {
            format!(
                "rgba({},{},{},{:.3})",
                self.r,
                self.g,
                self.b,
                f64::from(self.a) / 255.0
            )
        }
    }
}

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
    /// Radius of a point symbol in CSS px.
    pub radius: f64,
}

/// The whole look of the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// Sea and outside-the-data background.
    pub background: Color,
    /// Text.
    pub ink: Color,
    /// Halo behind text, so labels read on any fill.
    pub halo: Color,
    /// Outline of the selected place.
    pub selection: Color,
    /// Province label size, CSS px.
    pub province_font_px: f64,
    /// Point label size, CSS px.
    pub point_font_px: f64,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            background: Color::hex(0xdce8ef),
            ink: Color::hex(0x1f2a33),
            halo: Color::hex(0xffffff).alpha(220),
            selection: Color::hex(0x111111),
            province_font_px: 15.0,
            point_font_px: 12.0,
        }
    }
}

impl Style {
    /// The style of a place, which may depend on its id (each province has its own tint).
    pub fn for_place(&self, kind: Kind, id: &str) -> KindStyle {
        let area = |fill: u32, active: u32| KindStyle {
            fill: Color::hex(fill),
            fill_active: Color::hex(active),
            stroke: Color::hex(0xffffff),
            line_width: 1.2,
            radius: 0.0,
        };
        match (kind, id) {
            (Kind::Province, "beijing") => area(0xf2b279, 0xe58f45),
            (Kind::Province, "tianjin") => area(0x9cc3e0, 0x6fa3cc),
            (Kind::Province, _) => area(0xc4dba8, 0xa5c783),
            // The exclave belongs to Hebei: same hue, deeper, so it reads as part of it.
            (Kind::Counties, _) => area(0x9fc27c, 0x7fa85a),
            (Kind::Context, _) => KindStyle {
                fill: Color::hex(0xf1f0ec),
                fill_active: Color::hex(0xf1f0ec),
                stroke: Color::hex(0xc9c7bf),
                line_width: 0.8,
                radius: 0.0,
            },
            (Kind::Wing, _) => KindStyle {
                fill: Color::hex(0xb8322a),
                fill_active: Color::hex(0x7d1d17),
                stroke: Color::hex(0xffffff),
                line_width: 2.0,
                radius: 7.0,
            },
            (Kind::Park, _) => KindStyle {
                fill: Color::hex(0x1f4e79),
                fill_active: Color::hex(0x0d2c47),
                stroke: Color::hex(0xffffff),
                line_width: 1.5,
                radius: 5.0,
            },
        }
    }
}
