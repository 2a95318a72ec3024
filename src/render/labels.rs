//! Label placement: greedy, in priority order, each label tries up to eight positions around
//! its anchor and is dropped if every one collides with a placed label, a symbol or the edge.
//! Text widths come from the glyph table in `text_width.rs`.

use super::text_width::text_width;
use crate::geo::coords::Css;
use crate::render::display::{Align, Rect};

/// What a label wants.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The text.
    pub text: String,
    /// A second line under it: the name in English, when labels show both languages.
    pub second: Option<String>,
    /// Font size.
    pub size: f64,
    /// Bold.
    pub bold: bool,
    /// The point it labels.
    pub anchor: Css,
    /// Try centring the text on the anchor first (area labels).
    pub centred: bool,
    /// Gap between anchor and text for the side positions (symbol radius + margin); 0 for none.
    pub offset: f64,
    /// A neighbouring area's name, drawn quieter than the places'.
    pub muted: bool,
}

/// Where a label went.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Index into the requests.
    pub request: usize,
    /// Text anchor (vertical middle).
    pub at: Css,
    /// Anchoring.
    pub align: Align,
}

/// Places `requests` in order, avoiding `obstacles` and each other, inside the canvas.
/// A label's box is its text's width by `line_height` times its size.
pub fn place(
    requests: &[Request],
    obstacles: &[Rect],
    width: f64,
    height: f64,
    line_height: f64,
) -> Vec<Placed> {
    let mut taken: Vec<Rect> = obstacles.to_vec();
    let mut out = Vec::new();
    for (i, r) in requests.iter().enumerate() {
        let mut w = text_width(&r.text, r.size, r.bold);
        let mut h = r.size * line_height;
        if let Some(second) = &r.second {
            w = w.max(text_width(second, r.size, r.bold));
            h *= 2.0;
        }
        let a = r.anchor;
        let mut candidates: Vec<(Css, Align)> = Vec::new();
        if r.centred {
            // The anchor, else nudged by one or two lines up or down.
            for dy in [0.0, h, -h, 2.0 * h, -2.0 * h] {
                candidates.push((
                    Css {
                        x: a.x,
                        y: a.y + dy,
                    },
                    Align::Center,
                ));
            }
        }
        if r.offset > 0.0 {
            // Right, left, above, below the anchor, `offset` away; then the four corners,
            // along the diagonals and clear of a symbol's square footprint. Each entry: the
            // direction (in offsets), the share of the text's width left of the anchor, and
            // the shift of the text's middle (in line heights) to clear the anchor.
            const AROUND: [(f64, f64, f64, f64); 8] = [
                (1.0, 0.0, 0.0, 0.0),
                (-1.0, 0.0, 1.0, 0.0),
                (0.0, -1.0, 0.5, -0.5),
                (0.0, 1.0, 0.5, 0.5),
                (0.75, -0.75, 0.0, -0.5),
                (0.75, 0.75, 0.0, 0.5),
                (-0.75, -0.75, 1.0, -0.5),
                (-0.75, 0.75, 1.0, 0.5),
            ];
            let d = r.offset;
            for (dx, dy, left, shift) in AROUND {
                candidates.push((
                    Css {
                        x: a.x + dx * d - left * w,
                        y: a.y + dy * d + shift * h,
                    },
                    Align::Left,
                ));
            }
        }
        let found = candidates.into_iter().find_map(|(at, align)| {
            let x0 = match align {
                Align::Left => at.x,
                Align::Center => at.x - w / 2.0,
            };
            let rect = Rect {
                x0,
                y0: at.y - h / 2.0,
                x1: x0 + w,
                y1: at.y + h / 2.0,
            };
            (rect.inside(width, height) && !taken.iter().any(|t| t.overlaps(&rect)))
                .then_some((at, align, rect))
        });
        if let Some((at, align, rect)) = found {
            taken.push(rect);
            out.push(Placed {
                request: i,
                at,
                align,
            });
        }
    }
    out
}
