//! The core compiled to wasm and run under Node (`wasm-pack test --node -- --test node`):
//! the same loading, projection and hit-testing the browser will use.
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
