//! The scale bar: a round distance on the ground at the middle of the map, as long as it is
//! at the current zoom, in the bottom-left corner. Measured again for every frame, so it
//! stays true as the reader zooms.

use crate::geo::coords::Css;
use crate::i18n::{decimal, Ui};
use crate::render::display::{Align, Item, Rect};
use crate::render::frame::Frame;

/// The bar's items and the box they cover (for labels to avoid); `None` if the map is too
/// small for a bar or the projection gives no scale.
pub fn build(frame: &Frame) -> Option<(Vec<Item>, Rect)> {
    let style = frame.style;
    let bar = &style.scale_bar;
    let view = frame.view;
    let middle = view.to_plane(Css {
        x: view.width / 2.0,
        y: view.height / 2.0,
    })?;
    let metres_per_px = frame.projection.ground_per_plane(middle)? / view.scale;
    let longest = bar.max_px.min(view.width / 4.0);
    let metres = round_length(longest * metres_per_px)?;
    let length = metres / metres_per_px;
    let (x0, y1) = (bar.margin_px, view.height - bar.margin_px);
    let rect = Rect {
        x0,
        y0: y1 - bar.height_px,
        x1: x0 + length,
        y1,
    };
    let lang = frame.lang;
    let text = if metres >= 1000.0 {
        decimal(metres / 1000.0, 0) + Ui::Kilometres.get(lang)
    } else {
        decimal(metres, 0) + Ui::Metres.get(lang)
    };
    let label_y = rect.y0 - bar.font_px * 0.75;
    let items = vec![
        Item::Rect {
            rect,
            fill: style.ink,
            stroke: style.halo,
            line_width: bar.outline_px,
        },
        Item::Label {
            text,
            at: Css { x: x0, y: label_y },
            size: bar.font_px,
            bold: false,
            color: style.ink,
            halo: style.halo,
            halo_width: style.halo_width_px,
            align: Align::Left,
        },
    ];
    // What labels must avoid: the bar and a generous box for its text.
    let covered = Rect {
        x0: 0.0,
        y0: label_y - bar.font_px,
        x1: x0 + length.max(bar.font_px * 4.0) + bar.margin_px,
        y1: view.height,
    };
    Some((items, covered))
}

/// The longest of 1, 2 or 5 times a power of ten metres that is at most `metres`; `None`
/// below a metre or for a length that is not finite.
pub fn round_length(metres: f64) -> Option<f64> {
    if !(1.0..1e8).contains(&metres) {
        return None;
    }
    let mut power = 1.0;
    while power * 10.0 <= metres {
        power *= 10.0;
    }
    Some(if 5.0 * power <= metres {
        5.0 * power
    } else if 2.0 * power <= metres {
        2.0 * power
    } else {
        power
    })
}
