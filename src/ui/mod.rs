//! The interaction layer: the map's state machine, keyboard focus, and the words the panel
//! and the screen reader get.

pub mod announce;
pub mod controller;
pub mod fallback;
pub mod figures;
pub mod focus;
pub mod gesture;
pub mod map;
pub mod panel;
pub mod picture;
