//! `Widget`: the class the element's shell constructs for each map, through wasm-bindgen. Its
//! methods are the page's messages, one each (a pointer moved, a key, a frame), and the
//! state, words and pictures it asks for; options come in and structured answers go out as
//! serde types through serde-wasm-bindgen. It owns the map's `MapCore` and canvas painter.

use crate::data::load::Limits;
use crate::geo::coords::{Css, LonLat};
use crate::ui::controller::{Input, MapCore, Origin};
use crate::web::painter::Painter;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// What the page says about a new map: its languages and its limits on the data.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Options {
    /// The element's `lang` attribute: an explicit choice (`zh`, `en`, `zh-en`).
    pub lang: Option<String>,
    /// The page's own language, only a hint.
    pub page_lang: Option<String>,
    /// `max-bytes`: bytes per data file (0 keeps the map's own limit; none raises it).
    pub max_bytes: f64,
    /// `max-features`: features in the features file.
    pub max_features: f64,
    /// `max-positions`: positions over all features.
    pub max_positions: f64,
}

/// A value as the page reads it: `null` rather than `undefined` for none, plain objects
/// for structs.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

/// A failure the browser reported, as an error the page can read.
fn browser(e: JsValue) -> JsError {
    JsError::new(
        &e.as_string()
            .unwrap_or_else(|| "the browser refused a canvas call".into()),
    )
}

/// One map: its state machine and its canvas painter.
#[wasm_bindgen]
pub struct Widget {
    core: MapCore,
    painter: Painter,
}

#[wasm_bindgen]
impl Widget {
    /// A map on `canvas` from the bytes of its features and policies files; bad data or an
    /// unknown language is an error naming each problem.
    #[wasm_bindgen(constructor)]
    pub fn new(
        canvas: HtmlCanvasElement,
        features: &[u8],
        policies: Option<Box<[u8]>>,
        options: JsValue,
    ) -> Result<Widget, JsError> {
        let options: Options = if options.is_undefined() || options.is_null() {
            Options::default()
        } else {
            serde_wasm_bindgen::from_value(options)?
        };
        let limits = Limits::lowered_to(
            options.max_bytes,
            options.max_features,
            options.max_positions,
        );
        let core = MapCore::within(
            features,
            policies.as_deref(),
            options.lang.as_deref(),
            options.page_lang.as_deref(),
            &limits,
        )?;
        Ok(Widget {
            core,
            painter: Painter::new(canvas).map_err(browser)?,
        })
    }

    /// Fits the map to a canvas of `width` × `height` CSS px at `dpr` device px each and
    /// sizes the canvas's backing store; false while the canvas is not laid out.
    pub fn resize(&mut self, width: f64, height: f64, dpr: f64) -> Result<bool, JsError> {
        let Some(size) = self.core.resize(width, height, dpr)? else {
            return Ok(false);
        };
        self.painter.size_to(size, dpr);
        Ok(true)
    }

    /// What changed since the last call: `{ draw, selection, announce, hover, words }`.
    #[wasm_bindgen(js_name = takeChanges)]
    pub fn take_changes(&mut self) -> Result<JsValue, JsError> {
        to_js(&self.core.take_changes())
    }

    /// What to say to screen readers, once.
    #[wasm_bindgen(js_name = takeAnnouncement)]
    pub fn take_announcement(&mut self) -> Option<String> {
        self.core.take_announcement()
    }

    /// Selects a place (`null`: the overview); `origin` is `pointer`, `keyboard`, `list`,
    /// `link` or `api`. An unknown id is an error and changes nothing.
    pub fn select(&mut self, id: Option<String>, origin: &str, still: bool) -> Result<(), JsError> {
        Ok(self
            .core
            .select(id.as_deref(), Origin::named(origin), still)?)
    }

    /// Whether `id` is a place a reader can select.
    #[wasm_bindgen(js_name = isPlace)]
    pub fn is_place(&self, id: &str) -> bool {
        self.core.is_place(id)
    }

    /// The selected place's id, or `null` for the overview.
    pub fn selected(&self) -> Option<String> {
        self.core.selected()
    }

    /// The id of the selectable place at CSS px (x, y) relative to the canvas, or `null`.
    #[wasm_bindgen(js_name = featureAt)]
    pub fn feature_at(&self, x: f64, y: f64) -> Option<String> {
        self.core.feature_at(Css { x, y })
    }

    /// `[x, y]` in CSS px for a longitude/latitude; `null` if the map is not laid out or the
    /// position is not finite.
    pub fn project(&self, lon: f64, lat: f64) -> Option<Vec<f64>> {
        self.core
            .project(LonLat { lon, lat })
            .map(|c| vec![c.x, c.y])
    }

    /// How far the map is zoomed in (1: the whole region).
    pub fn zoom(&self) -> f64 {
        self.core.zoom()
    }

    /// The name of the place under the pointer, or `null`.
    #[wasm_bindgen(js_name = hoveredName)]
    pub fn hovered_name(&self) -> Option<String> {
        self.core.hovered_name()
    }

    /// The pointer is at CSS px (x, y) over the canvas.
    pub fn hover(&mut self, x: f64, y: f64) {
        self.core.input(Input::Hover(Some(Css { x, y })));
    }

    /// The pointer left the canvas.
    pub fn leave(&mut self) {
        self.core.input(Input::Hover(None));
    }

    /// A ctrl/⌘ wheel step of `delta_px` CSS px at (x, y).
    pub fn wheel(&mut self, delta_px: f64, x: f64, y: f64) {
        self.core.input(Input::Wheel {
            delta_px,
            at: Css { x, y },
        });
    }

    /// A mouse or pen press of pointer `pointer` at (x, y).
    #[wasm_bindgen(js_name = dragStart)]
    pub fn drag_start(&mut self, pointer: i32, x: f64, y: f64) {
        let at = Css { x, y };
        self.core.input(Input::DragStart { pointer, at });
    }

    /// The pressed pointer moved to (x, y): true while it is a drag.
    #[wasm_bindgen(js_name = dragMove)]
    pub fn drag_move(&mut self, pointer: i32, x: f64, y: f64) -> bool {
        let at = Css { x, y };
        self.core.input(Input::DragMove { pointer, at })
    }

    /// The pointer was released: true if it had dragged (its click then selects nothing).
    #[wasm_bindgen(js_name = dragEnd)]
    pub fn drag_end(&mut self, pointer: i32) -> bool {
        self.core.input(Input::DragEnd { pointer })
    }

    /// Two fingers went down: true if they are far enough apart to pinch.
    #[wasm_bindgen(js_name = pinchStart)]
    pub fn pinch_start(&mut self, ax: f64, ay: f64, bx: f64, by: f64) -> bool {
        let (a, b) = (Css { x: ax, y: ay }, Css { x: bx, y: by });
        self.core.input(Input::PinchStart(a, b))
    }

    /// The two fingers moved.
    #[wasm_bindgen(js_name = pinchMove)]
    pub fn pinch_move(&mut self, ax: f64, ay: f64, bx: f64, by: f64) {
        let (a, b) = (Css { x: ax, y: ay }, Css { x: bx, y: by });
        self.core.input(Input::PinchMove(a, b));
    }

    /// Fewer than two fingers are down.
    #[wasm_bindgen(js_name = pinchEnd)]
    pub fn pinch_end(&mut self) {
        self.core.input(Input::PinchEnd);
    }

    /// Zooms by `factor` about CSS px (x, y), or the canvas's centre when they are `null`;
    /// `still`: at once, without easing.
    #[wasm_bindgen(js_name = zoomBy)]
    pub fn zoom_by(&mut self, factor: f64, x: Option<f64>, y: Option<f64>, still: bool) {
        let about = x.zip(y).map(|(x, y)| Css { x, y });
        self.core.input(Input::Zoom {
            factor,
            about,
            still,
        });
    }

    /// Back to the whole region.
    pub fn home(&mut self, still: bool) {
        self.core.input(Input::Home { still });
    }

    /// The map lost keyboard focus.
    pub fn blur(&mut self) {
        self.core.input(Input::Blur);
    }

    /// A key on the focused map (`KeyboardEvent.key`): true if the map used it.
    pub fn key(&mut self, key: &str, still: bool) -> Result<bool, JsError> {
        Ok(self.core.key(key, still)?)
    }

    /// An animation frame at `now` (ms): an easing view change advances, and the canvas is
    /// painted, or, while `gesture` says a drag, pinch or wheel is under way, the last full
    /// frame's picture is moved. True while more frames are wanted.
    pub fn draw(&mut self, now: f64, gesture: bool) -> Result<bool, JsError> {
        let more = self.core.input(Input::Frame { now });
        if gesture {
            if let Some(view) = self.core.view() {
                if self.painter.move_snapshot(&view).map_err(browser)? {
                    return Ok(more);
                }
            }
        }
        if let Some(scene) = self.core.scene() {
            let core = &self.core;
            self.painter
                .paint(&scene, |level| core.outlines(level))
                .map_err(browser)?;
        }
        Ok(more)
    }

    /// A new canvas with the current view painted at `scale` device px per CSS px, for the
    /// PNG the reader downloads.
    pub fn picture(&mut self, scale: f64) -> Result<HtmlCanvasElement, JsError> {
        let scene = self
            .core
            .scene()
            .ok_or_else(|| JsError::new("the map is not laid out yet"))?;
        let core = &self.core;
        self.painter
            .picture(&scene, scale, |level| core.outlines(level))
            .map_err(browser)
    }

    /// The details panel for the current selection (`ui::panel::PanelContent`).
    pub fn panel(&self) -> Result<JsValue, JsError> {
        to_js(&self.core.panel())
    }

    /// The interface words and the key (`ui::controller::Words`).
    pub fn words(&self) -> Result<JsValue, JsError> {
        to_js(&self.core.words())
    }

    /// The selectable places (`ui::controller::PlaceEntry`).
    pub fn places(&self) -> Result<JsValue, JsError> {
        to_js(&self.core.places())
    }

    /// Switches the look: `light`, `dark` or `contrast`.
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&mut self, code: &str) -> Result<(), JsError> {
        Ok(self.core.set_theme(code)?)
    }

    /// Switches the language: `zh`, `en` or `zh-en`.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, code: &str) -> Result<(), JsError> {
        Ok(self.core.set_lang(code)?)
    }
}
