//! The page's options for a new map (`Options`) and the value layer's settings, read from
//! the plain objects the element's shell passes: each member by name, checked for its type,
//! with an error that names the member. A few scalar members do not need a generic
//! deserializer: reading them here costs the download about 1 KB gzipped less than
//! serde-wasm-bindgen's (which still carries the answers and events' details out).

use crate::data::load::Limits;
use wasm_bindgen::{JsError, JsValue};

/// What the page says about a new map: its languages, theme, hash and limits on the data.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Options {
    /// The element's `lang` attribute: an explicit choice (`zh`, `en`, `zh-en`).
    pub lang: Option<String>,
    /// The page's own language, only a hint.
    pub page_lang: Option<String>,
    /// The `theme` attribute: `light` (none), `dark` or `auto`.
    pub theme: Option<String>,
    /// Whether the selection follows the URL's `#region=` (the `hash` attribute).
    pub hash: bool,
    /// `max-bytes`: bytes per data file (0 keeps the map's own limit; none raises it).
    pub max_bytes: f64,
    /// `max-features`: features in the features file.
    pub max_features: f64,
    /// `max-positions`: positions over all features.
    pub max_positions: f64,
    /// A values file follows (the element fetches it beside the data): the list of places
    /// waits for it.
    pub figures: bool,
}

impl Options {
    /// The options in `object` (`undefined` or `null`: the defaults), or which member has
    /// the wrong type. Members are named as in JavaScript (`pageLang`, `maxBytes`); unknown
    /// ones are ignored, absent, `undefined` and `null` ones take their defaults.
    pub fn read(object: &JsValue) -> Result<Options, JsValue> {
        if object.is_undefined() || object.is_null() {
            return Ok(Options::default());
        }
        if !object.is_object() {
            return Err(JsError::new("the map's options must be an object").into());
        }
        let member = Member(object);
        Ok(Options {
            lang: member.text("lang")?,
            page_lang: member.text("pageLang")?,
            theme: member.text("theme")?,
            hash: member.flag("hash")?,
            max_bytes: member.number("maxBytes")?,
            max_features: member.number("maxFeatures")?,
            max_positions: member.number("maxPositions")?,
            figures: member.flag("figures")?,
        })
    }

    /// The limits on the data these options ask for.
    pub fn limits(&self) -> Limits {
        Limits::lowered_to(self.max_bytes, self.max_features, self.max_positions)
    }
}

/// The value layer's settings in `object`, its members named as the attributes are
/// (`value-kind`…; `undefined` or `null`: none), or which member has the wrong type.
#[cfg(feature = "values")]
pub fn value_settings(object: &JsValue) -> Result<crate::ui::figures::ValueSettings, JsValue> {
    let mut settings = crate::ui::figures::ValueSettings::default();
    if object.is_undefined() || object.is_null() {
        return Ok(settings);
    }
    let member = Member(object);
    for name in crate::ui::figures::ValueSettings::NAMES {
        settings.set(name, member.text(name)?);
    }
    Ok(settings)
}

/// The members of one options object, read by name.
struct Member<'a>(&'a JsValue);

impl Member<'_> {
    /// The member `key`, or `None` if it is absent, `undefined` or `null`.
    fn get(&self, key: &str) -> Result<Option<JsValue>, JsValue> {
        let value = js_sys::Reflect::get(self.0, &JsValue::from_str(key))?;
        Ok((!value.is_undefined() && !value.is_null()).then_some(value))
    }

    /// The error for a member of the wrong type: an `Error`, as the page's others are.
    fn wrong(key: &str, expected: &str) -> JsValue {
        JsError::new(&format!("the map's option `{key}` must be {expected}")).into()
    }

    fn text(&self, key: &str) -> Result<Option<String>, JsValue> {
        self.get(key)?
            .map(|v| v.as_string().ok_or_else(|| Self::wrong(key, "a string")))
            .transpose()
    }

    fn flag(&self, key: &str) -> Result<bool, JsValue> {
        self.get(key)?.map_or(Ok(false), |v| {
            v.as_bool().ok_or_else(|| Self::wrong(key, "true or false"))
        })
    }

    fn number(&self, key: &str) -> Result<f64, JsValue> {
        self.get(key)?.map_or(Ok(0.0), |v| {
            v.as_f64().ok_or_else(|| Self::wrong(key, "a number"))
        })
    }
}
