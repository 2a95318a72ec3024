//! The geometry layer: coordinate spaces, the projection, the view, projected shapes and
//! hit-testing. Pure arithmetic on the data; knows nothing of drawing.

pub mod adjacency;
pub mod coords;
pub mod hit;
pub mod pole;
pub mod projection;
pub mod shapes;
pub mod simplify;
pub mod view;
