//! The render layer: a frame in, a plain display list out, for any painter to draw.

pub mod labels;
pub mod scene;
pub mod style;
