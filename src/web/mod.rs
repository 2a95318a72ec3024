//! The wasm side of the browser boundary, on wasm-bindgen and web-sys: the [`widget::Widget`]
//! class that the element's shell (`www/jingjinji-map.source.js`) constructs per map, and the
//! canvas painter it owns. Every decision is `ui::controller::MapCore`'s; this layer only
//! translates calls in and paints the display list out. The wasm build's allocator is here.

mod painter;
pub mod widget;

/// The wasm build's allocator (see Cargo.toml). The map is single-threaded: no atomics.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
