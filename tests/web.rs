//! The canvas layer in headless Chromium (`wasm-pack test --headless --chrome -- --test web`):
//! builds a real MapWidget, reads pixels back from the canvas, clicks, and checks the panel.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{FEATURES, POLICIES};
use jingjinji_map::data::model::Kind;
use jingjinji_map::render::style::Style;
use jingjinji_map::web::MapWidget;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

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

#[wasm_bindgen_test]
fn destroy_removes_the_dom() {
    let host = host(400);
    let mut w = widget(&host, "en");
    assert!(host.query_selector("canvas").unwrap().is_some());
    w.destroy();
    assert!(host.query_selector("canvas").unwrap().is_none());
    host.remove();
}
