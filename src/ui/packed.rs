//! The scene, the places' outlines and the panel flattened into numbers and strings: the form
//! in which they cross to the JavaScript painter and DOM (`www/jingjinji-map.js`). Flat arrays
//! cross the wasm boundary in one copy each, with no per-field glue, which keeps both the
//! wasm and its JavaScript bindings small. The layouts are documented here and read there.

use crate::geo::shapes::{PlaneShape, Projected};
use crate::geo::simplify::{detail_level, thin_ring, tolerance};
use crate::i18n::decimal;
use crate::render::labels::Align;
use crate::render::scene::{Item, Scene};
use crate::render::style::Color;
use crate::ui::panel::PanelContent;

/// Opcodes of a packed scene. Each item is its opcode followed by a fixed number of values;
/// colours are packed `0xRRGGBBAA` numbers ([`rgba`]), fonts and texts indices into the
/// scene's string table.
pub mod op {
    /// `AREA place fill stroke line_width`: a place's outline from the paths, filled (`fill`
    /// −1: not filled) and stroked.
    pub const AREA: f64 = 1.0;
    /// `RECT x0 y0 x1 y1 fill stroke line_width`, CSS px.
    pub const RECT: f64 = 2.0;
    /// `CIRCLE x y radius fill stroke line_width dash_on dash_off` (`fill` −1: not filled;
    /// `dash_on` 0: solid).
    pub const CIRCLE: f64 = 3.0;
    /// `LABEL text x y font color halo halo_width centred` (`centred` 1, else left-aligned).
    pub const LABEL: f64 = 4.0;
}

/// Values before the first item: `width height scale tx ty detail_level background`.
/// Colours travel as numbers, not CSS strings, so the wasm carries no colour formatting.
pub const HEADER: usize = 7;

/// A scene as numbers plus the strings they index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PackedScene {
    /// Header, then items.
    pub numbers: Vec<f64>,
    /// CSS colours, fonts and label texts, each once.
    pub strings: Vec<String>,
}

impl PackedScene {
    /// The index of `s` in the string table, adding it the first time.
    fn intern(&mut self, s: String) -> f64 {
        let at = match self.strings.iter().position(|t| *t == s) {
            Some(at) => at,
            None => {
                self.strings.push(s);
                self.strings.len() - 1
            }
        };
        at as f64
    }
}

/// A colour as the number `0xRRGGBBAA` (exact in an `f64`).
pub fn rgba(c: Color) -> f64 {
    f64::from(u32::from_be_bytes([c.r, c.g, c.b, c.a]))
}

/// An optional fill: its [`rgba`], or −1 for none.
fn rgba_or_none(c: Option<Color>) -> f64 {
    c.map_or(-1.0, rgba)
}

/// Packs `scene` for a canvas of `dpr` device pixels per CSS pixel (which picks the detail
/// level of the outlines: see [`paths`]).
pub fn scene(scene: &Scene, dpr: f64) -> PackedScene {
    let view = scene.view;
    let mut p = PackedScene::default();
    let background = rgba(scene.background);
    p.numbers = vec![
        scene.width,
        scene.height,
        view.scale,
        view.tx,
        view.ty,
        f64::from(detail_level(dpr * view.scale)),
        background,
    ];
    for item in &scene.items {
        let values = match item {
            Item::Area {
                place,
                fill,
                stroke,
                line_width,
            } => vec![
                op::AREA,
                *place as f64,
                rgba_or_none(*fill),
                rgba(*stroke),
                *line_width,
            ],
            Item::Rect {
                rect,
                fill,
                stroke,
                line_width,
            } => vec![
                op::RECT,
                rect.x0,
                rect.y0,
                rect.x1,
                rect.y1,
                rgba(*fill),
                rgba(*stroke),
                *line_width,
            ],
            Item::Circle {
                center,
                radius,
                fill,
                stroke,
                line_width,
                dash,
                ..
            } => {
                let [on, off] = dash.unwrap_or([0.0, 0.0]);
                vec![
                    op::CIRCLE,
                    center.x,
                    center.y,
                    *radius,
                    rgba_or_none(*fill),
                    rgba(*stroke),
                    *line_width,
                    on,
                    off,
                ]
            }
            Item::Label {
                text,
                at,
                size,
                bold,
                color,
                halo,
                halo_width,
                align,
            } => {
                let weight = if *bold { "600" } else { "400" };
                let font = format!("{weight} {}px {}", decimal(*size, 2), scene.font_family);
                vec![
                    op::LABEL,
                    p.intern(text.clone()),
                    at.x,
                    at.y,
                    p.intern(font),
                    rgba(*color),
                    rgba(*halo),
                    *halo_width,
                    if *align == Align::Center { 1.0 } else { 0.0 },
                ]
            }
        };
        p.numbers.extend(values);
    }
    p
}

/// Every place's outline at detail `level`, in plane metres: per place, its ring count, then
/// per ring its vertex count and `x y` pairs (thinned: [`thin_ring`]). A point has no rings.
pub fn paths(projected: &Projected, level: i32) -> Vec<f64> {
    let t = tolerance(level);
    let mut out = Vec::new();
    for shape in &projected.shapes {
        let rings: Vec<Vec<_>> = match shape {
            PlaneShape::Area(polys) => polys
                .iter()
                .flat_map(|p| &p.rings)
                .map(|r| thin_ring(r, t))
                .filter(|r| !r.is_empty())
                .collect(),
            PlaneShape::Point(_) => Vec::new(),
        };
        out.push(rings.len() as f64);
        for ring in rings {
            out.push(ring.len() as f64);
            out.extend(ring.iter().flat_map(|p| [p.x, p.y]));
        }
    }
    out
}

/// The panel as strings: `id kicker title note summary source hint`, then per section
/// `heading ordered count` (`ordered` "1" or "0") and `count` pairs of `date text`. Absent
/// values are empty strings.
pub fn panel(content: &PanelContent) -> Vec<String> {
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let mut out = vec![
        text(&content.id),
        content.kicker.clone(),
        content.title.clone(),
        text(&content.note),
        content.summary.clone(),
        text(&content.source),
        content.hint.clone(),
    ];
    for section in &content.sections {
        out.push(section.heading.clone());
        out.push(if section.ordered { "1" } else { "0" }.to_string());
        out.push(section.entries.len().to_string());
        for entry in &section.entries {
            out.push(text(&entry.date));
            out.push(entry.text.clone());
        }
    }
    out
}
