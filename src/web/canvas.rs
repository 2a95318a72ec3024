//! The canvas painter: a short loop over the scene's display list.

use crate::render::labels::Align;
use crate::render::scene::{Item, Scene};
use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, CanvasWindingRule};

/// The font stack for labels: system UI fonts with CJK fallbacks.
const FONT_STACK: &str =
    "system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

/// Paints `scene` onto `ctx`, whose canvas is `dpr` device pixels per CSS pixel.
pub fn paint(ctx: &CanvasRenderingContext2d, scene: &Scene, dpr: f64) -> Result<(), JsValue> {
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    ctx.set_fill_style_str(&scene.background.to_css());
    ctx.fill_rect(0.0, 0.0, scene.width, scene.height);
    ctx.set_line_join("round");
    let no_dash = js_sys::Array::new();
    for item in &scene.items {
        match item {
            Item::Area {
                rings,
                fill,
                stroke,
                line_width,
                ..
            } => {
                ctx.begin_path();
                for ring in rings {
                    let mut pts = ring.iter();
                    if let Some(first) = pts.next() {
                        ctx.move_to(first.x, first.y);
                        for p in pts {
                            ctx.line_to(p.x, p.y);
                        }
                        ctx.close_path();
                    }
                }
                ctx.set_fill_style_str(&fill.to_css());
                ctx.fill_with_canvas_winding_rule(CanvasWindingRule::Evenodd);
                ctx.set_stroke_style_str(&stroke.to_css());
                ctx.set_line_width(*line_width);
                ctx.stroke();
            }
            Item::Circle {
                center,
                radius,
                fill,
                stroke,
                line_width,
                dashed,
                ..
            } => {
                ctx.begin_path();
                ctx.arc(center.x, center.y, *radius, 0.0, std::f64::consts::TAU)?;
                if let Some(fill) = fill {
                    ctx.set_fill_style_str(&fill.to_css());
                    ctx.fill();
                }
                if *dashed {
                    let dash = js_sys::Array::of2(&JsValue::from(4.0), &JsValue::from(3.0));
                    ctx.set_line_dash(&dash)?;
                }
                ctx.set_stroke_style_str(&stroke.to_css());
                ctx.set_line_width(*line_width);
                ctx.stroke();
                ctx.set_line_dash(&no_dash)?;
            }
            Item::Label {
                text,
                at,
                size,
                bold,
                color,
                halo,
                align,
            } => {
                let weight = if *bold { "600" } else { "400" };
                ctx.set_font(&format!("{weight} {size}px {FONT_STACK}"));
                ctx.set_text_align(match align {
                    Align::Left => "left",
                    Align::Center => "center",
                });
                ctx.set_text_baseline("middle");
                ctx.set_stroke_style_str(&halo.to_css());
                ctx.set_line_width(3.0);
                ctx.stroke_text(text, at.x, at.y)?;
                ctx.set_fill_style_str(&color.to_css());
                ctx.fill_text(text, at.x, at.y)?;
            }
        }
    }
    Ok(())
}
