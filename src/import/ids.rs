//! The widget's ids and names from a newsroom's property values.

/// `value` as a widget id: lowercased, anything outside `[a-z0-9]` turned into `-`
/// (`CN-31` → `cn-31`, `Jiangsu Sheng` → `jiangsu-sheng`).
pub fn widget_id(value: &str) -> String {
    value
        .trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '-'
            }
        })
        .collect()
}

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
