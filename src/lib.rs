//! jingjinji-map: an interactive Beijing–Tianjin–Hebei policy map.
//!
//! Data flows one way: text → [`data`] → [`geo`] → [`render`] → pixels, and the reader's input
//! flows back through [`ui`] as small messages. Each layer imports only the layers above it in
//! this table; everything except [`web`] is pure Rust and runs under native `cargo test`:
//!
//! | module | owns |
//! |---|---|
//! | [`error`] | the one error enum |
//! | [`i18n`] | languages, bilingual text, the widget's own interface words |
//! | [`data`] | the two data files → a validated dataset, and the problem report |
//! | [`geo`] | coordinate spaces, projection, view, projected shapes, hit-testing |
//! | [`render`] | frame → display list: scene, labels, legend, style |
//! | [`ui`] | the map's state machine and the details panel's content |
//! | `import` | (native only) a newsroom's GeoJSON and texts → the widget's format |
//! | `web` | (wasm only) the `Widget` class (wasm-bindgen) and its web-sys canvas painter |

// The browser boundary is wasm-bindgen's, and the crate forbids unsafe_code (DESIGN rule 4).
#![forbid(unsafe_code)]
// No panicking calls in shipped code: errors are values (DESIGN rule 4). Tests may panic;
// see clippy.toml.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::todo
)]

pub mod data;
pub mod error;
pub mod geo;
pub mod i18n;
#[cfg(not(target_arch = "wasm32"))]
pub mod import;
pub mod render;
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::{Error, Result};
