//! The value layer at the browser boundary: the `Widget`'s methods for a newsroom's figures
//! (`loadValues`, `setValueOption`, `clearValues`, `legend`, `valueFor`). Only the build with
//! the `values` feature has them: the element loads that build for a map with a `values`
//! attribute, so a map without figures never downloads the layer's code.

use super::{browser, dispatch, to_js, warn, Inner, Widget};
use crate::data::report::DataFile;
use crate::web::body::{self, BodyError};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

impl Inner {
    /// After the figures were set: their warnings on the console and the notice cleared, or
    /// the reason they are not shown, under the map.
    fn show_values(&mut self, shown: Result<Vec<String>, String>) -> Result<(), String> {
        match shown {
            Ok(warnings) => {
                for w in &warnings {
                    warn(w);
                }
                self.dom.notice(None);
                Ok(())
            }
            Err(e) => {
                let text = self.core.figures_notice(&e);
                self.dom.notice(Some(&text));
                Err(e)
            }
        }
    }
}

#[wasm_bindgen]
impl Widget {
    /// Shows a values file's figures (the `values` attribute's response; `settings`: the
    /// value layer's attributes by name): its body is read as it streams in, stopped at the
    /// page's byte limit, and classed. Warnings go to the console. A file that cannot be
    /// used leaves the map drawn without the layer, says why under it, and rejects.
    #[wasm_bindgen(js_name = loadValues)]
    pub fn load_values(
        &self,
        response: js_sys::Promise,
        settings: JsValue,
    ) -> Result<js_sys::Promise, JsError> {
        let settings = crate::web::options::value_settings(&settings).map_err(browser)?;
        let me = Rc::downgrade(&self.inner);
        let limit = self
            .inner
            .try_borrow()
            .map_err(|_| JsError::new("the map is busy"))?
            .byte_limit;
        Ok(wasm_bindgen_futures::future_to_promise(async move {
            // The page's fetch: a failed one is said under the map like a bad file.
            let bytes = match wasm_bindgen_futures::JsFuture::from(response).await {
                Ok(response) => {
                    body::read(&response.unchecked_into(), DataFile::Values, limit).await
                }
                Err(e) => Err(BodyError::Browser(js_sys::Error::from(e).message().into())),
            };
            let Some(rc) = me.upgrade() else {
                return Ok(JsValue::UNDEFINED); // the map was released meanwhile
            };
            let event = {
                let mut inner = rc
                    .try_borrow_mut()
                    .map_err(|_| JsValue::from_str("the map is busy"))?;
                if bytes.is_err() {
                    inner.core.expect_figures(false);
                }
                let shown = match bytes {
                    Ok(bytes) => inner
                        .core
                        .set_values(&bytes, settings)
                        .map_err(|e| e.to_string()),
                    Err(BodyError::TooBig(e)) => Err(e.to_string()),
                    Err(BodyError::Browser(e)) => Err(e
                        .as_string()
                        .unwrap_or_else(|| "the values file could not be read".into())),
                };
                let shown = inner.show_values(shown);
                let event = inner.after()?;
                shown.map(|()| event)
            };
            let event = event.map_err(|e| JsValue::from(JsError::new(&e)))?;
            dispatch(&rc, event);
            Ok(JsValue::UNDEFINED)
        }))
    }

    /// Takes the figures off the map (the `values` attribute was removed).
    #[wasm_bindgen(js_name = clearValues)]
    pub fn clear_values(&self) -> Result<(), JsError> {
        self.act_and_tell(|i| {
            i.core.clear_values();
            i.dom.notice(None);
            Ok(())
        })
    }

    /// One of the value layer's attributes changed (`value`, `value-kind`, `classes`,
    /// `class-count`, `palette`, `midpoint`, `value-unit`): the figures are classed again and
    /// drawn, without reading the file again. An unusable setting is an error, and the map
    /// is drawn without the layer.
    #[wasm_bindgen(js_name = setValueOption)]
    pub fn set_value_option(&self, name: &str, value: Option<String>) -> Result<(), JsError> {
        let mut failed = None;
        self.act_and_tell(|i| {
            let shown = i
                .core
                .set_value_option(name, value)
                .map_err(|e| e.to_string());
            failed = i.show_values(shown).err();
            Ok(())
        })?;
        failed.map_or(Ok(()), |e| Err(JsError::new(&e)))
    }

    /// The value layer's legend: `[{ from, to, colour, label, count, no_data }]`, the
    /// classes lowest first, then the places without a figure (empty without figures).
    pub fn legend(&self) -> Result<JsValue, JsError> {
        let inner = self
            .inner
            .try_borrow()
            .map_err(|_| JsError::new("the map is busy"))?;
        to_js(&inner.core.legend())
    }

    /// Place `id`'s figure as `{ value, text, class }`, or `null`.
    #[wasm_bindgen(js_name = valueFor)]
    pub fn value_for(&self, id: &str) -> Result<JsValue, JsError> {
        let inner = self
            .inner
            .try_borrow()
            .map_err(|_| JsError::new("the map is busy"))?;
        match inner.core.value_for(id) {
            Some(v) => to_js(&v),
            None => Ok(JsValue::NULL),
        }
    }
}
