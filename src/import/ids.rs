//! The widget's ids and names from a newsroom's property values.

pub use crate::data::ids::widget_id;

/// A Chinese name as the widget shows it: of `traditional|simplified` (Natural Earth's
/// `name_zh`-style values), the simplified part.
pub fn chinese_name(value: &str) -> String {
    value.rsplit('|').next().unwrap_or(value).trim().to_string()
}

/// A property's value as text: strings as they are, numbers written out (`adcode` 310000).
pub fn as_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
