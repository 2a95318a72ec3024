//! The PNG a reader downloads: the map painted at twice its size (`painter.rs`), with the
//! map's title above it and the key and credit under it, in the element's own colours and
//! font, so that the picture says what it shows when it is shared on its own.

use crate::ui::controller::Words;
use crate::web::dom::DomResult;
use crate::web::painter::context_of;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CanvasRenderingContext2d, HtmlAnchorElement, HtmlCanvasElement, HtmlElement, Window,
};

/// Space around the picture's text, CSS px.
const PAD: f64 = 12.0;
/// The PNG's pixels per CSS pixel.
const SCALE: f64 = 2.0;

/// Lines of `text` that fit `width` in the context's font: breaks fall after spaces and
/// after CJK characters (which may break anywhere).
fn lines(ctx: &CanvasRenderingContext2d, text: &str, width: f64) -> DomResult<Vec<String>> {
    let breaks_after = |c: char| {
        c.is_whitespace()
            || ('\u{3000}'..='\u{9fff}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
    };
    let mut out = vec![String::new()];
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        word.push(c);
        if !breaks_after(c) && chars.peek().is_some() {
            continue;
        }
        let last = out.last_mut().ok_or_else(|| JsValue::from_str("no line"))?;
        let line = format!("{last}{word}");
        if ctx.measure_text(&line)?.width() > width && !last.is_empty() {
            out.push(std::mem::take(&mut word));
        } else {
            *last = line;
            word.clear();
        }
    }
    Ok(out)
}

/// The PNG's canvas: `map` (painted at twice the CSS size) under the title, then the key
/// and the credit, on the element's surface colour.
pub fn compose(
    window: &Window,
    frame: &HtmlElement,
    map: &HtmlCanvasElement,
    words: &Words,
) -> DomResult<HtmlCanvasElement> {
    let (width, height) = (
        f64::from(map.width()) / SCALE,
        f64::from(map.height()) / SCALE,
    );
    let look = window
        .get_computed_style(frame)?
        .ok_or_else(|| JsValue::from_str("the map has no computed style"))?;
    let color = look.get_property_value("color")?;
    let family = look.get_property_value("font-family")?;
    let out: HtmlCanvasElement = window
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?
        .create_element("canvas")?
        .dyn_into()?;
    let ctx = context_of(&out)?;
    let font = |spec: &str| format!("{spec} {family}");
    ctx.set_font(&font("600 16px"));
    let title = lines(&ctx, &words.title, width - 2.0 * PAD)?;
    ctx.set_font(&font("11px"));
    let credit = lines(&ctx, &words.credit, width - 2.0 * PAD)?;
    let map_top = PAD + title.len() as f64 * 22.0 + 6.0;
    let key_top = map_top + height + 8.0;
    let total = key_top + words.key.len() as f64 * 20.0 + credit.len() as f64 * 15.0 + PAD;
    out.set_width((width * SCALE) as u32);
    out.set_height((total * SCALE) as u32);
    ctx.scale(SCALE, SCALE)?;
    // The page's surface around the map, as the element shows it.
    ctx.set_fill_style_str(&look.get_property_value("--surface")?);
    ctx.fill_rect(0.0, 0.0, width, total);
    ctx.draw_image_with_html_canvas_element_and_dw_and_dh(map, 0.0, map_top, width, height)?;
    ctx.set_text_baseline("top");
    ctx.set_fill_style_str(&color);
    let write = |spec: &str, step: f64, lines: &[String], mut y: f64| -> DomResult<()> {
        ctx.set_font(&font(spec));
        for line in lines {
            ctx.fill_text(line, PAD, y)?;
            y += step;
        }
        Ok(())
    };
    write("600 16px", 22.0, &title, PAD)?;
    let mut y = key_top;
    for row in &words.key {
        let r = row.radius.min(7.0);
        ctx.begin_path();
        if row.square {
            ctx.rect(PAD, y + 8.0 - r, 2.0 * r, 2.0 * r);
        } else {
            ctx.arc(PAD + r, y + 8.0, r, 0.0, std::f64::consts::TAU)?;
        }
        ctx.set_fill_style_str(&row.fill);
        ctx.set_stroke_style_str(&row.stroke);
        ctx.fill();
        ctx.stroke();
        ctx.set_fill_style_str(&color);
        ctx.set_font(&font("13px"));
        ctx.fill_text(&row.text, PAD + 20.0, y + 1.0)?;
        y += 20.0;
    }
    write("11px", 15.0, &credit, y)?;
    Ok(out)
}

/// A promise of `canvas` as a PNG `Blob`.
pub fn blob(canvas: HtmlCanvasElement) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, reject| {
        let failed = reject.clone();
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = if blob.is_null() {
                failed.call1(
                    &JsValue::NULL,
                    &js_sys::Error::new("this browser could not make a PNG of the map"),
                )
            } else {
                resolve.call1(&JsValue::NULL, &blob)
            };
        });
        if let Err(e) = canvas.to_blob_with_type(done.unchecked_ref(), "image/png") {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    })
}

/// Saves `canvas` as `jingjinji-map.png` (the download button).
pub fn save(window: &Window, canvas: HtmlCanvasElement) -> DomResult<()> {
    let document = window
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let link: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    let done = Closure::once_into_js(move |blob: JsValue| {
        let Ok(blob) = blob.dyn_into::<web_sys::Blob>() else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        link.set_href(&url);
        link.set_download("jingjinji-map.png");
        link.click();
        // The link has been followed; its object URL can go once the download has started.
        let revoke = Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                revoke.unchecked_ref(),
                10_000,
            );
        }
    });
    canvas.to_blob_with_type(done.unchecked_ref(), "image/png")
}
