//! The data layer: bytes → validated [`model::Dataset`], with every problem located.

pub mod collection;
pub mod diagnose;
pub mod feature;
pub mod features;
pub mod ids;
pub mod json_error;
pub mod keyed;
pub mod load;
pub mod model;
pub mod order;
pub mod policy;
pub mod policy_read;
pub mod props;
pub mod report;
pub mod strict_json;
pub mod values;
