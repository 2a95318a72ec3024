//! The scene: a plain display list (areas, circles, labels in CSS pixels) built from the
//! map state. The canvas painter and later the SVG painter are short loops over it.

use crate::coords::Css;
use crate::geometry::PlaneShape;
use crate::map::Map;
use crate::model::Kind;
use crate::style::{Color, Style};

/// Horizontal anchoring of a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text starts at the anchor.
    Left,
    /// Text is centred on the anchor.
    Center,
}

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
            fill: if active(i) { ks.fill_active } else { ks.fill },
            stroke: if selected { style.selection } else { ks.stroke },
            line_width: if selected { 2.0 } else { ks.line_width },
        });
    }

    // Area labels.
    for (i, place) in data.places.iter().enumerate() {
        if place.kind != Kind::Province {
            continue;
        }
        let Some(at) = place
            .label
            .map(|ll| view.to_css(map.projection().forward(ll)))
            .or_else(|| area_center(map, i))
        else {
            continue;
        };
        items.push(Item::Label {
            text: place.label_text(map.lang()).to_string(),
            at,
            size: style.province_font_px,
            bold: true,
            color: style.ink,
            halo: style.halo,
            align: Align::Center,
        });
    }

    // Point places: approximate extent, then symbol, then label.
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
        items.push(Item::Circle {
            place: Some(i),
            center,
            radius: if active(i) {
                ks.radius + 2.0
            } else {
                ks.radius
            },
            fill: Some(if active(i) { ks.fill_active } else { ks.fill }),
            stroke: if selected { style.selection } else { ks.stroke },
            line_width: ks.line_width,
            dashed: false,
        });
        items.push(Item::Label {
            text: place.label_text(map.lang()).to_string(),
            at: Css {
                x: center.x + ks.radius + 4.0,
                y: center.y,
            },
            size: style.point_font_px,
            bold: place.kind == Kind::Wing,
            color: style.ink,
            halo: style.halo,
            align: Align::Left,
        });
    }

    Some(Scene {
        width: view.width,
        height: view.height,
        background: style.background,
        items,
    })
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
    Some(view.to_css(crate::coords::Plane {
        x: (b.min.x + b.max.x) / 2.0,
        y: (b.min.y + b.max.y) / 2.0,
    }))
}
