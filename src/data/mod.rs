//! The data layer: text → validated [`model::Dataset`], with every problem located.

pub mod load;
pub mod model;
pub mod policy;
pub mod report;
