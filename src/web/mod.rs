//! The wasm side of the browser boundary, on wasm-bindgen and web-sys: the [`widget::Widget`]
//! class that the element's shell (`www/jingjinji-map.source.js`) loads per map, with the
//! data's bodies read as streams (`body.rs`), the DOM it builds (`dom.rs`), the canvas
//! painter (`painter.rs`), the page's options (`options.rs`), the PNG (`png.rs`) and the listeners it owns (`listeners.rs`).
//! Every decision is `ui::controller::MapCore`'s; this layer only translates events in and
//! paints and writes out. The wasm build's allocator is here.

mod body;
mod dom;
mod listeners;
pub mod options;
mod painter;
mod png;
pub mod widget;

/// The wasm build's allocator (see Cargo.toml). The map is single-threaded: no atomics.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
