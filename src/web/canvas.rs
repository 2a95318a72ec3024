//! The canvas painter: a short loop over the scene's display list. Each place's outline is
//! turned into a `Path2D` (in plane metres) once per detail level and drawn through the
//! view's transform, so a hover or a zoom re-sends a few dozen calls, not every vertex, and
//! the browser fills only the vertices a reader could see at that zoom.

use crate::geo::shapes::{PlaneShape, Projected};
use crate::geo::simplify::{detail_level, thin_ring, tolerance};
use crate::i18n::decimal;
use crate::render::labels::Align;
use crate::render::scene::{Item, Scene};
use crate::render::style::Color;
use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, CanvasWindingRule, Path2d};

/// Paints scenes on one canvas, keeping what does not change between frames.
pub struct Painter {
    ctx: CanvasRenderingContext2d,
    /// Per detail level seen recently: one path per place (`None` for points), in plane
    /// metres. Newest last; a few levels cover a zoom in and back out.
    levels: Vec<(i32, Vec<Option<Path2d>>)>,
    /// CSS strings of the colours seen so far: a scene uses a dozen, every frame. A short
    /// list beats a hash map here, in speed and in wasm size.
    colors: Vec<(Color, String)>,
    /// CSS font strings by (size, bold).
    fonts: Vec<((f64, bool), String)>,
}

/// Detail levels kept at once: enough for a zoom from the whole region to the closest view.
const LEVELS_KEPT: usize = 6;

/// The path of an area's rings on the plane, thinned to `tolerance` metres; `None` for a point.
fn plane_path(shape: &PlaneShape, tolerance: f64) -> Result<Option<Path2d>, JsValue> {
    let PlaneShape::Area(polys) = shape else {
        return Ok(None);
    };
    let path = Path2d::new()?;
    for ring in polys.iter().flat_map(|p| &p.rings) {
        let ring = thin_ring(ring, tolerance);
        let mut pts = ring.iter();
        if let Some(first) = pts.next() {
            path.move_to(first.x, first.y);
            for p in pts {
                path.line_to(p.x, p.y);
            }
            path.close_path();
        }
    }
    Ok(Some(path))
}

/// The cached value for `key`, made by `make` the first time.
fn cached<K: PartialEq + Copy>(
    cache: &mut Vec<(K, String)>,
    key: K,
    make: impl FnOnce() -> String,
) -> &str {
    let at = match cache.iter().position(|(k, _)| *k == key) {
        Some(at) => at,
        None => {
            cache.push((key, make()));
            cache.len() - 1
        }
    };
    cache.get(at).map_or("", |(_, v)| v.as_str())
}

impl Painter {
    /// A painter for `ctx` that draws the places of `projected`.
    pub fn new(ctx: CanvasRenderingContext2d) -> Painter {
        Painter {
            ctx,
            levels: Vec::new(),
            colors: Vec::new(),
            fonts: Vec::new(),
        }
    }

    /// The paths at `level`, built the first time it is needed. They are taken out of the
    /// cache while a scene is painted; [`Painter::paint`] puts them back.
    fn take_paths(
        &mut self,
        projected: &Projected,
        level: i32,
    ) -> Result<Vec<Option<Path2d>>, JsValue> {
        if let Some(at) = self.levels.iter().position(|(l, _)| *l == level) {
            return Ok(self.levels.remove(at).1);
        }
        if self.levels.len() >= LEVELS_KEPT {
            self.levels.remove(0);
        }
        projected
            .shapes
            .iter()
            .map(|shape| plane_path(shape, tolerance(level)))
            .collect()
    }

    fn set_fill(&mut self, c: Color) {
        self.ctx
            .set_fill_style_str(cached(&mut self.colors, c, || c.to_css()));
    }

    fn set_stroke(&mut self, c: Color) {
        self.ctx
            .set_stroke_style_str(cached(&mut self.colors, c, || c.to_css()));
    }

    /// Paints `scene`, whose areas are the places of `projected`; the canvas has `dpr` device
    /// pixels per CSS pixel.
    pub fn paint(&mut self, scene: &Scene, projected: &Projected, dpr: f64) -> Result<(), JsValue> {
        let ctx = self.ctx.clone();
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        self.set_fill(scene.background);
        ctx.fill_rect(0.0, 0.0, scene.width, scene.height);
        ctx.set_line_join("round");
        let no_dash = js_sys::Array::new();
        let view = scene.view;
        let level = detail_level(dpr * view.scale);
        let paths = self.take_paths(projected, level)?;
        for item in &scene.items {
            match item {
                Item::Area {
                    place,
                    fill,
                    stroke,
                    line_width,
                } => {
                    let Some(Some(path)) = paths.get(*place) else {
                        continue;
                    };
                    // Plane metres → device pixels, north up; widths scale with it, so
                    // give them in plane units.
                    let s = dpr * view.scale;
                    ctx.set_transform(s, 0.0, 0.0, -s, dpr * view.tx, dpr * view.ty)?;
                    if let Some(fill) = fill {
                        self.set_fill(*fill);
                        ctx.fill_with_path_2d_and_winding(path, CanvasWindingRule::Evenodd);
                    }
                    self.set_stroke(*stroke);
                    ctx.set_line_width(line_width / view.scale);
                    ctx.stroke_with_path(path);
                    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
                }
                Item::Rect {
                    rect,
                    fill,
                    stroke,
                    line_width,
                } => {
                    let (w, h) = (rect.x1 - rect.x0, rect.y1 - rect.y0);
                    self.set_fill(*fill);
                    ctx.fill_rect(rect.x0, rect.y0, w, h);
                    self.set_stroke(*stroke);
                    ctx.set_line_width(*line_width);
                    ctx.stroke_rect(rect.x0, rect.y0, w, h);
                }
                Item::Circle {
                    center,
                    radius,
                    fill,
                    stroke,
                    line_width,
                    dash,
                    ..
                } => {
                    ctx.begin_path();
                    ctx.arc(center.x, center.y, *radius, 0.0, std::f64::consts::TAU)?;
                    if let Some(fill) = fill {
                        self.set_fill(*fill);
                        ctx.fill();
                    }
                    if let Some([on, off]) = dash {
                        let pattern = js_sys::Array::of2(&JsValue::from(*on), &JsValue::from(*off));
                        ctx.set_line_dash(&pattern)?;
                    }
                    self.set_stroke(*stroke);
                    ctx.set_line_width(*line_width);
                    ctx.stroke();
                    if dash.is_some() {
                        ctx.set_line_dash(&no_dash)?;
                    }
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
                    let font = cached(&mut self.fonts, (*size, *bold), || {
                        let weight = if *bold { "600" } else { "400" };
                        format!("{weight} {}px {}", decimal(*size, 2), scene.font_family)
                    });
                    ctx.set_font(font);
                    ctx.set_text_align(match align {
                        Align::Left => "left",
                        Align::Center => "center",
                    });
                    ctx.set_text_baseline("middle");
                    self.set_stroke(*halo);
                    ctx.set_line_width(*halo_width);
                    ctx.stroke_text(text, at.x, at.y)?;
                    self.set_fill(*color);
                    ctx.fill_text(text, at.x, at.y)?;
                }
            }
        }
        self.levels.push((level, paths));
        Ok(())
    }
}
