//! The key to the point symbols, in the bottom-right corner, in the data's own words.

use crate::data::model::{Kind, Shape};
use crate::geo::coords::Css;
use crate::i18n::Ui;
use crate::render::frame::Frame;
use crate::render::labels::{self, Align, Rect};
use crate::render::scene::Item;

/// The legend's items and the box they cover (for labels to avoid); `None` when there are
/// no point symbols to explain or the canvas is too small for the legend.
pub fn build(frame: &Frame) -> Option<(Vec<Item>, Rect)> {
    let data = frame.data;
    let style = frame.style;
    let legend = &style.legend;
    let lang = frame.lang;
    // One row per kind drawn as a symbol, in the data format's order of kinds.
    let rows: Vec<(Kind, String)> = Kind::ALL
        .into_iter()
        .filter_map(|kind| {
            let mut of_kind = data.places.iter().filter(|p| p.kind == kind).peekable();
            of_kind.peek()?;
            let mut any_point = false;
            let mut all_approximate = true;
            for p in of_kind {
                any_point |= matches!(p.shape, Shape::Point(_));
                all_approximate &= p.approximate;
            }
            any_point.then(|| {
                let mut text = data.kind_legend(kind).get(lang).to_string();
                if all_approximate {
                    text.push_str(Ui::ApproxSuffix.get(lang));
                }
                (kind, text)
            })
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let text_w = rows
        .iter()
        .map(|(_, text)| labels::text_width(text, legend.font_px, false))
        .fold(0.0, f64::max);
    let w = legend.padding_px + legend.swatch_px + text_w + legend.padding_px;
    let h = legend.top_px + legend.row_px * rows.len() as f64 + legend.bottom_px;
    let x0 = frame.view.width - w - legend.margin_px;
    let y0 = frame.view.height - h - legend.margin_px;
    if x0 < 0.0 || y0 < 0.0 {
        return None;
    }
    let rect = Rect {
        x0,
        y0,
        x1: x0 + w,
        y1: y0 + h,
    };
    let mut items = vec![Item::Rect {
        rect,
        fill: style.halo,
        stroke: legend.border,
        line_width: legend.border_width,
    }];
    for (row, (kind, text)) in rows.into_iter().enumerate() {
        let symbol = style.for_place(kind, "");
        let cy = y0 + legend.top_px + legend.row_px * (row as f64 + 0.5);
        items.push(Item::Circle {
            place: None,
            center: Css {
                x: x0 + legend.padding_px + legend.swatch_px / 2.0 - 1.0,
                y: cy,
            },
            radius: symbol.radius.min(legend.max_symbol_radius_px),
            fill: Some(symbol.fill),
            stroke: symbol.stroke,
            line_width: legend.symbol_line_width,
            dash: None,
        });
        items.push(Item::Label {
            text,
            at: Css {
                x: x0 + legend.padding_px + legend.swatch_px + legend.text_gap_px,
                y: cy,
            },
            size: legend.font_px,
            bold: false,
            color: style.ink,
            halo: style.halo,
            halo_width: style.halo_width_px,
            align: Align::Left,
        });
    }
    Some((items, rect))
}
