//! Any bytes as a policies file, checked against the shipped features: read, validated, and
//! if usable drawn. Nothing may panic, hang or run out of memory.
#![no_main]

mod common;

use jingjinji_map::data::load;
use jingjinji_map::data::report::DataFile;
use libfuzzer_sys::fuzz_target;

const FEATURES: &str = include_str!("../../data/places.geojson");

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = load::text_of(DataFile::Policies, bytes) else {
        return;
    };
    if let Ok(data) = load::load(FEATURES, Some(text)) {
        common::draw(data);
    }
});
