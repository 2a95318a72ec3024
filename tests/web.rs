//! What only a browser can check from Rust (`wasm-pack test --headless --chrome -- --test
//! web`): the `Widget` class driven as the page drives it (built from the shipped data, it
//! paints a canvas whose pixels are read back, takes a click and a key, and answers the panel
//! and the live region's words), and the scene's labels measured with the browser's own text
//! metrics. The element's DOM is checked by the Playwright tests in `tests/e2e/`.
#![cfg(target_arch = "wasm32")]

mod common;

use jingjinji_map::i18n::Lang;
use jingjinji_map::render::scene;
use jingjinji_map::render::style::Style;
use jingjinji_map::render::text_width::text_width;
use jingjinji_map::web::widget::Widget;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
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

/// A canvas of `width` × `height` CSS px on the test page.
fn canvas_on_page(width: u32, height: u32) -> HtmlCanvasElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas
        .set_attribute("style", &format!("width:{width}px;height:{height}px"))
        .unwrap();
    doc.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

/// The shipped map's widget on `canvas`, sized and painted once.
fn shipped_widget(canvas: &HtmlCanvasElement, width: f64, height: f64) -> Widget {
    let mut w = Widget::new(
        canvas.clone(),
        common::FEATURES.as_bytes(),
        Some(common::POLICIES.as_bytes().into()),
        js_sys::JSON::parse(r#"{"lang": "en"}"#).unwrap(),
    )
    .map_err(JsValue::from)
    .unwrap();
    assert!(w.resize(width, height, 1.0).map_err(JsValue::from).unwrap());
    w.draw(0.0, false).map_err(JsValue::from).unwrap();
    w
}

/// A string field of an object the widget answered.
fn field(value: &JsValue, name: &str) -> String {
    js_sys::Reflect::get(value, &name.into())
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn the_widget_paints_each_place_in_its_own_fill() {
    let canvas = canvas_on_page(400, 500);
    let w = shipped_widget(&canvas, 400.0, 500.0);
    assert_eq!((canvas.width(), canvas.height()), (400, 500));
    // The colours the scene asks for, from the same core natively built.
    let mut core = jingjinji_map::ui::controller::MapCore::new(
        common::FEATURES.as_bytes(),
        Some(common::POLICIES.as_bytes()),
        Some("en"),
        None,
    )
    .unwrap();
    core.resize(400.0, 500.0, 1.0).unwrap();
    let scene = core.scene().unwrap();
    let data = common::shipped();
    let ctx = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into::<CanvasRenderingContext2d>()
        .unwrap();
    let pixel = |x: f64, y: f64| {
        let d = ctx.get_image_data(x, y, 1.0, 1.0).unwrap().data();
        [d[0], d[1], d[2], d[3]]
    };
    for id in ["beijing", "tianjin", "hebei"] {
        let index = data.places.iter().position(|p| p.id == id).unwrap();
        let fill = scene
            .items
            .iter()
            .find_map(|item| match item {
                scene::Item::Area {
                    place,
                    fill: Some(f),
                    ..
                } if *place == index => Some(*f),
                _ => None,
            })
            .unwrap();
        // Inside the place as hit-testing finds it, its fill is the commonest colour (labels,
        // symbols and borders cover the rest).
        let mut seen: Vec<([u8; 4], usize)> = Vec::new();
        for gx in 0..80 {
            for gy in 0..100 {
                let (x, y) = (f64::from(gx) * 5.0 + 2.5, f64::from(gy) * 5.0 + 2.5);
                if w.feature_at(x, y).as_deref() == Some(id) {
                    let colour = pixel(x, y);
                    match seen.iter_mut().find(|(c, _)| *c == colour) {
                        Some((_, n)) => *n += 1,
                        None => seen.push((colour, 1)),
                    }
                }
            }
        }
        seen.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        let inside: usize = seen.iter().map(|(_, n)| n).sum();
        assert!(inside > 20, "{id}: {inside} grid points inside");
        assert_eq!(
            seen[0].0,
            [fill.r, fill.g, fill.b, fill.a],
            "{id}: the commonest colour of its {inside} pixels ({seen:?})"
        );
    }
    canvas.remove();
}

#[wasm_bindgen_test]
fn a_click_selects_and_the_panel_and_live_region_follow() {
    let canvas = canvas_on_page(400, 500);
    let mut w = shipped_widget(&canvas, 400.0, 500.0);
    // Changping, in Beijing's north-west.
    let at = w.project(116.2, 40.25).unwrap();
    let id = w.feature_at(at[0], at[1]);
    assert_eq!(id.as_deref(), Some("beijing"));
    w.select(id, "pointer", true)
        .map_err(JsValue::from)
        .unwrap();
    let changes = w.take_changes().map_err(JsValue::from).unwrap();
    assert_eq!(
        js_sys::Reflect::get(&changes, &"selection".into()).unwrap(),
        JsValue::TRUE
    );
    let panel = w.panel().map_err(JsValue::from).unwrap();
    assert_eq!(field(&panel, "id"), "beijing");
    assert_eq!(field(&panel, "title"), "Beijing");
    assert!(w
        .take_announcement()
        .unwrap()
        .starts_with("Beijing, selected."));
    // Keys move the focus and say where it is; Escape goes back to the overview.
    assert!(w.key("ArrowRight", true).map_err(JsValue::from).unwrap());
    assert!(w
        .take_announcement()
        .unwrap()
        .ends_with("Press Enter to select."));
    assert!(w.key("Escape", true).map_err(JsValue::from).unwrap());
    assert_eq!(w.selected(), None);
    let panel = w.panel().map_err(JsValue::from).unwrap();
    assert!(js_sys::Reflect::get(&panel, &"id".into())
        .unwrap()
        .is_null());
    // An unknown id is an error the page can read, and changes nothing.
    let err = w.select(Some("nowhere".into()), "api", true).err().unwrap();
    let err = JsValue::from(err).dyn_into::<js_sys::Error>().unwrap();
    assert!(String::from(err.message()).contains("no place has the id"));
    canvas.remove();
}
