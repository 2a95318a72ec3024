//! The widget's DOM: the canvas with its zoom buttons, tooltip and gesture hint; the credit
//! line; the list of places; the details panel; and a live region for screen readers. Text
//! reaches the page through text nodes and attributes only, never as HTML.

use crate::i18n::{Lang, Ui};
use wasm_bindgen::{JsCast, JsError, JsValue};
use web_sys::{CanvasRenderingContext2d, Document, Element, HtmlCanvasElement, HtmlElement, Node};

/// The elements the widget writes to.
pub struct Dom {
    /// The document the elements belong to.
    pub document: Document,
    /// The outermost element; removing it removes everything.
    pub frame: Element,
    /// The map: one tab stop, with keyboard navigation.
    pub canvas: HtmlCanvasElement,
    /// The canvas's 2D context.
    pub ctx: CanvasRenderingContext2d,
    /// Zoom in, zoom out, whole region.
    pub zoom_in: Element,
    /// Zoom out.
    pub zoom_out: Element,
    /// Back to the whole region.
    pub reset: Element,
    /// Names the place under the pointer.
    pub tooltip: HtmlElement,
    /// Tells a reader how to zoom when a wheel or a finger scrolled past the map.
    pub gesture_hint: HtmlElement,
    /// The list of places (buttons) beside the map.
    pub places: Element,
    places_heading: Element,
    places_list: Element,
    /// The details panel.
    pub panel: Element,
    /// The credit line under the map.
    pub credit: Element,
    /// The keyboard help the canvas points to.
    keys: Element,
    /// Polite announcements for screen readers.
    pub live: Element,
}

/// Turns a browser exception into an error with its message.
pub fn js_err(e: JsValue) -> JsError {
    JsError::new(
        &e.as_string()
            .or_else(|| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|err| String::from(err.message()))
            })
            .unwrap_or_else(|| "a browser call failed".to_string()),
    )
}

fn element(document: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let el = document.create_element(tag)?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    Ok(el)
}

fn child(
    document: &Document,
    parent: &Element,
    tag: &str,
    class: &str,
) -> Result<Element, JsValue> {
    let el = element(document, tag, class)?;
    parent.append_child(&el)?;
    Ok(el)
}

fn html(el: Element) -> Result<HtmlElement, JsValue> {
    el.dyn_into::<HtmlElement>()
        .map_err(|_| JsValue::from_str("not an HTML element"))
}

fn button(
    document: &Document,
    parent: &Element,
    class: &str,
    face: &str,
) -> Result<Element, JsValue> {
    let b = child(document, parent, "button", class)?;
    b.set_attribute("type", "button")?;
    b.set_text_content(Some(face));
    Ok(b)
}

impl Dom {
    /// Builds the DOM and appends it to `root`.
    pub fn build(root: &Node) -> Result<Dom, JsError> {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsError::new("no document: the map needs a browser page"))?;
        Dom::build_in(&document, root).map_err(js_err)
    }

    fn build_in(document: &Document, root: &Node) -> Result<Dom, JsValue> {
        let frame = element(document, "div", "jjm-frame")?;
        let column = child(document, &frame, "div", "jjm-column")?;
        let figure = child(document, &column, "figure", "jjm-map")?;
        let stage = child(document, &figure, "div", "jjm-stage")?;
        let canvas: HtmlCanvasElement = child(document, &stage, "canvas", "")?
            .dyn_into()
            .map_err(|_| JsValue::from_str("could not create a canvas"))?;
        canvas.set_attribute("tabindex", "0")?;
        canvas.set_attribute("role", "application")?;
        canvas.set_attribute("aria-describedby", "jjm-keys")?;
        let controls = child(document, &stage, "div", "jjm-zoom")?;
        let zoom_in = button(document, &controls, "jjm-zoom-in", "+")?;
        let zoom_out = button(document, &controls, "jjm-zoom-out", "−")?;
        let reset = button(document, &controls, "jjm-reset", "⤢")?;
        let tooltip = html(child(document, &stage, "div", "jjm-tooltip")?)?;
        tooltip.set_attribute("aria-hidden", "true")?;
        tooltip.set_hidden(true);
        let gesture_hint = html(child(document, &stage, "div", "jjm-gesture-hint")?)?;
        gesture_hint.set_attribute("aria-hidden", "true")?;
        gesture_hint.set_hidden(true);
        let credit = child(document, &figure, "figcaption", "jjm-attribution")?;
        let places = child(document, &column, "nav", "jjm-places")?;
        let places_heading = child(document, &places, "p", "jjm-places-heading")?;
        let places_list = child(document, &places, "ul", "")?;
        let panel = child(document, &frame, "section", "jjm-panel")?;
        // A panel that scrolls must be reachable by keyboard to scroll it.
        panel.set_attribute("tabindex", "0")?;
        let keys = child(document, &frame, "p", "jjm-visually-hidden")?;
        keys.set_id("jjm-keys");
        let live = child(document, &frame, "div", "jjm-visually-hidden jjm-live")?;
        live.set_attribute("role", "status")?;
        live.set_attribute("aria-live", "polite")?;
        root.append_child(&frame)?;
        let ctx: CanvasRenderingContext2d = canvas
            .get_context("2d")?
            .and_then(|c| c.dyn_into().ok())
            .ok_or_else(|| JsValue::from_str("this browser gives no 2D canvas context"))?;
        Ok(Dom {
            document: document.clone(),
            frame,
            canvas,
            ctx,
            zoom_in,
            zoom_out,
            reset,
            tooltip,
            gesture_hint,
            places,
            places_heading,
            places_list,
            panel,
            credit,
            keys,
            live,
        })
    }

    /// Writes the interface words in `lang`; `title` is the canvas's accessible name.
    pub fn set_words(&self, lang: Lang, title: &str) -> Result<(), JsValue> {
        self.canvas.set_attribute("aria-label", title)?;
        self.canvas
            .set_attribute("aria-roledescription", Ui::MapRole.get(lang))?;
        self.keys.set_text_content(Some(Ui::KeysHelp.get(lang)));
        for (b, words) in [
            (&self.zoom_in, Ui::ZoomIn),
            (&self.zoom_out, Ui::ZoomOut),
            (&self.reset, Ui::ResetView),
        ] {
            b.set_attribute("aria-label", words.get(lang))?;
            b.set_attribute("title", words.get(lang))?;
        }
        self.places
            .set_attribute("aria-label", Ui::PlacesHeading.get(lang))?;
        self.places_heading
            .set_text_content(Some(Ui::PlacesHeading.get(lang)));
        self.panel
            .set_attribute("aria-label", Ui::DetailsLabel.get(lang))?;
        Ok(())
    }

    /// Lists the places as buttons (`(id, short label, full name)`), marking `selected`.
    /// The button shows the map's short label (a phone has little room); its title gives the
    /// full name, which the panel and the announcement also say.
    pub fn set_places(
        &self,
        places: &[(String, String, String)],
        selected: Option<&str>,
    ) -> Result<(), JsValue> {
        self.places_list.set_text_content(None);
        for (id, label, name) in places {
            let item = child(&self.document, &self.places_list, "li", "")?;
            let b = button(&self.document, &item, "jjm-place", label)?;
            b.set_attribute("data-id", id)?;
            if name != label {
                b.set_attribute("title", name)?;
            }
        }
        self.mark_selected(selected)
    }

    /// Shows which place of the list is selected.
    pub fn mark_selected(&self, selected: Option<&str>) -> Result<(), JsValue> {
        let buttons = self.places_list.query_selector_all("button")?;
        for k in 0..buttons.length() {
            let Some(b) = buttons.item(k).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let on = b.get_attribute("data-id").as_deref() == selected && selected.is_some();
            b.set_attribute("aria-pressed", if on { "true" } else { "false" })?;
        }
        Ok(())
    }

    /// Says `text` to screen readers (politely, after what they are reading).
    pub fn announce(&self, text: &str) {
        self.live.set_text_content(Some(text));
    }
}
