//! The canvas painter: a short loop over the display list (`render::scene`) through web-sys,
//! the twin of the SVG writer. A place's outline at a detail level is built once as a
//! `Path2D` and kept; while a gesture moves the map, a frame moves the last full frame's
//! pixels instead of drawing everything.

use crate::geo::coords::Plane;
use crate::geo::simplify::detail_level;
use crate::geo::view::View;
use crate::i18n::decimal;
use crate::render::display::{
    Align, Color, Item, Scene, AREA_MITER_LIMIT, HATCH_LINE_PX, HATCH_PX,
};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CanvasPattern, CanvasRenderingContext2d, CanvasWindingRule, HtmlCanvasElement, Path2d,
};

/// Detail levels of outlines kept at once: enough to zoom in fully and back out.
const LEVELS_KEPT: usize = 6;

/// A canvas's 2D context, or an error saying the browser gives none.
pub fn context_of(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .and_then(|c| c.dyn_into().ok())
        .ok_or_else(|| JsValue::from_str("this browser gives no 2D canvas context"))
}

/// One path per place (none for a point) at one detail level.
struct Level {
    level: i32,
    paths: Vec<Option<Path2d>>,
}

/// What paints one map's canvas, and what it keeps between frames.
pub struct Painter {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// Device pixels per CSS pixel the backing store was sized for.
    dpr: f64,
    /// Outlines by level, most recently used last.
    levels: Vec<Level>,
    /// A copy of the last full frame's pixels, while a gesture moves them.
    snapshot: Option<HtmlCanvasElement>,
    snapshot_fresh: bool,
    /// The view and background of the last full frame.
    drawn: Option<(View, Color)>,
    /// The no-data hatch as a pattern, for the colour and pixel ratio it was made at.
    hatch: Option<(Color, f64, CanvasPattern)>,
}

impl Painter {
    /// A painter for `canvas`.
    pub fn new(canvas: HtmlCanvasElement) -> Result<Painter, JsValue> {
        let ctx = context_of(&canvas)?;
        Ok(Painter {
            canvas,
            ctx,
            dpr: 1.0,
            levels: Vec::new(),
            snapshot: None,
            snapshot_fresh: false,
            drawn: None,
            hatch: None,
        })
    }

    /// Sizes the backing store (`width` × `height` device px for `dpr`); only when it
    /// changes, as setting it clears the canvas.
    pub fn size_to(&mut self, (width, height): (u32, u32), dpr: f64) {
        self.dpr = dpr;
        if self.canvas.width() != width || self.canvas.height() != height {
            self.canvas.set_width(width);
            self.canvas.set_height(height);
        }
    }

    /// The paths of every place at `level`, built from `outlines` the first time.
    fn paths(
        &mut self,
        level: i32,
        outlines: impl FnOnce(i32) -> Vec<Vec<Vec<Plane>>>,
    ) -> Result<&[Option<Path2d>], JsValue> {
        let kept = match self.levels.iter().position(|l| l.level == level) {
            Some(at) => self.levels.remove(at),
            None => {
                let mut paths = Vec::new();
                for rings in outlines(level) {
                    paths.push(if rings.is_empty() {
                        None
                    } else {
                        Some(path_of(&rings)?)
                    });
                }
                if self.levels.len() >= LEVELS_KEPT {
                    self.levels.remove(0);
                }
                Level { level, paths }
            }
        };
        self.levels.push(kept);
        Ok(self.levels.last().map_or(&[][..], |l| &l.paths))
    }

    /// Paints `scene` in full on the map's canvas.
    pub fn paint(
        &mut self,
        scene: &Scene,
        outlines: impl FnOnce(i32) -> Vec<Vec<Vec<Plane>>>,
    ) -> Result<(), JsValue> {
        let dpr = self.dpr;
        let ctx = self.ctx.clone();
        let level = detail_level(dpr * scene.view.scale);
        let hatch = self.hatch(scene, dpr)?;
        let paths = self.paths(level, outlines)?;
        paint_scene(&ctx, scene, paths, dpr, hatch.as_ref())?;
        self.drawn = Some((scene.view, scene.background));
        self.snapshot_fresh = false;
        Ok(())
    }

    /// The pattern of the scene's no-data hatch (none if no place is hatched): diagonal
    /// lines in device pixels, made once for its colour and pixel ratio.
    fn hatch(&mut self, scene: &Scene, dpr: f64) -> Result<Option<CanvasPattern>, JsValue> {
        // Only the value layer hatches a place: the build without it makes no pattern.
        if !crate::render::values::BUILT {
            return Ok(None);
        }
        let Some(colour) = scene.items.iter().find_map(|item| match item {
            Item::Area { hatch, .. } => *hatch,
            _ => None,
        }) else {
            return Ok(None);
        };
        if let Some((c, made_at, pattern)) = &self.hatch {
            if *c == colour && *made_at == dpr {
                return Ok(Some(pattern.clone()));
            }
        }
        let pattern = hatch_pattern(colour, dpr)?;
        self.hatch = Some((colour, dpr, pattern.clone()));
        Ok(Some(pattern))
    }

    /// Draws the last full frame moved and scaled to `view`; the background shows where it
    /// does not reach. False if nothing was drawn yet.
    pub fn move_snapshot(&mut self, view: &View) -> Result<bool, JsValue> {
        let Some((drawn, background)) = self.drawn else {
            return Ok(false);
        };
        let (canvas, ctx, dpr) = (&self.canvas, &self.ctx, self.dpr);
        if !self.snapshot_fresh {
            // The canvas still shows the last full frame: keep its pixels before moving them.
            let snapshot = match self.snapshot.take() {
                Some(s) => s,
                None => new_canvas()?,
            };
            snapshot.set_width(canvas.width());
            snapshot.set_height(canvas.height());
            context_of(&snapshot)?.draw_image_with_html_canvas_element(canvas, 0.0, 0.0)?;
            self.snapshot = Some(snapshot);
            self.snapshot_fresh = true;
        }
        let Some(snapshot) = &self.snapshot else {
            return Ok(false);
        };
        let k = view.scale / drawn.scale;
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        ctx.set_fill_style_str(&background.css());
        ctx.fill_rect(
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        );
        ctx.set_transform(
            k,
            0.0,
            0.0,
            k,
            dpr * (view.tx - k * drawn.tx),
            dpr * (view.ty - k * drawn.ty),
        )?;
        ctx.draw_image_with_html_canvas_element(snapshot, 0.0, 0.0)?;
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        Ok(true)
    }

    /// A new canvas with `scene` painted at `dpr` device px per CSS px (the PNG's map).
    pub fn picture(
        &mut self,
        scene: &Scene,
        dpr: f64,
        outlines: impl FnOnce(i32) -> Vec<Vec<Vec<Plane>>>,
    ) -> Result<HtmlCanvasElement, JsValue> {
        let canvas = new_canvas()?;
        canvas.set_width((scene.width * dpr).round() as u32);
        canvas.set_height((scene.height * dpr).round() as u32);
        let ctx = context_of(&canvas)?;
        let level = detail_level(dpr * scene.view.scale);
        let hatch = self.hatch(scene, dpr)?;
        let paths = self.paths(level, outlines)?;
        paint_scene(&ctx, scene, paths, dpr, hatch.as_ref())?;
        Ok(canvas)
    }
}

/// A detached canvas.
fn new_canvas() -> Result<HtmlCanvasElement, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document to draw in"))?
        .create_element("canvas")?
        .dyn_into()
        .map_err(JsValue::from)
}

/// One path of all of a place's rings, in plane metres.
fn path_of(rings: &[Vec<Plane>]) -> Result<Path2d, JsValue> {
    let path = Path2d::new()?;
    for ring in rings {
        let mut points = ring.iter();
        if let Some(first) = points.next() {
            path.move_to(first.x, first.y);
            for p in points {
                path.line_to(p.x, p.y);
            }
            path.close_path();
        }
    }
    Ok(path)
}

/// The no-data hatch: a tile with one diagonal line, `HATCH_PX` apart at `dpr`, that
/// repeats without seams (the line runs corner to corner, with its ends' neighbours).
fn hatch_pattern(colour: Color, dpr: f64) -> Result<CanvasPattern, JsValue> {
    let tile = new_canvas()?;
    let side = (HATCH_PX * std::f64::consts::SQRT_2 * dpr).round().max(2.0);
    tile.set_width(side as u32);
    tile.set_height(side as u32);
    let ctx = context_of(&tile)?;
    ctx.set_stroke_style_str(&colour.css());
    ctx.set_line_width(HATCH_LINE_PX * dpr);
    ctx.begin_path();
    for (x0, y0) in [(-side, 0.0), (0.0, 0.0), (side, 0.0)] {
        ctx.move_to(x0, y0 + side);
        ctx.line_to(x0 + side, y0);
    }
    ctx.stroke();
    context_of(&tile)?
        .create_pattern_with_html_canvas_element(&tile, "repeat")?
        .ok_or_else(|| JsValue::from_str("this browser makes no canvas pattern"))
}

/// Paints `scene` on `ctx` at `dpr` device px per CSS px, with the places' `paths`.
fn paint_scene(
    ctx: &CanvasRenderingContext2d,
    scene: &Scene,
    paths: &[Option<Path2d>],
    dpr: f64,
    hatching: Option<&CanvasPattern>,
) -> Result<(), JsValue> {
    let view = scene.view;
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    ctx.set_fill_style_str(&scene.background.css());
    ctx.fill_rect(0.0, 0.0, scene.width, scene.height);
    ctx.set_line_join("round");
    // Plane metres → device pixels, north up; line widths scale with it, so they are given
    // in plane units.
    let (s, tx, ty) = (dpr * view.scale, dpr * view.tx, dpr * view.ty);
    // The areas come first and run together: the plane's transform is set once for the run,
    // and a fill or outline only when it differs from the last (on a map of thousands of
    // areas every call into the browser counts).
    let mut on_plane = false;
    let mut last: Option<(Option<Color>, Color, f64)> = None;
    let mut last_font: Option<(f64, bool, Align)> = None;
    for item in &scene.items {
        let area = matches!(item, Item::Area { .. });
        if area != on_plane {
            if area {
                ctx.set_transform(s, 0.0, 0.0, -s, tx, ty)?;
                ctx.set_line_join("miter");
                ctx.set_miter_limit(AREA_MITER_LIMIT);
            } else {
                ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
                ctx.set_line_join("round");
            }
            on_plane = area;
            last = None;
        }
        match item {
            Item::Area {
                place,
                fill,
                hatch,
                stroke,
                line_width,
            } => {
                let Some(Some(path)) = paths.get(*place) else {
                    continue;
                };
                let (was_fill, was_stroke, was_width) = last.unwrap_or((None, Color::hex(0), -1.0));
                if let Some(fill) = fill {
                    if was_fill != Some(*fill) {
                        ctx.set_fill_style_str(&fill.css());
                    }
                    ctx.fill_with_path_2d_and_winding(path, CanvasWindingRule::Evenodd);
                }
                let mut hatched = false;
                if let (Some(_), Some(pattern)) = (hatch, hatching) {
                    // The lines are laid in device pixels, clipped to the place.
                    ctx.save();
                    ctx.clip_with_path_2d_and_winding(path, CanvasWindingRule::Evenodd);
                    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
                    ctx.set_fill_style_canvas_pattern(pattern);
                    ctx.fill_rect(0.0, 0.0, scene.width * dpr, scene.height * dpr);
                    ctx.restore();
                    hatched = true;
                }
                if hatched || was_stroke != *stroke || last.is_none() {
                    ctx.set_stroke_style_str(&stroke.css());
                }
                if hatched || was_width != *line_width {
                    ctx.set_line_width(line_width / view.scale);
                }
                ctx.stroke_with_path(path);
                // After a hatch the pattern is the fill style: set the next fill afresh.
                last = Some((
                    if hatched { None } else { fill.or(was_fill) },
                    *stroke,
                    *line_width,
                ));
            }
            Item::Rect {
                rect,
                fill,
                stroke,
                line_width,
            } => {
                let (w, h) = (rect.x1 - rect.x0, rect.y1 - rect.y0);
                ctx.set_fill_style_str(&fill.css());
                ctx.fill_rect(rect.x0, rect.y0, w, h);
                ctx.set_stroke_style_str(&stroke.css());
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
                    ctx.set_fill_style_str(&fill.css());
                    ctx.fill();
                }
                if let Some([on, off]) = dash {
                    ctx.set_line_dash(&dashes(&[*on, *off]))?;
                }
                ctx.set_stroke_style_str(&stroke.css());
                ctx.set_line_width(*line_width);
                ctx.stroke();
                if dash.is_some() {
                    ctx.set_line_dash(&dashes(&[]))?;
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
                // Setting a canvas's font makes the browser parse and resolve it: only when
                // it changes (a few sizes and weights among hundreds of labels).
                let font_now = (*size, *bold, *align);
                if last_font != Some(font_now) {
                    let weight = if *bold { "600" } else { "400" };
                    let font = format!("{weight} {}px {}", decimal(*size, 2), scene.font_family);
                    ctx.set_font(&font);
                    ctx.set_text_align(if *align == Align::Center {
                        "center"
                    } else {
                        "left"
                    });
                    ctx.set_text_baseline("middle");
                    last_font = Some(font_now);
                }
                ctx.set_stroke_style_str(&halo.css());
                ctx.set_line_width(*halo_width);
                ctx.stroke_text(text, at.x, at.y)?;
                ctx.set_fill_style_str(&color.css());
                ctx.fill_text(text, at.x, at.y)?;
            }
        }
    }
    if on_plane {
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    }
    Ok(())
}

/// A dash pattern as the canvas takes it.
fn dashes(lengths: &[f64]) -> JsValue {
    lengths
        .iter()
        .map(|&n| JsValue::from_f64(n))
        .collect::<js_sys::Array>()
        .into()
}
