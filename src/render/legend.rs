//! The key to the point symbols, in the data's own words: rows of text for the widget to
//! write under the map, or drawn in the bottom-right corner of a static picture.

use crate::data::model::{Dataset, Kind, Shape};
use crate::geo::coords::Css;
use crate::i18n::{Lang, Ui};
use crate::render::display::{symbol, Align, Color, Item, Rect};
use crate::render::frame::Frame;
use crate::render::style::Style;
use crate::render::text_width;
use crate::render::values::{ValueKind, ValueLayer};

/// One row of the key: a kind of place drawn as a symbol, in the data's words.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// What it says ("Zhongguancun partner park (approx.)").
    pub text: String,
    /// The symbol's fill.
    pub fill: Color,
    /// The symbol's outline.
    pub stroke: Color,
    /// The symbol's radius on the map, CSS px.
    pub radius: f64,
    /// The symbol is a square.
    pub square: bool,
    /// The radius is the figure's own (a count's circle), not to be capped like a symbol's.
    pub exact: bool,
    /// The class of figures the row stands for (pointing at it highlights its places).
    pub class: Option<usize>,
}

/// The key's rows: one per kind drawn as a symbol, in the data format's order of kinds,
/// marked approximate when every place of the kind is. The widget writes them as text
/// under the map; pictures draw them (see [`build`]).
pub fn rows(data: &Dataset, style: &Style, lang: Lang) -> Vec<Row> {
    Kind::ALL
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
                let symbol = style.for_place(kind, 0);
                Row {
                    text,
                    fill: symbol.fill,
                    stroke: symbol.stroke,
                    radius: symbol.radius,
                    square: symbol.square,
                    exact: false,
                    class: None,
                }
            })
        })
        .collect()
}

/// The value layer's rows of the key: a map of rates' classes, lowest first, then "No data"
/// if a place has no figure; a map of counts' circles at round figures, at their size on a
/// map whose shorter side is `side` CSS px. Drawn in pictures, written as text under the
/// widget's map.
pub fn value_rows(values: Option<&ValueLayer>, style: &Style, lang: Lang, side: f64) -> Vec<Row> {
    let Some(values) = values else {
        return Vec::new();
    };
    let swatch = |text: String, fill: Color, stroke: Color, class: Option<usize>| Row {
        text,
        fill,
        stroke,
        radius: style.legend.max_symbol_radius_px,
        square: true,
        exact: false,
        class,
    };
    if values.options.kind == ValueKind::Count {
        return values
            .legend(lang, style.theme)
            .into_iter()
            .map(|step| Row {
                text: step.label,
                fill: step.colour.alpha(190),
                stroke: style.halo.alpha(255),
                radius: values.radius(step.from, side),
                square: false,
                exact: true,
                class: None,
            })
            .collect();
    }
    let mut rows: Vec<Row> = values
        .legend(lang, style.theme)
        .into_iter()
        .enumerate()
        .map(|(c, class)| swatch(class.label, class.colour, style.legend.border, Some(c)))
        .collect();
    if values.no_data() > 0 {
        rows.push(swatch(
            Ui::NoData.get(lang).to_string(),
            style.no_data[0],
            style.no_data[1],
            None,
        ));
    }
    rows
}

/// The key drawn in the bottom-right corner, for pictures (the widget's key is text in the
/// page): its items and the box they cover (for labels to avoid); `None` when there are no
/// point symbols to explain or the picture is too small for it.
pub fn build(frame: &Frame) -> Option<(Vec<Item>, Rect)> {
    let style = frame.style;
    let legend = &style.legend;
    let side = frame.view.width.min(frame.view.height);
    let mut rows = value_rows(frame.values(), style, frame.lang, side);
    rows.extend(self::rows(frame.data, style, frame.lang));
    if rows.is_empty() {
        return None;
    }
    let text_w = rows
        .iter()
        .map(|row| text_width::text_width(&row.text, legend.font_px, false))
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
    for (k, row) in rows.into_iter().enumerate() {
        let cy = y0 + legend.top_px + legend.row_px * (k as f64 + 0.5);
        let (cx, r) = (
            x0 + legend.padding_px + legend.swatch_px / 2.0 - 1.0,
            row.radius.min(legend.max_symbol_radius_px),
        );
        let paint = (row.fill, row.stroke, legend.symbol_line_width);
        items.push(symbol(row.square, Css { x: cx, y: cy }, r, paint, None));
        items.push(Item::Label {
            text: row.text,
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
