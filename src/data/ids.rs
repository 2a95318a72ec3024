//! The widget's place ids as made from a source's own ids, one rule for `import` and for
//! matching a values file's ids to the places.

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
