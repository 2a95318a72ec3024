//! Properties that must hold for any input, checked on random cases (proptest shrinks a
//! failure to its smallest form): the projection and the view invert, hit-testing agrees
//! with `geo`'s `Contains` on random polygons with holes, and the loader never
//! panics on damaged copies of the real files.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use geo::Contains;
use jingjinji_map::data::load;
use jingjinji_map::geo::coords::{Css, LonLat, Plane};
use jingjinji_map::geo::projection::Lambert;
use jingjinji_map::geo::view::View;
use jingjinji_map::i18n::Lang;
use jingjinji_map::ui::map::Map;
use proptest::prelude::*;
use serde_json::json;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_projection_round_trips(lon in 70.0..140.0f64, lat in 10.0..60.0f64) {
        let lambert = Lambert::new(116.0, 39.0, 37.0, 41.0);
        let back = lambert.inverse(lambert.forward(LonLat { lon, lat })).expect("inverts");
        prop_assert!((back.lon - lon).abs() < 1e-9 && (back.lat - lat).abs() < 1e-9, "{lon}, {lat} → {back:?}");
    }

    #[test]
    fn the_view_transform_inverts(
        scale in 1e-5..10.0f64, tx in -1e6..1e6f64, ty in -1e6..1e6f64,
        x in 0.0..2000.0f64, y in 0.0..2000.0f64,
    ) {
        let view = View { scale, tx, ty, width: 2000.0, height: 2000.0 };
        let plane = view.to_plane(Css { x, y }).expect("a plane point");
        let css = view.to_css(plane);
        prop_assert!((css.x - x).abs() < 1e-6 && (css.y - y).abs() < 1e-6, "{x}, {y} → {css:?}");
    }

    #[test]
    fn hit_testing_agrees_with_counting_crossings(
        outer in prop::collection::vec(0.5..1.0f64, 5..24),
        inner in prop::collection::vec(0.15..0.4f64, 3..12),
        points in prop::collection::vec((0.0..600.0f64, 0.0..600.0f64), 40),
    ) {
        // A star-shaped area around (116.5, 39.5) with a star-shaped hole in its middle.
        let star = |radii: &[f64], size: f64| -> Vec<[f64; 2]> {
            let n = radii.len();
            let mut ring: Vec<[f64; 2]> = radii.iter().enumerate().map(|(k, r)| {
                let a = k as f64 / n as f64 * std::f64::consts::TAU;
                [116.5 + size * r * a.cos(), 39.5 + size * r * a.sin()]
            }).collect();
            ring.push(ring[0]);
            ring
        };
        let (outer, hole) = (star(&outer, 1.0), star(&inner, 1.0));
        let text = json!({ "type": "FeatureCollection", "features": [{
            "type": "Feature",
            "properties": { "id": "star", "kind": "province", "name_zh": "星", "name_en": "Star" },
            "geometry": { "type": "Polygon", "coordinates": [outer, hole] },
        }] }).to_string();
        let mut m = Map::new(load::load(&text, None).expect("loads"), Lang::En);
        m.resize(600.0, 600.0).expect("sizes");
        let view = *m.view().expect("a view");
        let rings: Vec<Vec<Plane>> = match &m.projected().shapes[0] {
            jingjinji_map::geo::shapes::PlaneShape::Area(polys) => polys[0].rings.clone(),
            _ => unreachable!(),
        };
        let ring = |r: &Vec<Plane>| r.iter().map(|q| (q.x, q.y)).collect::<geo::LineString>();
        let oracle = geo::Polygon::new(ring(&rings[0]), rings[1..].iter().map(ring).collect());
        for (x, y) in points {
            let p = view.to_plane(Css { x, y }).expect("a plane point");
            // Far enough from every edge that rounding cannot decide it.
            let near = rings.iter().flat_map(|r| r.windows(2)).any(|w| {
                common::segment_distance((p.x, p.y), (w[0].x, w[0].y), (w[1].x, w[1].y)) * view.scale < 0.01
            });
            if near {
                continue;
            }
            // The field's crate is the oracle, not a restatement of our own rule.
            let expected = oracle.contains(&geo::Point::new(p.x, p.y)).then_some("star");
            prop_assert_eq!(m.id_at(Css { x, y }), expected, "at ({}, {})", x, y);
        }
    }

    #[test]
    fn the_loader_never_panics_on_damaged_files(
        cuts in prop::collection::vec((0.0..1.0f64, any::<u8>(), 0u8..4, 0usize..HAZARDS.len()), 1..12),
        policies in any::<bool>(),
    ) {
        // Each damage: overwrite, insert or delete one byte somewhere in the real file, or
        // put in one of the texts that trip JSON readers (bad escapes, controls, deep nesting,
        // huge numbers). Tests run as a debug build, so an arithmetic overflow panics too.
        let source = if policies { common::POLICIES } else { common::FEATURES };
        let mut bytes = source.as_bytes().to_vec();
        for (at, byte, how, hazard) in cuts {
            let i = ((bytes.len() as f64) * at) as usize % bytes.len().max(1);
            match how {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                2 => { bytes.remove(i); }
                _ => { bytes.splice(i..i, HAZARDS[hazard].bytes()); }
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        let (dataset, _) = if policies {
            load::check(common::FEATURES, Some(&text))
        } else {
            load::check(&text, Some(common::POLICIES))
        };
        // Accepted data holds no control character a reader could meet.
        if let Some(data) = dataset {
            for place in &data.places {
                prop_assert!(place.name.en.chars().chain(place.name.zh.chars()).all(jingjinji_map::i18n::is_visible));
            }
        }
    }
}

/// Texts that trip JSON readers, spliced into the real files by the damage test.
const HAZARDS: &[&str] = &[
    "\\uD800\\u0041",
    "\\uD800A",
    "x\\uDC00",
    "\\uD800\\uE000",
    "\\u12",
    "\\b\\f\\u0001",
    "\u{1}",
    "\\",
    "\"",
    "1e999",
    "-",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "{\"type\":null}",
    ",",
    "\u{FEFF}",
];
