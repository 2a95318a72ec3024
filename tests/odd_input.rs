//! Valid GeoJSON that export tools write and a strict reading might refuse: clockwise outer
//! rings, holes, 3D positions, foreign members, a null geometry, MultiPolygon parts that
//! touch, a byte-order mark. Each loads, and draws and hit-tests as it should.

mod common;

use jingjinji_map::data::load;
use jingjinji_map::data::report::{DataFile, Severity};
use jingjinji_map::i18n::Lang;
use jingjinji_map::ui::map::Map;
use serde_json::{json, Value};

/// A square ring from (x0, y0) to (x1, y1), counter-clockwise, or clockwise if asked.
fn square(x0: f64, y0: f64, x1: f64, y1: f64, clockwise: bool) -> Value {
    let mut ring = vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
    if clockwise {
        ring.reverse();
    }
    json!(ring)
}

fn feature(id: &str, geometry: Value) -> Value {
    json!({
        "type": "Feature",
        "properties": { "id": id, "kind": "province", "name_zh": "示例", "name_en": id },
        "geometry": geometry,
    })
}

/// Loads `features` and returns the map at 600×600 with the warnings' messages.
fn load_map(features: &[Value]) -> (Map, Vec<String>) {
    let text = json!({ "type": "FeatureCollection", "features": features }).to_string();
    let (data, report) = load::check(&text, None);
    let warnings = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .map(|p| format!("{}: {}", p.at, p.message))
        .collect();
    let data = data.unwrap_or_else(|| panic!("refused: {report}"));
    let mut m = Map::new(data, Lang::En);
    m.resize(600.0, 600.0).unwrap();
    (m, warnings)
}

#[test]
fn a_clockwise_outer_ring_is_the_same_area() {
    let (m, _) = load_map(&[
        feature(
            "ccw",
            json!({ "type": "Polygon", "coordinates": [square(116.0, 39.0, 117.0, 40.0, false)] }),
        ),
        feature(
            "cw",
            json!({ "type": "Polygon", "coordinates": [square(117.5, 39.0, 118.5, 40.0, true)] }),
        ),
    ]);
    assert_eq!(common::id_at(&m, 116.5, 39.5).as_deref(), Some("ccw"));
    assert_eq!(common::id_at(&m, 118.0, 39.5).as_deref(), Some("cw"));
}

#[test]
fn a_hole_is_not_part_of_its_area_in_either_winding() {
    for clockwise_hole in [true, false] {
        let (m, _) = load_map(&[feature(
            "ring",
            json!({ "type": "Polygon", "coordinates": [
                square(116.0, 39.0, 118.0, 41.0, false),
                square(116.6, 39.6, 117.4, 40.4, clockwise_hole),
            ] }),
        )]);
        assert_eq!(
            common::id_at(&m, 117.0, 40.0),
            None,
            "the hole is selectable"
        );
        assert_eq!(common::id_at(&m, 116.3, 39.3).as_deref(), Some("ring"));
    }
}

#[test]
fn third_coordinates_and_foreign_members_are_ignored() {
    let ring3d: Vec<[f64; 3]> = [
        [116.0, 39.0],
        [117.0, 39.0],
        [117.0, 40.0],
        [116.0, 40.0],
        [116.0, 39.0],
    ]
    .iter()
    .map(|[x, y]| [*x, *y, 42.5])
    .collect();
    let mut odd = feature(
        "tall",
        json!({ "type": "Polygon", "coordinates": [ring3d], "bbox": [116, 39, 117, 40] }),
    );
    odd["crs"] =
        json!({ "type": "name", "properties": { "name": "urn:ogc:def:crs:OGC:1.3:CRS84" } });
    odd["exported_by"] = json!("QGIS 3.34");
    let (m, warnings) = load_map(&[odd]);
    assert_eq!(common::id_at(&m, 116.5, 39.5).as_deref(), Some("tall"));
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_null_geometry_is_left_off_the_map_with_a_warning() {
    let (m, warnings) = load_map(&[
        feature("nowhere", Value::Null),
        feature(
            "somewhere",
            json!({ "type": "Point", "coordinates": [116.4, 39.9] }),
        ),
    ]);
    assert_eq!(m.data().places.len(), 1);
    assert_eq!(m.data().places[0].id, "somewhere");
    assert_eq!(
        warnings,
        ["features: feature 0 (id \"nowhere\"): geometry: is null: the place is left off the map (give it a Point, Polygon or MultiPolygon)"]
    );
}

#[test]
fn multipolygon_parts_that_touch_are_one_place() {
    let (m, _) = load_map(&[feature(
        "pair",
        json!({ "type": "MultiPolygon", "coordinates": [
            [square(116.0, 39.0, 117.0, 40.0, false)],
            [square(117.0, 39.0, 118.0, 40.0, false)],
        ] }),
    )]);
    for lon in [116.5, 116.999, 117.001, 117.5] {
        assert_eq!(
            common::id_at(&m, lon, 39.5).as_deref(),
            Some("pair"),
            "at {lon}"
        );
    }
}

#[test]
fn a_byte_order_mark_is_read_past() {
    let with_mark = [b"\xEF\xBB\xBF".as_slice(), common::FEATURES.as_bytes()].concat();
    let text = load::text_of(DataFile::Features, &with_mark).expect("a marked file reads");
    let data = load::load(text, Some(common::POLICIES)).expect("and loads");
    assert_eq!(data.places.len(), common::shipped().places.len());
}
