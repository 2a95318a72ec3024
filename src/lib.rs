//! jingjinji-map: an interactive Beijing–Tianjin–Hebei policy map.
//!
//! Data flows one way: text → [`load`] → [`model::Dataset`] → [`scene`] → pixels.
//! Everything here except [`web`] is pure Rust and runs under native `cargo test`:
//!
//! | module | owns |
//! |---|---|
//! | [`error`] | the one error enum |
//! | [`coords`] | the named coordinate spaces (lon/lat, plane, CSS px) |
//! | [`model`] | places, kinds, bilingual text |
//! | [`policy`] | the policy file schema |
//! | [`check`] | problems found in data, with where they are |
//! | [`load`] | GeoJSON + policy text → validated dataset |
//! | [`projection`] | Lambert conformal conic projection |
//! | [`view`] | fitting the plane into CSS pixels and back |
//! | [`geometry`] | projected shapes, bounding boxes, point-in-polygon |
//! | [`hit`] | what is under a pixel |
//! | [`labels`] | label placement without overlaps |
//! | [`style`] | colours and sizes per kind |
//! | [`scene`] | the display list the painters draw |
//! | [`panel`] | the details panel content, as plain data |
//! | [`map`] | one map: dataset + projection + view + UI state |
//! | `web` | (wasm only) the element glue, canvas painter, events |

// No panicking calls in shipped code: errors are values (DESIGN rule 4). Tests may panic;
// see clippy.toml.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::todo
)]

pub mod check;
pub mod coords;
pub mod error;
pub mod geometry;
pub mod hit;
pub mod labels;
pub mod load;
pub mod map;
pub mod model;
pub mod panel;
pub mod policy;
pub mod projection;
pub mod scene;
pub mod style;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::{Error, Result};
