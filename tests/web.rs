//! The canvas layer in headless Chromium (`wasm-pack test --headless --chrome -- --test web`):
//! builds a real MapWidget, reads pixels back from the canvas, clicks, and checks the panel.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{FEATURES, POLICIES};
use jingjinji_map::data::model::Kind;
use jingjinji_map::i18n::Lang;
use jingjinji_map::render::scene;
use jingjinji_map::render::style::Style;
use jingjinji_map::web::MapWidget;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement, MouseEvent, MouseEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

fn host(width_px: u32) -> HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    host.style()
        .set_property("width", &format!("{width_px}px"))
        .unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    host
}

fn widget(host: &HtmlElement, lang: &str) -> MapWidget {
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &"lang".into(), &lang.into()).unwrap();
    // The tests share one page: no test may pick up another's `#region=` from the URL.
    js_sys::Reflect::set(&opts, &"hash".into(), &false.into()).unwrap();
    let w = MapWidget::new(
        host.clone(),
        host.clone().into(),
        FEATURES,
        Some(POLICIES.to_string()),
        opts.into(),
    )
    .unwrap_or_else(|e| panic!("{:?}", wasm_bindgen::JsValue::from(e)));
    // Without the element's stylesheet the canvas has the default 300×150; give it a size.
    let canvas = canvas(host);
    canvas.style().set_property("width", "400px").unwrap();
    canvas.style().set_property("height", "500px").unwrap();
    w.render_now().unwrap();
    w
}

fn canvas(host: &HtmlElement) -> HtmlCanvasElement {
    host.query_selector("canvas")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

fn pixel(host: &HtmlElement, x: f64, y: f64) -> [u8; 4] {
    let c = canvas(host);
    let ctx: CanvasRenderingContext2d = c.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let dpr = f64::from(c.width()) / 400.0;
    let data = ctx
        .get_image_data((x * dpr).round(), (y * dpr).round(), 1.0, 1.0)
        .unwrap()
        .data();
    [data[0], data[1], data[2], data[3]]
}

fn fill_of(id: &str, kind: Kind) -> [u8; 4] {
    let c = Style::default().for_place(kind, id).fill;
    [c.r, c.g, c.b, 255]
}

#[wasm_bindgen_test]
fn provinces_are_painted_in_their_colours() {
    let host = host(400);
    let w = widget(&host, "en");
    for (id, kind, lon, lat) in [
        ("beijing", Kind::Province, 116.25, 40.6),
        ("tianjin", Kind::Province, 117.45, 40.1),
        ("hebei", Kind::Province, 115.0, 40.9),
    ] {
        let xy = w.project(lon, lat).unwrap();
        assert_eq!(w.feature_at(xy[0], xy[1]).as_deref(), Some(id));
        assert_eq!(
            pixel(&host, xy[0], xy[1]),
            fill_of(id, kind),
            "{id} at {xy:?}"
        );
    }
    let sea = w.project(119.6, 38.5).unwrap();
    let bg = Style::default().background;
    assert_eq!(
        pixel(&host, sea[0], sea[1]),
        [bg.r, bg.g, bg.b, 255],
        "Bohai Sea"
    );
    host.remove();
}

#[wasm_bindgen_test]
fn canvas_is_sharp_on_hidpi() {
    let host = host(400);
    let _w = widget(&host, "en");
    let c = canvas(&host);
    let dpr = web_sys::window().unwrap().device_pixel_ratio();
    assert_eq!(c.width(), (400.0 * dpr).round() as u32);
    assert_eq!(c.height(), (500.0 * dpr).round() as u32);
    host.remove();
}

#[wasm_bindgen_test]
fn selecting_repaints_and_fills_the_panel() {
    let host = host(400);
    let w = widget(&host, "en");
    let panel = host.query_selector(".jjm-panel").unwrap().unwrap();
    assert!(panel.text_content().unwrap().contains("The four measures"));
    w.select(Some("beijing".into())).unwrap();
    assert_eq!(w.selected().as_deref(), Some("beijing"));
    w.render_now().unwrap();
    let xy = w.project(116.25, 40.6).unwrap();
    let active = Style::default()
        .for_place(Kind::Province, "beijing")
        .fill_active;
    assert_eq!(
        pixel(&host, xy[0], xy[1]),
        [active.r, active.g, active.b, 255]
    );
    let text = panel.text_content().unwrap();
    assert!(text.contains("Beijing leads"), "{text}");
    assert!(w.select(Some("nowhere".into())).is_err());
    host.remove();
}

#[wasm_bindgen_test]
fn chinese_panel_and_attribution() {
    let host = host(400);
    let w = widget(&host, "zh");
    w.select(Some("tongzhou".into())).unwrap();
    let panel = host
        .query_selector(".jjm-panel")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(panel.contains("北京城市副中心"), "{panel}");
    let credit = host
        .query_selector(".jjm-attribution")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        credit.contains("Natural Earth")
            && credit.contains("GeoNames")
            && credit.contains("证券时报"),
        "{credit}"
    );
    host.remove();
}

#[wasm_bindgen_test]
fn bad_data_gives_a_readable_error() {
    let host = host(400);
    let err = MapWidget::new(
        host.clone(),
        host.clone().into(),
        "{\"type\":\"FeatureCollection\"}",
        None,
        wasm_bindgen::JsValue::UNDEFINED,
    )
    .err()
    .expect("bad data is refused");
    let js: wasm_bindgen::JsValue = err.into();
    let msg = js.dyn_into::<js_sys::Error>().unwrap().message();
    assert!(String::from(msg).contains("expected an array of features"));
    host.remove();
}

/// Waits for `n` animation frames, so ResizeObserver callbacks and redraws have run.
async fn frames(n: usize) {
    for _ in 0..n {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window().unwrap().request_animation_frame(&resolve);
        });
        JsFuture::from(promise).await.unwrap();
    }
}

/// Counts `select` events on `host`; the listener lives as long as the returned closure.
fn count_selects(host: &HtmlElement) -> (Rc<Cell<u32>>, Closure<dyn FnMut()>) {
    let count = Rc::new(Cell::new(0));
    let c = count.clone();
    let listener = Closure::<dyn FnMut()>::new(move || c.set(c.get() + 1));
    host.add_event_listener_with_callback("select", listener.as_ref().unchecked_ref())
        .unwrap();
    (count, listener)
}

fn click(canvas: &HtmlCanvasElement, x: f64, y: f64) {
    let rect = canvas.get_bounding_client_rect();
    let init = MouseEventInit::new();
    init.set_client_x((rect.left() + x) as i32);
    init.set_client_y((rect.top() + y) as i32);
    init.set_bubbles(true);
    let event = MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    canvas.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn destroy_removes_the_dom_and_every_listener() {
    let host = host(400);
    let mut w = widget(&host, "en");
    let canvas = canvas(&host);
    let (selects, _listener) = count_selects(&host);
    let beijing = w.project(116.25, 40.6).unwrap();
    let tianjin = w.project(117.45, 40.1).unwrap();
    click(&canvas, beijing[0], beijing[1]);
    assert_eq!(selects.get(), 1, "a click selects while the map lives");
    w.destroy();
    assert!(host.query_selector("canvas").unwrap().is_none());
    // Put the canvas back where a click and a resize would reach any listener left behind.
    host.append_child(&canvas).unwrap();
    let before = (canvas.width(), canvas.height());
    canvas.style().set_property("width", "200px").unwrap();
    // Another place than the selected one, so a leaked click listener would fire an event.
    click(&canvas, tianjin[0], tianjin[1]);
    frames(3).await;
    assert_eq!(selects.get(), 1, "a click after destroy() still selected");
    assert_eq!(
        (canvas.width(), canvas.height()),
        before,
        "the resize observer still resized the canvas after destroy()"
    );
    host.remove();
}

#[wasm_bindgen_test]
fn the_canvas_name_follows_the_language() {
    let host = host(400);
    let w = widget(&host, "en");
    let name = || canvas(&host).get_attribute("aria-label").unwrap();
    assert_eq!(
        name(),
        "Map of Beijing, Tianjin and Hebei with the places named in the Decision"
    );
    w.set_lang("zh-CN").unwrap();
    assert_eq!(name(), "京津冀地图，标出《决定》提到的地点");
    w.set_lang("en_GB").unwrap();
    assert!(name().starts_with("Map of Beijing"));
    assert!(w.set_lang("fr").is_err());
    host.remove();
}

#[wasm_bindgen_test]
fn labels_do_not_overlap_as_the_browser_measures_them() {
    // The core estimates text widths; here the browser measures the real glyphs.
    let doc = web_sys::window().unwrap().document().unwrap();
    let probe: HtmlCanvasElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
    let ctx: CanvasRenderingContext2d = probe
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
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
