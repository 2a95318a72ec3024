//! The display list: the one vocabulary in which a frame is drawn ([`Scene`] of [`Item`]s in
//! CSS pixels, with [`Rect`], [`Align`] and [`Color`]). The scene, the key and the scale bar
//! build it; the SVG writer (`svg.rs`) and the canvas painter (`web/painter.rs`) walk it. It
//! depends on nothing else of `render`, so everything else depends on it one way.

use crate::geo::coords::Css;
use crate::geo::view::View;

/// An sRGB colour with alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

    /// The colour as CSS (`#rrggbbaa`): what the canvas painter and the key under the map
    /// are given. Hex, not `rgba()`, so that no float is formatted.
    pub fn css(self) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut out = String::with_capacity(9);
        out.push('#');
        for byte in [self.r, self.g, self.b, self.a] {
            for nibble in [byte >> 4, byte & 15] {
                out.push(char::from(
                    HEX.get(usize::from(nibble)).copied().unwrap_or(b'0'),
                ));
            }
        }
        out
    }

    /// The same colour with alpha `a`.
    pub const fn alpha(self, a: u8) -> Color {
        Color { a, ..self }
    }
}

/// Horizontal anchoring of a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text starts at the anchor.
    Left,
    /// Text is centred on the anchor.
    Center,
}

/// An axis-aligned box in CSS pixels: a label, a symbol's footprint, the legend.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x0: f64,
    /// Top.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub y1: f64,
}

impl Rect {
    /// The square box of half-side `r` around `c`.
    pub fn around(c: Css, r: f64) -> Rect {
        Rect {
            x0: c.x - r,
            y0: c.y - r,
            x1: c.x + r,
            y1: c.y + r,
        }
    }

    /// Whether the two boxes share any area.
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether the box lies inside a canvas of `width` × `height`.
    pub fn inside(&self, width: f64, height: f64) -> bool {
        self.x0 >= 0.0 && self.y0 >= 0.0 && self.x1 <= width && self.y1 <= height
    }
}

/// The no-data hatch ([`Item::Area`]'s `hatch`): lines this far apart, CSS px, for both
/// painters.
pub const HATCH_PX: f64 = 6.0;
/// The hatch's line width, CSS px.
pub const HATCH_LINE_PX: f64 = 1.5;
/// How far an area's outline may reach past a corner, in line widths, for both painters:
/// areas' outlines meet at mitred corners, cut flat where sharper than about 60°, where other
/// items' lines are rounded. At outlines' widths of a pixel or so the two cannot be told
/// apart, and Chromium rasterises round joins at every vertex of every outline: mitred, the
/// first frame's raster took about 10% less (14.2 against 12.8 ms on a desktop).
pub const AREA_MITER_LIMIT: f64 = 2.0;

/// One thing to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A place's projected polygons (all rings, filled even-odd) with an outline. The rings
    /// are not copied here: painters take them from the projected shapes and the scene's
    /// view, so they can cache one path per place instead of re-sending every vertex.
    Area {
        /// The place index.
        place: usize,
        /// Fill colour; `None` draws the outline only (the focus ring).
        fill: Option<Color>,
        /// Diagonal lines over the fill, in this colour: a place with no figure on a value
        /// map, so that it never reads as the lowest class.
        hatch: Option<Color>,
        /// Outline colour.
        stroke: Color,
        /// Outline width, CSS px.
        line_width: f64,
    },
    /// A box in CSS pixels (the legend's background).
    Rect {
        /// Where.
        rect: Rect,
        /// Fill colour.
        fill: Color,
        /// Outline colour.
        stroke: Color,
        /// Outline width, CSS px.
        line_width: f64,
    },
    /// A circle: a point symbol, an approximate extent or a focus ring.
    Circle {
        /// The place index, if it is a place's symbol.
        place: Option<usize>,
        /// Centre.
        center: Css,
        /// Radius, CSS px.
        radius: f64,
        /// Fill, if filled.
        fill: Option<Color>,
        /// Outline colour.
        stroke: Color,
        /// Outline width, CSS px.
        line_width: f64,
        /// Dash and gap lengths of a dashed outline (approximate extents), CSS px.
        dash: Option<[f64; 2]>,
    },
    /// A text label with a halo.
    Label {
        /// The text.
        text: String,
        /// Anchor (vertical middle of the text).
        at: Css,
        /// Font size, CSS px.
        size: f64,
        /// Bold text.
        bold: bool,
        /// Text colour.
        color: Color,
        /// Halo colour.
        halo: Color,
        /// Halo stroke width, CSS px.
        halo_width: f64,
        /// Anchoring.
        align: Align,
    },
}

/// The display list for one frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Canvas width, CSS px.
    pub width: f64,
    /// Canvas height, CSS px.
    pub height: f64,
    /// Plane → CSS pixels, for the painters to place the areas' rings.
    pub view: View,
    /// Background fill.
    pub background: Color,
    /// Font stack of every label.
    pub font_family: &'static str,
    /// Items, back to front.
    pub items: Vec<Item>,
}

/// A point symbol: a square or a circle of `radius` around `center`, filled and outlined
/// (the map's symbols and the drawn key's swatches alike). `place` is the place it stands
/// for, if any (circles only: a square's place is found by its box).
pub fn symbol(
    square: bool,
    center: Css,
    radius: f64,
    (fill, stroke, line_width): (Color, Color, f64),
    place: Option<usize>,
) -> Item {
    if square {
        Item::Rect {
            rect: Rect::around(center, radius),
            fill,
            stroke,
            line_width,
        }
    } else {
        Item::Circle {
            place,
            center,
            radius,
            fill: Some(fill),
            stroke,
            line_width,
            dash: None,
        }
    }
}
