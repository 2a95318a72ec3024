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

mod map_core {
    //! The exported class the element drives, as the element calls it.
    use super::common::{FEATURES, POLICIES};
    use jingjinji_map::web::{changed, input, MapCore, Origin};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn core(lang: &str) -> MapCore {
        let mut c = MapCore::new(
            FEATURES.as_bytes(),
            Some(POLICIES.as_bytes().to_vec()),
            Some(lang.into()),
            None,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.resize(400.0, 500.0, 2.0).unwrap(), vec![800, 1000]);
        c
    }

    /// The strings MapCore joins with U+001F for the page.
    fn split(joined: &str) -> Vec<String> {
        joined.split('\u{1f}').map(str::to_string).collect()
    }

    #[wasm_bindgen_test]
    fn a_new_map_asks_for_words_and_a_frame_and_packs_its_scene() {
        let mut c = core("en");
        assert_eq!(c.take_changes(), changed::DRAW | changed::WORDS);
        assert_eq!(c.take_changes(), 0, "changes are reported once");
        let n = c.scene(2.0);
        let s = split(&c.scene_strings());
        assert_eq!(&n[..2], &[400.0, 500.0]);
        assert_eq!(n[6], f64::from(0xdce8_efff_u32), "the sea, as 0xRRGGBBAA");
        let labels: Vec<&str> = s.iter().map(String::as_str).collect();
        assert!(
            labels.contains(&"Beijing") && labels.contains(&"Hebei"),
            "{labels:?}"
        );
    }

    #[wasm_bindgen_test]
    fn selecting_says_so_fills_the_panel_and_rejects_unknown_ids() {
        let mut c = core("en");
        c.take_changes();
        c.select(Some("beijing".into()), Origin::Api, true).unwrap();
        let bits = c.take_changes();
        assert_eq!(bits & changed::SELECTION, changed::SELECTION);
        assert_eq!(bits & changed::ANNOUNCE, changed::ANNOUNCE);
        assert!(c
            .take_announcement()
            .unwrap()
            .starts_with("Beijing, selected."));
        assert_eq!(c.selected().as_deref(), Some("beijing"));
        assert_eq!(split(&c.panel())[0], "beijing");
        let err = c
            .select(Some("nowhere".into()), Origin::Api, true)
            .unwrap_err();
        assert!(err.contains("no place has the id \"nowhere\""));
        assert_eq!(
            c.selected().as_deref(),
            Some("beijing"),
            "a bad id changes nothing"
        );
    }

    #[wasm_bindgen_test]
    fn keys_move_focus_select_and_clear() {
        let mut c = core("en");
        assert!(c.key("ArrowRight", true).unwrap());
        assert!(c
            .take_announcement()
            .unwrap()
            .ends_with("Press Enter to select."));
        assert!(c.key("Enter", true).unwrap());
        assert!(c.selected().is_some());
        assert!(c.key("Escape", true).unwrap());
        assert_eq!(c.selected(), None);
        assert_eq!(c.zoom(), 1.0);
        assert!(
            !c.key("q", true).unwrap(),
            "keys the map does not use go to the page"
        );
    }

    #[wasm_bindgen_test]
    fn a_drag_pans_and_a_pinch_zooms() {
        let mut c = core("en");
        let before = c.project(116.4, 39.9);
        c.input(input::ZOOM, 4.0, f64::NAN, f64::NAN, 1.0);
        let zoomed = c.project(116.4, 39.9);
        c.input(input::DRAG_START, 1.0, 200.0, 250.0, 0.0);
        assert_eq!(
            c.input(input::DRAG_MOVE, 1.0, 201.0, 250.0, 0.0),
            0.0,
            "a nudge is not a drag"
        );
        assert_eq!(
            c.input(input::DRAG_MOVE, 2.0, 260.0, 250.0, 0.0),
            0.0,
            "another pointer"
        );
        assert_eq!(c.input(input::DRAG_MOVE, 1.0, 240.0, 250.0, 0.0), 1.0);
        let dragged = c.project(116.4, 39.9);
        assert!(
            (dragged[0] - zoomed[0] - 40.0).abs() < 1e-6,
            "{zoomed:?} → {dragged:?}"
        );
        let after_drag = c.input(input::DRAG_END, 1.0, 0.0, 0.0, 0.0);
        assert_eq!(after_drag, 1.0, "the click after a drag selects nothing");
        c.input(input::HOME, 1.0, 0.0, 0.0, 0.0);
        assert_eq!(c.project(116.4, 39.9), before);
        assert_eq!(c.input(input::PINCH_START, 150.0, 250.0, 250.0, 250.0), 1.0);
        c.input(input::PINCH_MOVE, 100.0, 250.0, 300.0, 250.0);
        assert!((c.zoom() - 2.0).abs() < 1e-9, "{}", c.zoom());
    }

    #[wasm_bindgen_test]
    fn an_easing_view_change_runs_on_frames_and_lands_exactly() {
        let mut c = core("en");
        c.input(input::ZOOM, 2.0, f64::NAN, f64::NAN, 0.0);
        assert_eq!(c.zoom(), 1.0, "nothing moves before the first frame");
        assert_eq!(
            c.input(input::FRAME, 1000.0, 0.0, 0.0, 0.0),
            1.0,
            "the clock starts"
        );
        assert_eq!(c.input(input::FRAME, 1175.0, 0.0, 0.0, 0.0), 1.0);
        assert!(c.zoom() > 1.0 && c.zoom() < 2.0, "{}", c.zoom());
        assert_eq!(
            c.input(input::FRAME, 1400.0, 0.0, 0.0, 0.0),
            0.0,
            "done after 350 ms"
        );
        assert_eq!(c.zoom(), 2.0);
    }

    #[wasm_bindgen_test]
    fn words_follow_the_language() {
        let mut c = core("en");
        assert!(split(&c.words())[0].starts_with("Map of Beijing"));
        c.take_changes();
        c.set_lang("zh-CN").unwrap();
        assert_eq!(c.take_changes() & changed::WORDS, changed::WORDS);
        assert_eq!(split(&c.words())[0], "京津冀地图，标出《决定》提到的地点");
        assert!(c
            .set_lang("fr")
            .unwrap_err()
            .contains("unsupported language"));
    }

    #[wasm_bindgen_test]
    fn bad_data_is_a_readable_error() {
        let err = MapCore::new(b"not json", None, None, None).err().unwrap();
        assert!(err.contains("not valid JSON"));
    }
}
