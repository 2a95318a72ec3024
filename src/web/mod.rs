//! The wasm side of the browser boundary: [`MapCore`], the map's state machine as the page
//! sees it, its exports (`abi.rs`) and the allocator. The element, its DOM,
//! events and canvas painting live in `www/jingjinji-map.source.js`, which calls `MapCore`
//! for every decision; nothing here calls a browser API but the console, on a panic.

mod abi;
mod map_core;

pub use map_core::{changed, input, MapCore, Origin};

/// The wasm build's allocator (see Cargo.toml). The map is single-threaded: no atomics.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
