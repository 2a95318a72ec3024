//! The options the element passes to `MapWidget`, decoded through serde with defaults.

use crate::i18n::{Lang, UnknownLang};
use serde::Deserialize;
use wasm_bindgen::{JsError, JsValue};

/// Options from the element's attributes (or a JS object), all optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Options {
    /// The element's `lang` attribute: an explicit choice, which must be `zh` or `en`.
    pub lang: Option<String>,
    /// The page's language (`<html lang>`): only a hint.
    pub page_lang: Option<String>,
    /// Whether the URL's `#region=` follows the selection (default true).
    pub hash: Option<bool>,
}

impl Options {
    /// Decodes `value`; `undefined` and `null` give the defaults.
    pub fn from_js(value: JsValue) -> Result<Options, JsError> {
        if value.is_undefined() || value.is_null() {
            return Ok(Options::default());
        }
        serde_wasm_bindgen::from_value(value)
            .map_err(|e| JsError::new(&format!("bad map options: {e}")))
    }

    /// The display language, by the one rule in [`Lang::choose`].
    pub fn lang(&self) -> Result<Lang, UnknownLang> {
        Lang::choose(self.lang.as_deref(), self.page_lang.as_deref())
    }
}
