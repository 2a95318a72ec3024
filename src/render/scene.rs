//! The scene: a plain display list (areas by place, circles, boxes, labels in CSS pixels)
//! built from a [`Frame`]. The canvas painter and later the SVG painter are short loops over it.

use crate::data::model::Kind;
use crate::geo::coords::Css;
use crate::geo::pole::edge_distance;
use crate::geo::shapes::PlaneShape;
use crate::i18n::Lang;
use crate::render::display::{symbol, Color, Item, Rect, Scene};
use crate::render::frame::Frame;
use crate::render::labels::{self, Request};
use crate::render::style::KindStyle;
use crate::render::text_width::text_width;
use crate::render::values::ValueKind;
use crate::render::{legend, scale_bar};

/// Builds the display list for `frame`, as the widget paints it: its key is text in the
/// page, so the whole canvas is the map's.
pub fn build(frame: &Frame) -> Scene {
    build_scene::<false>(frame)
}

/// Builds the display list with the key drawn in a corner, for static pictures.
pub fn with_legend(frame: &Frame) -> Scene {
    build_scene::<true>(frame)
}

/// The display list; `LEGEND` is a constant so the widget's build leaves the drawn key's
/// code out of the wasm.
fn build_scene<const LEGEND: bool>(frame: &Frame) -> Scene {
    let mut items = areas(frame);
    let (symbols, mut obstacles) = symbols(frame);
    items.extend(symbols);
    let (circles, covered) = count_circles(frame);
    items.extend(circles);
    obstacles.extend(covered);
    // The zoom buttons sit over the map's top-left corner: no label goes under them.
    let controls = frame.style.controls_px;
    obstacles.push(Rect {
        x0: 0.0,
        y0: 0.0,
        x1: controls[0],
        y1: controls[1],
    });
    if let Some((bar, covered)) = scale_bar::build(frame) {
        items.extend(bar);
        obstacles.push(covered);
    }
    if LEGEND {
        if let Some((key, covered)) = legend::build(frame) {
            items.extend(key);
            obstacles.push(covered);
        }
    }
    items.extend(labels(frame, &obstacles));
    items.extend(focus_ring(frame));
    Scene {
        width: frame.view.width,
        height: frame.view.height,
        view: frame.view,
        background: frame.style.background,
        font_family: frame.style.font_family,
        items,
    }
}

/// Areas: context first, then places, the selected one last so its outline is on top. Areas
/// wholly outside the canvas are left out: zoomed in on big data, they are most of it.
fn areas(frame: &Frame) -> Vec<Item> {
    let style = frame.style;
    let visible = frame.view.visible();
    let order = ranked(0..frame.data.places.len(), |i| {
        let kind = frame.data.places.get(i).map(|p| p.kind);
        u8::from(kind != Some(Kind::Context)) + u8::from(frame.selected == Some(i))
    });
    order
        .into_iter()
        .filter_map(|i| {
            let (place, shape @ PlaneShape::Area(_)) = frame.place(i)? else {
                return None;
            };
            if let (Some(visible), Some(bbox)) = (visible, shape.bbox()) {
                if !visible.intersects(&bbox) {
                    return None;
                }
            }
            let kind_style = style.for_place(place.kind, frame.tint(i));
            let (fill, stroke) = emphasis(frame, i, &kind_style);
            // Wings and parks are symbol colours; drawn as areas they are see-through so the
            // province beneath still reads.
            let fill = match place.kind {
                Kind::Wing | Kind::Park => fill.alpha(style.see_through_alpha),
                _ => fill,
            };
            // On a map of rates, a place's class colour, or the hatched no-data fill.
            let (fill, hatch) = match class_fill(frame, i) {
                Some(Some(class)) => (class, None),
                Some(None) => (style.no_data[0], Some(style.no_data[1])),
                None => (fill, None),
            };
            Some(Item::Area {
                place: i,
                fill: Some(fill),
                hatch,
                stroke,
                line_width: if frame.selected == Some(i) {
                    style.selected_line_width_px
                } else {
                    kind_style.line_width
                },
            })
        })
        .collect()
}

/// Place `i`'s fill on a map of rates: `Some(Some(colour))` its class's, `Some(None)` no
/// figure; `None` where the map's own colours apply (no figures, counts, or a neighbour).
fn class_fill(frame: &Frame, i: usize) -> Option<Option<Color>> {
    let values = frame
        .values()
        .filter(|v| v.options.kind == ValueKind::Rate)?;
    let place = frame.data.places.get(i)?;
    if place.kind == Kind::Context {
        return None;
    }
    let fill = values.fill(i, frame.style.theme);
    // While the key highlights a class, the other places fade towards the background.
    Some(match frame.highlight {
        Some(c) if values.class_of(i) != Some(c) => fill.map(|f| f.alpha(DIMMED_ALPHA)),
        _ => fill,
    })
}

/// How much of a dimmed place's class colour shows while the key highlights another class.
const DIMMED_ALPHA: u8 = 56;

/// Circles for counts: area in proportion to the figure, at the place's label anchor (an
/// area's pole, a point's own position), the largest first so none hides a smaller one.
/// Zero draws nothing. Returns the circles and their boxes, for the labels to avoid.
fn count_circles(frame: &Frame) -> (Vec<Item>, Vec<Rect>) {
    let Some(values) = frame
        .values()
        .filter(|v| v.options.kind == ValueKind::Count)
    else {
        return (Vec::new(), Vec::new());
    };
    let style = frame.style;
    let circles: Vec<(f64, usize, Css)> = (0..frame.data.places.len())
        .filter_map(|i| {
            let v = values.value(i).filter(|v| *v > 0.0)?;
            let at = frame.view.to_css(frame.projected.anchor(i)?);
            let side = frame.view.width.min(frame.view.height);
            Some((values.radius(v, side), i, at))
        })
        .collect();
    let larger_first: Vec<f64> = circles.iter().map(|c| -c.0).collect();
    let circles = crate::data::order::ascending(&larger_first)
        .into_iter()
        .filter_map(|k| circles.get(k).copied());
    let colour = values.circle_colour(style.theme);
    let mut items = Vec::new();
    let mut boxes = Vec::new();
    for (radius, i, center) in circles {
        let stroke = if frame.selected == Some(i) {
            style.selection
        } else {
            style.halo.alpha(255)
        };
        items.push(Item::Circle {
            place: Some(i),
            center,
            radius,
            fill: Some(colour.alpha(if frame.active(i) { 235 } else { 190 })),
            stroke,
            line_width: if frame.selected == Some(i) {
                style.selected_line_width_px
            } else {
                1.0
            },
            dash: None,
        });
        boxes.push(Rect::around(center, radius));
    }
    (items, boxes)
}

/// Place `i`'s fill and outline this frame: the active fill while it is hovered or
/// selected, the selection's outline while it is selected (areas and symbols alike).
fn emphasis(frame: &Frame, i: usize, kind_style: &KindStyle) -> (Color, Color) {
    let fill = if frame.active(i) {
        kind_style.fill_active
    } else {
        kind_style.fill
    };
    let stroke = if frame.selected == Some(i) {
        frame.style.selection
    } else {
        kind_style.stroke
    };
    (fill, stroke)
}

/// The radius of place `i`'s symbol this frame: larger while hovered or selected.
fn symbol_radius(frame: &Frame, i: usize, base: f64) -> f64 {
    if frame.active(i) {
        base + frame.style.active_growth_px
    } else {
        base
    }
}

/// Point places: approximate extent, then symbol. Returns the items and the symbols' boxes.
fn symbols(frame: &Frame) -> (Vec<Item>, Vec<Rect>) {
    let style = frame.style;
    let mut items = Vec::new();
    let mut obstacles = Vec::new();
    for (i, place, shape) in frame.places() {
        let PlaneShape::Point(p) = shape else {
            continue;
        };
        let kind_style = style.for_place(place.kind, frame.tint(i));
        let center = frame.view.to_css(*p);
        if let Some(area) = place.area_km2 {
            // Area-true circle: r = sqrt(A/π); the conformal plane is at true scale here.
            let radius = (area * 1.0e6 / std::f64::consts::PI).sqrt() * frame.view.scale;
            items.push(Item::Circle {
                place: None,
                center,
                radius,
                fill: Some(kind_style.fill.alpha(style.extent.fill_alpha)),
                stroke: kind_style.fill,
                line_width: style.extent.line_width,
                dash: Some(style.extent.dash),
            });
        }
        let radius = symbol_radius(frame, i, kind_style.radius);
        let (fill, stroke) = emphasis(frame, i, &kind_style);
        // On a map of rates a symbol takes its class's colour; one without a figure, the
        // no-data colours.
        let (fill, stroke) = match class_fill(frame, i) {
            Some(Some(class)) => (class, stroke),
            Some(None) => (style.no_data[0], style.no_data[1]),
            None => (fill, stroke),
        };
        let paint = (fill, stroke, kind_style.line_width);
        items.push(symbol(kind_style.square, center, radius, paint, Some(i)));
        obstacles.push(Rect::around(center, radius + style.symbol_clearance_px));
    }
    (items, obstacles)
}

/// Label order, most important first: the active place, provinces, wings, counties, parks.
fn label_rank(frame: &Frame, i: usize, kind: Kind) -> u8 {
    let rank = match kind {
        Kind::Province => 1,
        Kind::Wing => 2,
        Kind::Counties => 3,
        Kind::Park => 4,
        Kind::Context => 9,
    };
    if frame.active(i) {
        0
    } else {
        rank
    }
}

/// `indices` ordered by `rank`, equal ranks in index order: a pass per rank rather than a
/// sort, since ranks are a handful of small numbers (and each sort call site would add its
/// own 2–4 KB of sorting code to the wasm).
fn ranked(indices: impl Iterator<Item = usize>, rank: impl Fn(usize) -> u8) -> Vec<usize> {
    let ranks: Vec<(u8, usize)> = indices.map(|i| (rank(i), i)).collect();
    let mut out = Vec::with_capacity(ranks.len());
    for r in 0..=u8::MAX {
        out.extend(ranks.iter().filter(|(k, _)| *k == r).map(|(_, i)| *i));
        if out.len() == ranks.len() {
            break;
        }
    }
    out
}

/// Where a neighbouring area's name goes, its box `half` (width, height) px either side of
/// its middle: the pole of the part of the area on the canvas, found on a 6×6 grid of points.
/// Of the points inside the area whose name would clear the `obstacles`, the one farthest
/// from both the area's edges and the canvas's, with the name's width kept inside the canvas
/// (most of a neighbour lies off the canvas, and its own pole with it). `None` if no grid
/// point has room: too little of the area shows for its name.
fn context_anchor(frame: &Frame, i: usize, half: (f64, f64), obstacles: &[Rect]) -> Option<Css> {
    let PlaneShape::Area(polygons) = frame.projected.shapes.get(i)? else {
        return None;
    };
    let view = &frame.view;
    let (half, line) = half;
    let mut best: Option<(f64, Css)> = None;
    for k in 0..36u8 {
        let at = Css {
            x: view.width * (f64::from(k % 6) + 0.5) / 6.0,
            y: view.height * (f64::from(k / 6) + 0.5) / 6.0,
        };
        // Room in CSS pixels: to the canvas's edges (the name's width kept inside), then to
        // the area's. The second costs a pass over the area's edges, so it is measured only
        // for a point that could beat the best so far and lies inside the area.
        let edges = (at.x - half)
            .min(view.width - at.x - half)
            .min(at.y.min(view.height - at.y));
        if edges <= best.map_or(0.0, |(b, _)| b) {
            continue;
        }
        let name = Rect {
            x0: at.x - half,
            y0: at.y - line,
            x1: at.x + half,
            y1: at.y + line,
        };
        if obstacles.iter().any(|o| o.overlaps(&name)) {
            continue;
        }
        let plane = view.to_plane(at)?;
        let Some(inside) = polygons.iter().find(|p| p.contains(plane)) else {
            continue;
        };
        let room = (edge_distance(inside, plane) * view.scale).min(edges);
        if best.map_or(true, |(b, _)| room > b) {
            best = Some((room, at));
        }
    }
    best.map(|(_, at)| at)
}

/// What each label wants, in priority order: the selectable places, then the neighbours.
fn label_requests(frame: &Frame, obstacles: &[Rect]) -> Vec<Request> {
    let style = frame.style;
    let selectable = frame
        .places()
        .filter(|(_, place, _)| place.kind.selectable() || place.kind == Kind::Context)
        .map(|(i, _, _)| i);
    let wanted = ranked(selectable, |i| {
        let kind = frame.data.places.get(i).map_or(Kind::Context, |p| p.kind);
        label_rank(frame, i, kind)
    });
    wanted
        .into_iter()
        .filter_map(|i| {
            let (place, shape) = frame.place(i)?;
            // The exclave is too small for its name at article sizes; a label nudged off it
            // would seem to name its neighbour. It is named when a reader points at it.
            if place.kind == Kind::Counties && !frame.active(i) {
                return None;
            }
            // Both languages stacked, Chinese above, when the page asked for `zh-en`.
            let text = place
                .label_text(if frame.bilingual {
                    Lang::Zh
                } else {
                    frame.lang
                })
                .to_string();
            let second = (frame.bilingual
                && place.label_text(Lang::Zh) != place.label_text(Lang::En))
            .then(|| place.label_text(Lang::En).to_string());
            let anchor = if place.kind == Kind::Context {
                // The name's box as `labels::place` will see it: the wider line, and one line
                // or two (stacked).
                let wide = |t: &str| text_width(t, style.area_font_px, false);
                let width = wide(&text).max(second.as_deref().map_or(0.0, wide));
                let lines = if second.is_some() { 2.0 } else { 1.0 };
                let height = lines * style.area_font_px * style.line_height;
                context_anchor(frame, i, (width / 2.0, height / 2.0), obstacles)?
            } else {
                frame.view.to_css(frame.projected.anchor(i)?)
            };
            let (size, centred, offset) = match shape {
                PlaneShape::Point(_) => {
                    let radius = style.for_place(place.kind, frame.tint(i)).radius;
                    (
                        style.point_font_px,
                        false,
                        radius + style.symbol_label_gap_px,
                    )
                }
                PlaneShape::Area(_) => {
                    let size = if place.kind == Kind::Province {
                        style.province_font_px
                    } else {
                        style.area_font_px
                    };
                    // The place a reader is pointing at must be named: let it move aside.
                    let offset = if frame.active(i) {
                        style.active_label_offset_px
                    } else {
                        0.0
                    };
                    (size, true, offset)
                }
            };
            Some(Request {
                text,
                second,
                size,
                bold: matches!(place.kind, Kind::Province | Kind::Wing),
                anchor,
                centred,
                offset,
                muted: place.kind == Kind::Context,
            })
        })
        .collect()
}

/// Labels placed without overlaps, avoiding `obstacles`. A stacked label is two items, a
/// line above and a line below its anchor.
fn labels(frame: &Frame, obstacles: &[Rect]) -> Vec<Item> {
    let style = frame.style;
    let requests = label_requests(frame, obstacles);
    let placed = labels::place(
        &requests,
        obstacles,
        frame.view.width,
        frame.view.height,
        style.line_height,
    );
    let mut items = Vec::new();
    for p in placed {
        let Some(r) = requests.get(p.request) else {
            continue;
        };
        let half = if r.second.is_some() {
            r.size * style.line_height / 2.0
        } else {
            0.0
        };
        let line = |text: &String, dy: f64| Item::Label {
            text: text.clone(),
            at: Css {
                x: p.at.x,
                y: p.at.y + dy,
            },
            size: r.size,
            bold: r.bold,
            color: if r.muted {
                style.context_ink
            } else {
                style.ink
            },
            halo: style.halo,
            halo_width: style.halo_width_px,
            align: p.align,
        };
        items.push(line(&r.text, -half));
        if let Some(second) = &r.second {
            items.push(line(second, half));
        }
    }
    items
}

/// The keyboard focus ring, drawn over everything: the area's outline, or a ring around
/// the symbol.
fn focus_ring(frame: &Frame) -> Option<Item> {
    let i = frame.focused?;
    let style = frame.style;
    let (place, shape) = frame.place(i)?;
    Some(match shape {
        PlaneShape::Area(_) => Item::Area {
            place: i,
            fill: None,
            hatch: None,
            stroke: style.focus,
            line_width: style.focus_ring_width_px,
        },
        PlaneShape::Point(p) => {
            let base = style.for_place(place.kind, frame.tint(i)).radius;
            Item::Circle {
                place: None,
                center: frame.view.to_css(*p),
                radius: symbol_radius(frame, i, base) + style.focus_ring_gap_px,
                fill: None,
                stroke: style.focus,
                line_width: style.focus_ring_width_px,
                dash: None,
            }
        }
    })
}
