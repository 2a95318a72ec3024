//! The render layer: a [`frame::Frame`] in, a plain display list ([`display`]) out, for any
//! painter to draw.

pub mod display;
pub mod frame;
pub mod labels;
pub mod legend;
pub mod scale_bar;
pub mod scene;
pub mod style;
pub mod svg;
pub mod text_width;
pub mod values;
