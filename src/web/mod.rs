//! The wasm side of the browser boundary: the exports (`abi.rs`) that put the page's calls to
//! [`crate::ui::controller::MapCore`], and the allocator. The element, its DOM, events and
//! canvas painting live in `www/jingjinji-map.source.js`, which calls `MapCore` for every
//! decision; nothing here calls a browser API but the console, on a panic.

mod abi;

/// The wasm build's allocator (see Cargo.toml). The map is single-threaded: no atomics.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
