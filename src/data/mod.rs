//! The data layer: text → validated [`model::Dataset`], with every problem located.

pub mod features;
pub mod json;
pub mod keyed;
pub mod load;
pub mod model;
pub mod policy;
pub mod props;
pub mod report;
