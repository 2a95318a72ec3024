//! The widget's DOM skeleton: a frame holding the figure (canvas + credit line) and the
//! details panel, built inside the element's root.

use wasm_bindgen::{JsCast, JsError, JsValue};
use web_sys::{CanvasRenderingContext2d, Document, Element, HtmlCanvasElement, Node};

/// The elements the widget writes to.
pub struct Dom {
    /// The document the elements belong to.
    pub document: Document,
    /// The outermost element; removing it removes everything.
    pub frame: Element,
    /// The map.
    pub canvas: HtmlCanvasElement,
    /// The canvas's 2D context.
    pub ctx: CanvasRenderingContext2d,
    /// The details panel.
    pub panel: Element,
    /// The credit line under the map.
    pub credit: Element,
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

fn element(document: &Document, tag: &str, class: &str) -> Result<Element, JsError> {
    let el = document.create_element(tag).map_err(js_err)?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    Ok(el)
}

impl Dom {
    /// Builds the skeleton and appends it to `root`.
    pub fn build(root: &Node) -> Result<Dom, JsError> {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsError::new("no document: the map needs a browser page"))?;
        let frame = element(&document, "div", "jjm-frame")?;
        let figure = element(&document, "figure", "jjm-map")?;
        let canvas: HtmlCanvasElement = element(&document, "canvas", "")?
            .dyn_into()
            .map_err(|_| JsError::new("could not create a canvas"))?;
        canvas.set_attribute("role", "img").map_err(js_err)?;
        figure.append_child(&canvas).map_err(js_err)?;
        let credit = element(&document, "figcaption", "jjm-attribution")?;
        figure.append_child(&credit).map_err(js_err)?;
        let panel = element(&document, "section", "jjm-panel")?;
        panel.set_attribute("aria-live", "polite").map_err(js_err)?;
        frame.append_child(&figure).map_err(js_err)?;
        frame.append_child(&panel).map_err(js_err)?;
        root.append_child(&frame).map_err(js_err)?;
        let ctx: CanvasRenderingContext2d = canvas
            .get_context("2d")
            .map_err(js_err)?
            .and_then(|c| c.dyn_into().ok())
            .ok_or_else(|| JsError::new("this browser gives no 2D canvas context"))?;
        Ok(Dom {
            document,
            frame,
            canvas,
            ctx,
            panel,
            credit,
        })
    }
}
