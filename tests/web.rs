//! What only a browser can check from Rust (`wasm-pack test --headless --chrome -- --test
//! web`): the scene's labels measured with the browser's own text metrics. The element's DOM,
//! events and painting are JavaScript, checked by the Playwright tests in `tests/e2e/`.
#![cfg(target_arch = "wasm32")]

mod common;

use jingjinji_map::i18n::Lang;
use jingjinji_map::render::scene;
use jingjinji_map::render::style::Style;
use jingjinji_map::render::text_width::text_width;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A 2D context to measure text with.
fn measuring_context() -> CanvasRenderingContext2d {
    let doc = web_sys::window().unwrap().document().unwrap();
    let probe: HtmlCanvasElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
    probe
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
fn the_width_table_matches_the_browsers_text_metrics() {
    // Every name and short name of the shipped places, in both languages and weights: the
    // table may be a little wide (other platforms' fonts are narrower), never narrow.
    let ctx = measuring_context();
    let family = Style::default().font_family;
    let data = common::shipped();
    let mut checked = 0;
    for place in &data.places {
        let names = std::iter::once(&place.name).chain(&place.short);
        for text in names.flat_map(|t| [t.zh.as_str(), t.en.as_str()]) {
            for bold in [false, true] {
                let weight = if bold { "600" } else { "400" };
                ctx.set_font(&format!("{weight} 100px {family}"));
                let measured = ctx.measure_text(text).unwrap().width();
                let table = text_width(text, 100.0, bold);
                let ratio = table / measured;
                assert!(
                    (0.97..1.12).contains(&ratio),
                    "{text:?} ({weight}): table {table:.0} px, browser {measured:.0} px"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 100, "only {checked} names measured");
}

#[wasm_bindgen_test]
fn labels_do_not_overlap_as_the_browser_measures_them() {
    // The core's widths come from a table; here the browser measures the real glyphs.
    let ctx = measuring_context();
    let style = Style::default();
    for (w, h, lang, selected) in [
        (320.0, 400.0, Lang::En, None),
        (375.0, 469.0, Lang::En, Some("park-baodi")),
        (420.0, 525.0, Lang::Zh, None),
        (560.0, 700.0, Lang::En, Some("tongzhou")),
        (720.0, 900.0, Lang::En, Some("xiongan")),
        (900.0, 1125.0, Lang::Zh, Some("sanhe-dachang-xianghe")),
    ] {
        let mut m = common::map(w, h, lang);
        m.select(selected).unwrap();
        let s = scene::build(&m.frame(&style).unwrap());
        let boxes = common::label_boxes(&s, |text, size, bold| {
            let weight = if bold { "600" } else { "400" };
            ctx.set_font(&format!("{weight} {size}px {}", s.font_family));
            ctx.measure_text(text).unwrap().width()
        });
        assert!(boxes.len() >= 3, "{w}: {boxes:?}");
        for (k, (a, ra)) in boxes.iter().enumerate() {
            assert!(
                ra[0] >= 0.0 && ra[2] <= w,
                "{a:?} leaves the canvas at {w}: {ra:?}"
            );
            for (b, rb) in boxes.iter().skip(k + 1) {
                let overlap = ra[0] < rb[2] && rb[0] < ra[2] && ra[1] < rb[3] && rb[1] < ra[3];
                assert!(
                    !overlap,
                    "{a:?} {ra:?} overlaps {b:?} {rb:?} at {w}×{h} {lang:?}"
                );
            }
        }
    }
}
