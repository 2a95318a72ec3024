//! The map's state machine as the element drives it (`ui::controller::MapCore`), natively:
//! what a new map asks for, what selecting, keys, drags, pinches and frames do, and what bad
//! data and unknown ids answer.

mod common;

use common::{FEATURES, POLICIES};
use jingjinji_map::geo::coords::Css;
use jingjinji_map::ui::controller::{changed, Input, MapCore, Origin};

fn css(x: f64, y: f64) -> Css {
    Css { x, y }
}

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

#[test]
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

#[test]
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

#[test]
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

#[test]
fn a_drag_pans_and_a_pinch_zooms() {
    let mut c = core("en");
    let before = c.project(116.4, 39.9);
    c.input(Input::Zoom {
        factor: 4.0,
        about: None,
        still: true,
    });
    let zoomed = c.project(116.4, 39.9);
    c.input(Input::DragStart {
        pointer: 1,
        at: css(200.0, 250.0),
    });
    assert!(
        !c.input(Input::DragMove {
            pointer: 1,
            at: css(201.0, 250.0)
        }),
        "a nudge is not a drag"
    );
    assert!(
        !c.input(Input::DragMove {
            pointer: 2,
            at: css(260.0, 250.0)
        }),
        "another pointer"
    );
    assert!(c.input(Input::DragMove {
        pointer: 1,
        at: css(240.0, 250.0)
    }));
    let dragged = c.project(116.4, 39.9);
    assert!(
        (dragged[0] - zoomed[0] - 40.0).abs() < 1e-6,
        "{zoomed:?} → {dragged:?}"
    );
    let after_drag = c.input(Input::DragEnd { pointer: 1 });
    assert!(after_drag, "the click after a drag selects nothing");
    c.input(Input::Home { still: true });
    assert_eq!(c.project(116.4, 39.9), before);
    assert!(c.input(Input::PinchStart(css(150.0, 250.0), css(250.0, 250.0))));
    c.input(Input::PinchMove(css(100.0, 250.0), css(300.0, 250.0)));
    assert!((c.zoom() - 2.0).abs() < 1e-9, "{}", c.zoom());
}

#[test]
fn an_easing_view_change_runs_on_frames_and_lands_exactly() {
    let mut c = core("en");
    c.input(Input::Zoom {
        factor: 2.0,
        about: None,
        still: false,
    });
    assert_eq!(c.zoom(), 1.0, "nothing moves before the first frame");
    assert!(c.input(Input::Frame { now: 1000.0 }), "the clock starts");
    assert!(c.input(Input::Frame { now: 1175.0 }));
    assert!(c.zoom() > 1.0 && c.zoom() < 2.0, "{}", c.zoom());
    assert!(!c.input(Input::Frame { now: 1400.0 }), "done after 350 ms");
    assert_eq!(c.zoom(), 2.0);
}

#[test]
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

#[test]
fn bad_data_is_a_readable_error() {
    let err = MapCore::new(b"not json", None, None, None).err().unwrap();
    assert!(err.contains("not valid JSON"));
}
