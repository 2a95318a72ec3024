//! The scene: a plain display list (areas, circles, labels in CSS pixels) built from the
//! map state. The canvas painter and later the SVG painter are short loops over it.

use crate::data::model::Kind;
use crate::geo::coords::Css;
use crate::geo::shapes::PlaneShape;
use crate::render::labels::{self, Align, Rect, Request};
use crate::render::style::{Color, Style};
use crate::ui::map::Map;

/// One thing to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Filled polygons (all rings of one place, filled even-odd) with an outline.
    Area {
        /// The place index, if it is a place.
        place: Option<usize>,
        /// Rings in CSS px.
        rings: Vec<Vec<Css>>,
        /// Fill colour.
        fill: Color,
        /// Outline colour.
        stroke: Color,
        /// Outline width, CSS px.
        line_width: f64,
    },
    /// A circle: a point symbol or an approximate extent.
    Circle {
        /// The place index, if it is a place.
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
        /// Dashed outline (used for approximate extents).
        dashed: bool,
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
    /// Background fill.
    pub background: Color,
    /// Items, back to front.
    pub items: Vec<Item>,
}

/// Builds the scene for the map's current state; `None` before the map has a size.
pub fn build(map: &Map, style: &Style) -> Option<Scene> {
    let view = map.view()?;
    let data = map.data();
    let mut items = Vec::new();
    let active = |i: usize| map.selected() == Some(i) || map.hovered() == Some(i);

    // Areas: context first, then places, the selected one last so its outline is on top.
    let mut order: Vec<usize> = (0..data.places.len()).collect();
    order.sort_by_key(|&i| {
        let kind = data.places.get(i).map(|p| p.kind);
        (kind != Some(Kind::Context), map.selected() == Some(i))
    });
    for &i in &order {
        let (Some(place), Some(PlaneShape::Area(polys))) =
            (data.places.get(i), map.projected().shapes.get(i))
        else {
            continue;
        };
        let ks = style.for_place(place.kind, &place.id);
        let selected = map.selected() == Some(i);
        items.push(Item::Area {
            place: Some(i),
            rings: polys
                .iter()
                .flat_map(|p| &p.rings)
                .map(|r| r.iter().map(|p| view.to_css(*p)).collect())
                .collect(),
            fill: if active(i) { ks.fill_active } else { ks.fill }.alpha(area_alpha(place.kind)),
            stroke: if selected { style.selection } else { ks.stroke },
            line_width: if selected { 2.0 } else { ks.line_width },
        });
    }

    // Point places: approximate extent, then symbol.
    let mut obstacles = Vec::new();
    for (i, place) in data.places.iter().enumerate() {
        let Some(PlaneShape::Point(p)) = map.projected().shapes.get(i) else {
            continue;
        };
        let ks = style.for_place(place.kind, &place.id);
        let center = view.to_css(*p);
        if let Some(area) = place.area_km2 {
            // Area-true circle: r = sqrt(A/π); the plane is in metres at true scale here.
            let radius = (area * 1.0e6 / std::f64::consts::PI).sqrt() * view.scale;
            items.push(Item::Circle {
                place: None,
                center,
                radius,
                fill: Some(ks.fill.alpha(28)),
                stroke: ks.fill,
                line_width: 1.0,
                dashed: true,
            });
        }
        let selected = map.selected() == Some(i);
        let radius = if active(i) {
            ks.radius + 2.0
        } else {
            ks.radius
        };
        items.push(Item::Circle {
            place: Some(i),
            center,
            radius,
            fill: Some(if active(i) { ks.fill_active } else { ks.fill }),
            stroke: if selected { style.selection } else { ks.stroke },
            line_width: ks.line_width,
            dashed: false,
        });
        obstacles.push(Rect {
            x0: center.x - radius - 1.0,
            y0: center.y - radius - 1.0,
            x1: center.x + radius + 1.0,
            y1: center.y + radius + 1.0,
        });
    }

    if let Some(box_) = legend(map, style, view.width, view.height, &mut items) {
        obstacles.push(box_);
    }

    // Labels, most important first: the active place, provinces, wings, counties, parks.
    let priority = |i: usize, kind: Kind| {
        let rank = match kind {
            Kind::Province => 1,
            Kind::Wing => 2,
            Kind::Counties => 3,
            Kind::Park => 4,
            Kind::Context => 9,
        };
        (if active(i) { 0 } else { rank }, i)
    };
    let mut wanted: Vec<(usize, Kind)> = data
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind.selectable())
        .map(|(i, p)| (i, p.kind))
        .collect();
    wanted.sort_by_key(|&(i, kind)| priority(i, kind));
    let mut requests = Vec::new();
    for (i, kind) in wanted {
        let Some(place) = data.places.get(i) else {
            continue;
        };
        // The exclave is too small for its name at article sizes; a label nudged off it would
        // seem to name its neighbour. It is named when a reader points at it.
        if kind == Kind::Counties && !active(i) {
            continue;
        }
        let ks = style.for_place(kind, &place.id);
        let (anchor, size, centred, offset) = match map.projected().shapes.get(i) {
            Some(PlaneShape::Point(p)) => {
                (view.to_css(*p), style.point_font_px, false, ks.radius + 4.0)
            }
            Some(PlaneShape::Area(_)) => {
                let anchor = place
                    .label
                    .map(|ll| view.to_css(map.projection().forward(ll)))
                    .or_else(|| area_center(map, i));
                let Some(anchor) = anchor else { continue };
                let size = if kind == Kind::Province {
                    style.province_font_px
                } else {
                    style.point_font_px - 1.0
                };
                // The place a reader is pointing at must be named: let it move aside.
                (anchor, size, true, if active(i) { 18.0 } else { 0.0 })
            }
            None => continue,
        };
        requests.push(Request {
            text: place.label_text(map.lang()).to_string(),
            size,
            bold: matches!(kind, Kind::Province | Kind::Wing),
            anchor,
            centred,
            offset,
        });
    }
    for placed in labels::place(&requests, &obstacles, view.width, view.height) {
        let Some(r) = requests.get(placed.request) else {
            continue;
        };
        items.push(Item::Label {
            text: r.text.clone(),
            at: placed.at,
            size: r.size,
            bold: r.bold,
            color: style.ink,
            halo: style.halo,
            align: placed.align,
        });
    }

    Some(Scene {
        width: view.width,
        height: view.height,
        background: style.background,
        items,
    })
}

/// Wings and parks are symbol colours; drawn as areas (when data gives them outlines) they
/// are see-through so the province beneath still reads.
fn area_alpha(kind: Kind) -> u8 {
    match kind {
        Kind::Wing | Kind::Park => 110,
        _ => 255,
    }
}

/// The centre of a place's largest polygon's box, as a fallback label position.
fn area_center(map: &Map, i: usize) -> Option<Css> {
    let view = map.view()?;
    let Some(PlaneShape::Area(polys)) = map.projected().shapes.get(i) else {
        return None;
    };
    let b = polys
        .iter()
        .map(|p| p.bbox)
        .max_by(|a, b| (a.width() * a.height()).total_cmp(&(b.width() * b.height())))?;
    Some(view.to_css(crate::geo::coords::Plane {
        x: (b.min.x + b.max.x) / 2.0,
        y: (b.min.y + b.max.y) / 2.0,
    }))
}

/// Draws the key to the point symbols in the bottom-right corner; returns the box it covers.
fn legend(
    map: &Map,
    style: &Style,
    width: f64,
    height: f64,
    items: &mut Vec<Item>,
) -> Option<Rect> {
    let kinds: Vec<Kind> = [Kind::Wing, Kind::Park]
        .into_iter()
        .filter(|k| map.data().places.iter().any(|p| p.kind == *k))
        .collect();
    if kinds.is_empty() {
        return None;
    }
    let size = 11.0;
    let row = 18.0;
    let text = |k: Kind| match (k, map.lang()) {
        (Kind::Wing, crate::i18n::Lang::En) => "“New two wings” (approx.)",
        (Kind::Wing, crate::i18n::Lang::Zh) => "“新两翼”（位置为近似）",
        (_, crate::i18n::Lang::En) => "Zhongguancun partner park (approx.)",
        (_, crate::i18n::Lang::Zh) => "中关村合作园区（位置为近似）",
    };
    let text_w = kinds
        .iter()
        .map(|k| labels::text_width(text(*k), size, false))
        .fold(0.0, f64::max);
    let w = 8.0 + 14.0 + text_w + 8.0;
    let h = 6.0 + row * kinds.len() as f64 + 2.0;
    let x0 = width - w - 6.0;
    let y0 = height - h - 6.0;
    if x0 < 0.0 || y0 < 0.0 {
        return None;
    }
    let corner = |x: f64, y: f64| Css { x, y };
    items.push(Item::Area {
        place: None,
        rings: vec![vec![
            corner(x0, y0),
            corner(x0 + w, y0),
            corner(x0 + w, y0 + h),
            corner(x0, y0 + h),
            corner(x0, y0),
        ]],
        fill: style.halo,
        stroke: Color::hex(0xc9c7bf),
        line_width: 0.8,
    });
    for (k, kind) in kinds.iter().enumerate() {
        let ks = style.for_place(*kind, "");
        let cy = y0 + 6.0 + row * (k as f64 + 0.5);
        items.push(Item::Circle {
            place: None,
            center: corner(x0 + 8.0 + 6.0, cy),
            radius: ks.radius.min(6.0),
            fill: Some(ks.fill),
            stroke: ks.stroke,
            line_width: 1.0,
            dashed: false,
        });
        items.push(Item::Label {
            text: text(*kind).to_string(),
            at: corner(x0 + 8.0 + 14.0 + 2.0, cy),
            size,
            bold: false,
            color: style.ink,
            halo: style.halo,
            align: Align::Left,
        });
    }
    Some(Rect {
        x0,
        y0,
        x1: x0 + w,
        y1: y0 + h,
    })
}
