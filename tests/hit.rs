//! Hit-testing on the shipped data and on small shapes: inside, outside, holes, exclave,
//! point symbols, and shared borders without gaps.

mod common;

use common::{id_at, map};
use jingjinji_map::data::load;
use jingjinji_map::geo::coords::Css;
use jingjinji_map::geo::hit::POINT_RADIUS_PX;
use jingjinji_map::geo::shapes::PlaneShape;
use jingjinji_map::i18n::Lang;
use jingjinji_map::ui::map::Map;

#[test]
fn provinces_resolve_at_interior_points() {
    let m = map(1000.0, 1250.0, Lang::En);
    assert_eq!(id_at(&m, 116.25, 40.45).as_deref(), Some("beijing"));
    assert_eq!(id_at(&m, 117.25, 38.80).as_deref(), Some("tianjin"));
    assert_eq!(id_at(&m, 115.00, 40.50).as_deref(), Some("hebei"));
    assert_eq!(id_at(&m, 115.50, 37.20).as_deref(), Some("hebei"));
}

#[test]
fn the_exclave_is_its_own_region_not_hebei() {
    let m = map(1000.0, 1250.0, Lang::En);
    assert_eq!(
        id_at(&m, 117.02, 39.93).as_deref(),
        Some("sanhe-dachang-xianghe")
    );
}

#[test]
fn sea_and_context_select_nothing() {
    let m = map(1000.0, 1250.0, Lang::En);
    assert_eq!(id_at(&m, 119.5, 38.6), None, "Bohai Sea");
    assert_eq!(id_at(&m, 117.8, 36.3), None, "Shandong is context only");
    assert_eq!(m.id_at(Css { x: -5.0, y: 10.0 }), None);
    assert_eq!(
        m.id_at(Css {
            x: f64::NAN,
            y: 10.0
        }),
        None
    );
}

#[test]
fn point_symbols_win_within_a_finger_radius() {
    let m = map(720.0, 900.0, Lang::En);
    let c = m
        .project(jingjinji_map::geo::coords::LonLat {
            lon: 116.1005,
            lat: 38.9916,
        })
        .unwrap();
    assert_eq!(m.id_at(c), Some("xiongan"));
    assert_eq!(
        m.id_at(Css {
            x: c.x + 8.0,
            y: c.y + 8.0
        }),
        Some("xiongan")
    );
    // Far enough away, the area underneath answers.
    assert_eq!(
        m.id_at(Css {
            x: c.x,
            y: c.y + POINT_RADIUS_PX + 30.0
        }),
        Some("hebei")
    );
    for id in [
        "tongzhou",
        "park-binhai",
        "park-baodi",
        "park-wuqing",
        "park-tangshan",
        "park-baoding",
        "park-hengshui",
        "park-handan",
        "park-xiongan",
    ] {
        let i = m.data().index_of(id).unwrap();
        let Some(PlaneShape::Point(p)) = m.projected().shapes.get(i) else {
            panic!("{id} is a point")
        };
        let c = m.view().unwrap().to_css(*p);
        assert_eq!(m.id_at(c), Some(id), "{id} is clickable on its symbol");
    }
}

fn square_with_hole() -> Map {
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"ring","kind":"province","name_zh":"环","name_en":"Ring"},
       "geometry":{"type":"Polygon","coordinates":[
         [[116,39],[118,39],[118,41],[116,41],[116,39]],
         [[116.5,39.5],[116.5,40.5],[117.5,40.5],[117.5,39.5],[116.5,39.5]]]}},
      {"type":"Feature","properties":{"id":"pair","kind":"province","name_zh":"双","name_en":"Pair"},
       "geometry":{"type":"MultiPolygon","coordinates":[
         [[[119,39],[119.5,39],[119.5,39.5],[119,39.5],[119,39]]],
         [[[119,40.5],[119.5,40.5],[119.5,41],[119,41],[119,40.5]]]]}}]}"#;
    let mut m = Map::new(load::load(text, None).unwrap(), Lang::En);
    m.resize(600.0, 400.0).unwrap();
    m
}

#[test]
fn holes_are_outside_and_every_part_of_a_multipolygon_is_inside() {
    let m = square_with_hole();
    assert_eq!(id_at(&m, 116.2, 40.0).as_deref(), Some("ring"));
    assert_eq!(id_at(&m, 117.0, 40.0), None, "in the hole");
    assert_eq!(id_at(&m, 119.25, 39.25).as_deref(), Some("pair"));
    assert_eq!(id_at(&m, 119.25, 40.75).as_deref(), Some("pair"));
    assert_eq!(id_at(&m, 119.25, 40.0), None, "between the parts");
}

#[test]
fn beijings_border_has_no_gaps() {
    // Every vertex of Beijing's border, nudged half a pixel each way at a large size,
    // must land in Beijing or a neighbour (or on a symbol), never in nothing.
    let m = map(2400.0, 3000.0, Lang::En);
    let i = m.data().index_of("beijing").unwrap();
    let Some(PlaneShape::Area(polys)) = m.projected().shapes.get(i) else {
        panic!()
    };
    let view = m.view().unwrap();
    let mut checked = 0;
    for p in polys.iter().flat_map(|p| &p.rings).flatten() {
        let c = view.to_css(*p);
        for (dx, dy) in [(0.5, 0.0), (-0.5, 0.0), (0.0, 0.5), (0.0, -0.5)] {
            let at = Css {
                x: c.x + dx,
                y: c.y + dy,
            };
            assert!(
                m.id_at(at).is_some(),
                "gap next to Beijing's border at {at:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 400, "only {checked} samples");
}

#[test]
fn another_region_gets_its_own_projection_and_hit_testing() {
    let features = include_str!("../data/examples/shanghai-suzhou.geojson");
    let policies = include_str!("../data/examples/shanghai-suzhou.policies.json");
    let mut m = Map::new(load::load(features, Some(policies)).unwrap(), Lang::En);
    m.resize(400.0, 400.0).unwrap();
    // The view fits the selectable places, so both sit well inside the canvas.
    for (lon, lat, id) in [(121.47, 31.23, "shanghai"), (120.5954, 31.3041, "suzhou")] {
        let c = m
            .project(jingjinji_map::geo::coords::LonLat { lon, lat })
            .unwrap();
        assert!(
            c.x > 0.0 && c.x < 400.0 && c.y > 0.0 && c.y < 400.0,
            "{id} at {c:?}"
        );
        assert_eq!(m.id_at(c), Some(id));
    }
    // North stays up with the fitted cone: Suzhou is west of Shanghai on screen.
    let sh = m
        .project(jingjinji_map::geo::coords::LonLat {
            lon: 121.47,
            lat: 31.23,
        })
        .unwrap();
    let sz = m
        .project(jingjinji_map::geo::coords::LonLat {
            lon: 120.5954,
            lat: 31.3041,
        })
        .unwrap();
    assert!(sz.x < sh.x && sz.y < sh.y);
}

#[test]
fn a_wing_can_be_a_real_polygon_without_code_changes() {
    // When a licensed outline for Tongzhou arrives, it replaces the point in the data only.
    let features = common::FEATURES.replace(
        r#""geometry":{"type":"Point","coordinates":[116.6618,39.904]}"#,
        r#""geometry":{"type":"Polygon","coordinates":[[[116.55,39.75],[116.85,39.75],[116.85,40.0],[116.55,40.0],[116.55,39.75]]]}"#,
    );
    assert_ne!(
        features,
        common::FEATURES,
        "the Tongzhou point was found and replaced"
    );
    let mut m = Map::new(
        load::load(&features, Some(common::POLICIES)).unwrap(),
        Lang::En,
    );
    m.resize(1000.0, 1250.0).unwrap();
    assert_eq!(id_at(&m, 116.8, 39.78).as_deref(), Some("tongzhou"));
    assert_eq!(id_at(&m, 116.3, 39.78).as_deref(), Some("beijing"));
}

#[test]
fn hit_grid_matches_the_recorded_table() {
    // The same table is checked by the wasm build under Node (tests/node.rs), so native and
    // wasm hit-testing are compared point by point. `make hit-grid` records it anew.
    let m = map(720.0, 900.0, Lang::En);
    let bad = common::hit_grid_mismatches(&m);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // The table is not trivial: it covers every province, the sea and the exclave.
    for id in ["beijing", "tianjin", "hebei", "sanhe-dachang-xianghe", "-"] {
        assert!(
            common::HIT_GRID.contains(&format!("\t{id}\n")),
            "grid never hits {id}"
        );
    }
}

/// Writes tests/fixtures/hit-grid.tsv from today's hit-testing: run by `make hit-grid` only
/// (after a deliberate change to hit-testing or the data; look at the diff), never by a
/// normal test run, which compares with the table instead.
#[test]
#[ignore = "records the table: `make hit-grid`"]
fn record_hit_grid() {
    let m = map(720.0, 900.0, Lang::En);
    let mut text = String::from("# lon\tlat\tid at 720x900 (- for none); see tests/hit.rs\n");
    for (lon, lat) in common::hit_grid_points() {
        let id = id_at(&m, lon, lat).unwrap_or_else(|| "-".into());
        text.push_str(&format!("{lon}\t{lat}\t{id}\n"));
    }
    std::fs::write(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hit-grid.tsv"),
        text,
    )
    .unwrap();
}
