//! Any bytes as a features file (with the shipped policies): read, validated, and if usable
//! drawn. Nothing may panic, hang or run out of memory.
#![no_main]

mod common;

use jingjinji_map::data::load;
use jingjinji_map::data::report::DataFile;
use libfuzzer_sys::fuzz_target;

const POLICIES: &str = include_str!("../../data/policies.json");

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = load::text_of(DataFile::Features, bytes) else {
        return;
    };
    for policies in [None, Some(POLICIES)] {
        if let Ok(data) = load::load(text, policies) {
            common::draw(data);
        }
    }
});
