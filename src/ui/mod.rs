//! The interaction layer: the map's state machine and the details panel's content.

pub mod map;
pub mod panel;
