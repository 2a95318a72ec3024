//! Helpers shared by the native integration tests: the shipped data and a sized map.
#![allow(dead_code)]

use jingjinji_map::data::load;
use jingjinji_map::data::model::Dataset;
use jingjinji_map::geo::coords::LonLat;
use jingjinji_map::i18n::Lang;
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
