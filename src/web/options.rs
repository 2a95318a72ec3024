//! The options the element passes to `MapWidget`: a plain JS object read member by member,
//! with defaults, and a clear error for a member we do not know.

use crate::i18n::{Lang, UnknownLang};
use wasm_bindgen::{JsError, JsValue};

/// Options from the element's attributes (or a JS object), all optional.
#[derive(Debug, Default)]
pub struct Options {
    /// The element's `lang` attribute: an explicit choice, which must be `zh` or `en`.
    pub lang: Option<String>,
    /// The page's language (`<html lang>`): only a hint.
    pub page_lang: Option<String>,
    /// Whether the URL's `#region=` follows the selection (default true).
    pub hash: Option<bool>,
}

const KNOWN: [&str; 3] = ["lang", "pageLang", "hash"];

impl Options {
    /// Reads `value`; `undefined` and `null` give the defaults.
    pub fn from_js(value: JsValue) -> Result<Options, JsError> {
        if value.is_undefined() || value.is_null() {
            return Ok(Options::default());
        }
        if !value.is_object() {
            return Err(JsError::new("bad map options: expected an object"));
        }
        let object = js_sys::Object::from(value.clone());
        for key in js_sys::Object::keys(&object).iter() {
            let key = key.as_string().unwrap_or_default();
            if !KNOWN.contains(&key.as_str()) {
                return Err(JsError::new(&format!(
                    "bad map options: unknown option \"{key}\"; use lang, pageLang or hash"
                )));
            }
        }
        let get = |key: &str| js_sys::Reflect::get(&value, &JsValue::from_str(key)).ok();
        let text = |key: &str| get(key).and_then(|v| v.as_string());
        Ok(Options {
            lang: text("lang"),
            page_lang: text("pageLang"),
            hash: get("hash").and_then(|v| v.as_bool()),
        })
    }

    /// The display language, by the one rule in [`Lang::choose`].
    pub fn lang(&self) -> Result<Lang, UnknownLang> {
        Lang::choose(self.lang.as_deref(), self.page_lang.as_deref())
    }
}
