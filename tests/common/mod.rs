//! Helpers shared by the native integration tests: the shipped data and a sized map.
#![allow(dead_code)]

use jingjinji_map::data::load;
use jingjinji_map::data::model::Dataset;
use jingjinji_map::geo::coords::LonLat;
use jingjinji_map::i18n::Lang;
use jingjinji_map::render::display::{Align, Item, Scene};
use jingjinji_map::ui::map::Map;

pub const FEATURES: &str = include_str!("../../data/places.geojson");
pub const POLICIES: &str = include_str!("../../data/policies.json");

pub fn shipped() -> Dataset {
    load::load(FEATURES, Some(POLICIES)).expect("shipped data loads")
}

/// The shipped map at a given canvas size.
pub fn map(width: f64, height: f64, lang: Lang) -> Map {
    let mut m = Map::new(shipped(), lang);
    m.resize(width, height).expect("map resizes");
    m
}

/// The id under a longitude/latitude.
pub fn id_at(m: &Map, lon: f64, lat: f64) -> Option<String> {
    let c = m.project(LonLat { lon, lat }).expect("projects");
    m.id_at(c).map(str::to_string)
}

/// The recorded hit-test grid (tests/fixtures/hit-grid.tsv): lon, lat, id or `-`, for the
/// shipped map at 720×900. Native and wasm builds must both answer exactly this.
pub const HIT_GRID: &str = include_str!("../fixtures/hit-grid.tsv");

/// The grid's rows that differ from what `m` answers, as readable lines.
pub fn hit_grid_mismatches(m: &Map) -> Vec<String> {
    HIT_GRID
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let (lon, lat): (f64, f64) = (cols[0].parse().unwrap(), cols[1].parse().unwrap());
            let want = (cols[2] != "-").then(|| cols[2].to_string());
            let got = id_at(m, lon, lat);
            (got != want).then(|| format!("({lon}, {lat}): recorded {want:?}, got {got:?}"))
        })
        .collect()
}

/// The grid's points, for recording a new table.
pub fn hit_grid_points() -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    for j in 0..=26 {
        for i in 0..=26 {
            out.push((113.5 + 0.25 * f64::from(i), 36.0 + 0.25 * f64::from(j)));
        }
    }
    out
}

/// Each label's text and box `[x0, y0, x1, y1]` (CSS px, one em tall), with its width from
/// `width(text, size, bold)`: the core's estimate natively, the browser's measurement in wasm.
pub fn label_boxes(s: &Scene, width: impl Fn(&str, f64, bool) -> f64) -> Vec<(String, [f64; 4])> {
    s.items
        .iter()
        .filter_map(|it| match it {
            Item::Label {
                text,
                at,
                size,
                bold,
                align,
                ..
            } => {
                let w = width(text, *size, *bold);
                let x0 = match align {
                    Align::Left => at.x,
                    Align::Center => at.x - w / 2.0,
                };
                Some((
                    text.clone(),
                    [x0, at.y - size / 2.0, x0 + w, at.y + size / 2.0],
                ))
            }
            _ => None,
        })
        .collect()
}

/// Distance from point `p` to the segment `a`–`b`, all as `(x, y)`.
pub fn segment_distance(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    use geo::{Distance, Euclidean};
    Euclidean.distance(&geo::Point::from(p), &geo::Line::new(a, b))
}
