//! The map's state machine as the element drives it (`ui::controller::MapCore`), natively:
//! what a new map asks for, what selecting, keys, drags, pinches and frames do, and what bad
//! data and unknown ids answer.

mod common;

use common::{FEATURES, POLICIES};
use jingjinji_map::geo::coords::Css;
use jingjinji_map::geo::coords::LonLat;
use jingjinji_map::ui::controller::{Changes, Input, MapCore, Origin};

fn css(x: f64, y: f64) -> Css {
    Css { x, y }
}

fn core(lang: &str) -> MapCore {
    let mut c = MapCore::new(
        FEATURES.as_bytes(),
        Some(POLICIES.as_bytes()),
        Some(lang),
        None,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.resize(400.0, 500.0, 2.0).unwrap(), Some((800, 1000)));
    c
}

/// Where Beijing's centre falls on the canvas, CSS px.
fn beijing(c: &MapCore) -> Css {
    c.project(LonLat {
        lon: 116.4,
        lat: 39.9,
    })
    .unwrap()
}

#[test]
fn a_new_map_asks_for_words_and_a_frame_and_draws_its_places() {
    let mut c = core("en");
    let first = c.take_changes();
    assert!(first.draw && first.words && !first.selection, "{first:?}");
    assert_eq!(c.take_changes(), Changes::NONE, "changes are reported once");
    let scene = c.scene().unwrap();
    assert_eq!((scene.width, scene.height), (400.0, 500.0));
    let labels: Vec<&str> = scene
        .items
        .iter()
        .filter_map(|item| match item {
            jingjinji_map::render::display::Item::Label { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        labels.contains(&"Beijing") && labels.contains(&"Hebei"),
        "{labels:?}"
    );
    // Every area the scene fills has rings to paint at the level the painter will ask for.
    let level = jingjinji_map::geo::simplify::detail_level(2.0 * scene.view.scale);
    let outlines = c.outlines(level);
    let mut areas = 0;
    for item in &scene.items {
        if let jingjinji_map::render::display::Item::Area { place, .. } = item {
            assert!(!outlines[*place].is_empty(), "place {place} has no rings");
            areas += 1;
        }
    }
    assert!(areas >= 3, "{areas} areas");
}

#[test]
fn not_laid_out_is_no_size_and_no_scene() {
    let mut c = MapCore::new(FEATURES.as_bytes(), None, Some("en"), None).unwrap();
    assert_eq!(c.resize(0.0, 300.0, 1.0).unwrap(), None);
    assert!(c.scene().is_none());
    assert!(c
        .project(LonLat {
            lon: 116.4,
            lat: 39.9
        })
        .is_none());
    // Narrower than the map's margins (an iframe its host has not sized yet): not drawable
    // yet, not an error; a usable size later draws it.
    assert_eq!(c.resize(460.8, 11.2, 1.0).unwrap(), None);
    assert!(c.scene().is_none());
    assert_eq!(c.resize(460.8, 575.0, 1.0).unwrap(), Some((461, 575)));
    assert!(c.scene().is_some());
}

#[test]
fn the_theme_changes_the_sea_and_the_key() {
    let mut c = core("en");
    let light = (c.scene().unwrap().background, c.words().key);
    c.set_theme("dark").unwrap();
    assert!(c.take_changes().draw);
    let dark = (c.scene().unwrap().background, c.words().key);
    assert_ne!(light.0, dark.0, "the sea follows the theme");
    assert_ne!(light.1, dark.1, "the key's swatches follow the theme");
    assert!(light
        .1
        .iter()
        .all(|row| row.fill.starts_with('#') && row.fill.len() == 9));
    let err = c.set_theme("sepia").unwrap_err().to_string();
    assert!(err.contains("no theme is called \"sepia\""), "{err}");
}

#[test]
fn selecting_says_so_fills_the_panel_and_rejects_unknown_ids() {
    let mut c = core("en");
    c.take_changes();
    c.select(Some("beijing"), Origin::Api, true).unwrap();
    let changes = c.take_changes();
    assert!(changes.selection && changes.announce && changes.draw);
    assert!(c
        .take_announcement()
        .unwrap()
        .starts_with("Beijing, selected."));
    assert_eq!(c.selected().as_deref(), Some("beijing"));
    let panel = c.panel();
    assert_eq!(panel.id.as_deref(), Some("beijing"));
    assert_eq!(panel.title, "Beijing");
    let err = c
        .select(Some("nowhere"), Origin::Api, true)
        .unwrap_err()
        .to_string();
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
    let before = beijing(&c);
    c.input(Input::Zoom {
        factor: 4.0,
        about: None,
        still: true,
    });
    let zoomed = beijing(&c);
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
    let dragged = beijing(&c);
    assert!(
        (dragged.x - zoomed.x - 40.0).abs() < 1e-6,
        "{zoomed:?} → {dragged:?}"
    );
    let after_drag = c.input(Input::DragEnd { pointer: 1 });
    assert!(after_drag, "the click after a drag selects nothing");
    c.input(Input::Home { still: true });
    assert_eq!(beijing(&c), before);
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
    assert!(c.words().title.starts_with("Map of Beijing"));
    assert_eq!(c.places()[0].name, "Beijing");
    c.take_changes();
    c.set_lang("zh-CN").unwrap();
    assert!(c.take_changes().words);
    assert_eq!(c.words().title, "京津冀地图，标出《决定》提到的地点");
    assert_eq!(c.places()[0].name, "北京市");
    assert!(c
        .set_lang("fr")
        .unwrap_err()
        .to_string()
        .contains("unsupported language"));
}

#[test]
fn bad_data_is_a_readable_error() {
    let err = MapCore::new(b"not json", None, None, None).err().unwrap();
    assert!(err.to_string().contains("not valid JSON"), "{err}");
}

#[test]
fn a_map_told_figures_are_coming_lists_its_places_once_they_arrive_or_fail() {
    use jingjinji_map::ui::figures::ValueSettings;
    let mut c = core("en");
    c.take_changes();
    c.expect_figures(true);
    assert!(c.words().places_wait, "no list of buttons before the table");
    assert!(c.figures_coming(), "no frame before the figures");
    // They arrive: the table of figures, written once.
    let csv = "id,rate\nbeijing,4.2\ntianjin,3.1\n";
    c.set_values(csv.as_bytes(), ValueSettings::default())
        .unwrap();
    let words = c.words();
    assert!(!words.places_wait);
    assert!(
        words.figures.is_some(),
        "the places come as the table of figures"
    );
    let changes = c.take_changes();
    assert!(changes.words && changes.draw && !c.figures_coming());
    // A file that never came: the plain list, at once.
    let mut c = core("en");
    c.take_changes();
    c.expect_figures(true);
    c.expect_figures(false);
    let changes = c.take_changes();
    assert!(
        changes.words && changes.draw,
        "the list is written and the map drawn now"
    );
    let words = c.words();
    assert!(!words.places_wait && words.figures.is_none());
    // A file that came but cannot be used: the plain list too.
    let mut c = core("en");
    c.expect_figures(true);
    assert!(c
        .set_values(b"name,rate\nx,1\n", ValueSettings::default())
        .is_err());
    assert!(c.take_changes().words);
    assert!(!c.words().places_wait);
}

#[test]
fn a_long_table_of_figures_comes_folded_and_a_short_one_open() {
    use jingjinji_map::ui::figures::ValueSettings;
    // 120 small squares in a row across Hebei, each with a figure.
    let squares: Vec<String> = (0..120)
        .map(|k| {
            let (x, y) = (114.0 + 0.02 * f64::from(k), 38.0);
            format!(
                r#"{{"type":"Feature","properties":{{"id":"sq-{k}","kind":"counties","name_zh":"格{k}","name_en":"Square {k}"}},"geometry":{{"type":"Polygon","coordinates":[[[{x},{y}],[{},{y}],[{},{}],[{x},{}],[{x},{y}]]]}}}}"#,
                x + 0.02,
                x + 0.02,
                y + 0.02,
                y + 0.02
            )
        })
        .collect();
    let features = format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        squares.join(",")
    );
    let csv: String = std::iter::once("id,rate\n".to_string())
        .chain((0..120).map(|k| format!("sq-{k},{k}\n")))
        .collect();
    let mut c =
        MapCore::new(features.as_bytes(), None, Some("en"), None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.words().fold_places, None, "no figures, no table");
    c.set_values(csv.as_bytes(), ValueSettings::default())
        .unwrap();
    assert_eq!(
        c.words().fold_places.as_deref(),
        Some("The table of all 120 places and their figures")
    );
    // The default map's 19 places: the table stays open.
    let mut c = core("en");
    c.set_values(b"id,rate\nbeijing,4.2\n", ValueSettings::default())
        .unwrap();
    assert!(c.words().figures.is_some());
    assert_eq!(c.words().fold_places, None);
}
