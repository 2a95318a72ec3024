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

/// The box the element's shell makes (`www/jingjinji-map.source.js`), on the test page, with
/// a canvas of `width` × `height` CSS px: the host element and the frame.
fn shell_box(width: u32, height: u32) -> (web_sys::HtmlElement, web_sys::HtmlElement) {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    host.set_inner_html(&format!(
        "<div class=jjm-frame aria-busy=true><div class=jjm-column><figure class=jjm-map>\
         <div class=jjm-stage><canvas style='display:block;width:{width}px;height:{height}px'>\
         </canvas><slot class=jjm-picture></slot></div></figure></div></div>"
    ));
    doc.body().unwrap().append_child(&host).unwrap();
    let frame = host.first_element_child().unwrap().dyn_into().unwrap();
    (host, frame)
}

/// The shipped map's widget in a box of 400 × 500 CSS px, as the page makes it: built,
/// sized and painted.
async fn shipped_widget() -> (Widget, web_sys::HtmlElement, HtmlCanvasElement) {
    let (host, frame) = shell_box(400, 500);
    // The page's guard wraps each callback; here it hands them on as they are.
    let guard = js_sys::Function::new_with_args("f", "return f");
    let response = |text: &str| {
        let mut body = text.as_bytes().to_vec();
        web_sys::Response::new_with_opt_u8_array(Some(&mut body)).unwrap()
    };
    let w = Widget::load(
        host.clone(),
        frame.clone(),
        response(common::FEATURES),
        response(common::POLICIES),
        js_sys::JSON::parse(r#"{"lang": "en", "hash": false}"#).unwrap(),
        guard,
    )
    .await
    .unwrap();
    let canvas = frame
        .query_selector("canvas")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    (w, host, canvas)
}

/// The text of the first element of class `class` in the map.
fn text_of(root: &web_sys::HtmlElement, class: &str) -> String {
    root.query_selector(&format!(".{class}"))
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_widget_paints_each_place_in_its_own_fill() {
    let (w, host, canvas) = shipped_widget().await;
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
                jingjinji_map::render::display::Item::Area {
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
    host.remove();
}

#[wasm_bindgen_test]
async fn a_click_and_keys_write_the_panel_and_the_live_region() {
    let (w, host, canvas) = shipped_widget().await;
    // The DOM is built, in the map's language, and the box is no longer busy.
    assert_eq!(text_of(&host, "jjm-places-heading"), "Places on the map");
    assert!(host.query_selector("[aria-busy]").unwrap().is_none());
    // A click on Changping, in Beijing's north-west, as the browser sends it.
    let at = w.project(116.2, 40.25).map_err(JsValue::from).unwrap();
    let r = canvas.get_bounding_client_rect();
    let init = web_sys::MouseEventInit::new();
    init.set_client_x((r.left() + at[0]).round() as i32);
    init.set_client_y((r.top() + at[1]).round() as i32);
    init.set_bubbles(true);
    let click = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    canvas.dispatch_event(&click).unwrap();
    assert_eq!(w.selected().as_deref(), Some("beijing"));
    assert_eq!(text_of(&host, "jjm-title"), "Beijing");
    assert!(text_of(&host, "jjm-live").starts_with("Beijing, selected."));
    // Keys move the focus and say where it is; Escape goes back to the overview.
    let key = |name: &str| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(name);
        init.set_cancelable(true);
        let e =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        canvas.dispatch_event(&e).unwrap();
        e.default_prevented()
    };
    assert!(
        key("ArrowRight"),
        "the map used the key: the page does not scroll"
    );
    assert!(text_of(&host, "jjm-live").ends_with("Press Enter to select."));
    assert!(key("Escape"));
    assert_eq!(w.selected(), None);
    assert!(!key("q"), "a key the map does not use goes to the page");
    // An unknown id is an error the page can read, and changes nothing.
    let err = w.select(Some("nowhere".into())).err().unwrap();
    let err = JsValue::from(err).dyn_into::<js_sys::Error>().unwrap();
    assert!(String::from(err.message()).contains("no place has the id"));
    host.remove();
}
