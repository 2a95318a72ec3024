//! The core compiled to wasm and run under Node (`wasm-pack test --node -- --test node`):
//! the same loading, projection and hit-testing the browser will use, and the `Widget` class's
//! checks of its data and options.
#![cfg(target_arch = "wasm32")]

mod common;

use jingjinji_map::data::load;
use jingjinji_map::i18n::Lang;
use jingjinji_map::ui::map::Map;
use wasm_bindgen_test::wasm_bindgen_test;

fn map() -> Map {
    common::map(720.0, 900.0, Lang::En)
}

#[wasm_bindgen_test]
fn shipped_data_loads_in_wasm() {
    let m = map();
    assert_eq!(m.selectable_places().len(), 14);
}

#[wasm_bindgen_test]
fn hit_testing_in_wasm_matches_native() {
    // tests/hit.rs checks the same recorded grid natively: 729 points, same answers.
    let bad = common::hit_grid_mismatches(&map());
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[wasm_bindgen_test]
fn bad_data_is_an_error_not_a_trap() {
    let err = load::load("{\"type\":\"FeatureCollection\",\"features\":[]}", None).unwrap_err();
    assert!(
        err.to_string().contains("the collection has no features"),
        "{err}"
    );
    let err = load::load("not json", None).unwrap_err();
    assert!(err.to_string().contains("not valid JSON"), "{err}");
}

/// The message of an error the `Widget` class throws, as the page reads it.
fn message(value: wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_default()
}

/// Node has no DOM: these are the checks the class makes before it builds one.
fn nothing<T: wasm_bindgen::JsCast>() -> T {
    use wasm_bindgen::JsCast;
    wasm_bindgen::JsValue::NULL.unchecked_into()
}

/// A response with `bytes` as its body, as `fetch` gives the page.
fn response(bytes: &[u8]) -> web_sys::Response {
    let mut body = bytes.to_vec();
    web_sys::Response::new_with_opt_u8_array(Some(&mut body)).unwrap()
}

/// A `Widget` from the given data and options, with no page around it.
async fn widget(
    features: &[u8],
    policies: Option<&str>,
    options: wasm_bindgen::JsValue,
) -> Result<jingjinji_map::web::widget::Widget, wasm_bindgen::JsValue> {
    jingjinji_map::web::widget::Widget::load(
        nothing(),
        nothing(),
        response(features),
        response(policies.unwrap_or(common::POLICIES).as_bytes()),
        options,
        nothing(),
    )
    .await
}

#[wasm_bindgen_test]
async fn the_widget_class_says_what_is_wrong_with_its_data_and_options() {
    use wasm_bindgen::JsValue;
    let err = widget(b"not json", None, JsValue::UNDEFINED)
        .await
        .err()
        .unwrap();
    assert!(message(err.clone()).contains("not valid JSON"));
    // Every problem crosses located, as the `error` event's detail carries it.
    let problems = js_sys::Reflect::get(&err, &"problems".into()).unwrap();
    let first = js_sys::Reflect::get(&problems, &0.into()).unwrap();
    let get = |key: &str| js_sys::Reflect::get(&first, &key.into()).unwrap();
    assert_eq!(get("file").as_string().as_deref(), Some("features"));
    assert_eq!(get("line").as_f64(), Some(1.0));
    assert!(get("column").as_f64().is_some());
    assert!(get("message")
        .as_string()
        .unwrap()
        .contains("not valid JSON"));
    // A feature's problem names the feature, its id and the path inside it.
    let bad = common::FEATURES.replacen("\"id\":\"tianjin\"", "\"id\":7", 1);
    assert_ne!(bad, common::FEATURES, "the fixture has Tianjin's id");
    let err = widget(bad.as_bytes(), None, JsValue::UNDEFINED)
        .await
        .err()
        .unwrap();
    let text = message(err.clone());
    assert!(
        text.starts_with("the map data has 1 error(s): features: feature "),
        "{text}"
    );
    let problems = js_sys::Reflect::get(&err, &"problems".into()).unwrap();
    let first = js_sys::Reflect::get(&problems, &0.into()).unwrap();
    let get = |key: &str| js_sys::Reflect::get(&first, &key.into()).unwrap();
    assert!(get("feature").as_f64().is_some());
    assert_eq!(get("path").as_string().as_deref(), Some("properties.id"));
    // The page's options are read: its `max-bytes` lowers the limit.
    let options = js_sys::JSON::parse(r#"{"maxBytes": 1000}"#).unwrap();
    let text = message(
        widget(common::FEATURES.as_bytes(), None, options)
            .await
            .err()
            .unwrap(),
    );
    assert!(text.contains("the limit is 1000"), "{text}");
    let options = js_sys::JSON::parse(r#"{"lang": "fr"}"#).unwrap();
    let err = widget(common::FEATURES.as_bytes(), None, options)
        .await
        .err();
    assert!(message(err.unwrap()).contains("unsupported language"));
    let options = js_sys::JSON::parse(r#"{"maxBytes": "lots"}"#).unwrap();
    let text = message(
        widget(common::FEATURES.as_bytes(), None, options)
            .await
            .err()
            .unwrap(),
    );
    assert_eq!(
        text, "the map's option `maxBytes` must be a number",
        "a wrong option type is an error that names it"
    );
    // Good data, but no page to draw in: said, not a trap.
    let err = widget(
        common::FEATURES.as_bytes(),
        Some(common::POLICIES),
        JsValue::UNDEFINED,
    )
    .await
    .err();
    assert_eq!(message(err.unwrap()), "no window to draw in");
}
