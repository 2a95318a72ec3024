//! `MapWidget`, the one exported class: owns the map state, the DOM, the painter and every
//! listener, turns DOM events into map messages, and paints on change only.

use super::canvas::Painter;
use super::dom::{js_err, Dom};
use super::listeners::Listener;
use super::options::Options;
use super::{panel_dom, panic_hook};
use crate::data::load;
use crate::geo::coords::{Css, LonLat};
use crate::i18n::Lang;
use crate::render::scene;
use crate::render::style::Style;
use crate::ui::map::Map;
use crate::ui::panel;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement, MouseEvent, Node, ResizeObserver};

/// The state shared with event handlers (they hold a `Weak` to it, never a strong ref).
struct Inner {
    host: HtmlElement,
    dom: Dom,
    painter: RefCell<Painter>,
    map: RefCell<Map>,
    style: Style,
    /// Device pixels per CSS pixel the backing store was sized for.
    dpr: Cell<f64>,
    /// Set when the screen's pixel ratio changed (the window moved to another screen);
    /// the next frame re-sizes the backing store.
    dpr_changed: Cell<bool>,
    /// Listens for the pixel ratio leaving its current value; replaced after each change.
    dpr_watch: RefCell<Option<Listener>>,
    /// The animation frame in flight, if any: at most one at a time.
    pending_frame: Cell<Option<i32>>,
    on_frame: RefCell<Option<Closure<dyn FnMut()>>>,
}

fn core_err(e: impl Into<crate::Error>) -> JsError {
    JsError::new(&e.into().to_string())
}

impl Inner {
    fn draw(&self) -> Result<(), JsValue> {
        let map = self.map.borrow();
        if let Some(frame) = map.frame(&self.style) {
            let scene = scene::build(&frame);
            self.painter.borrow_mut().paint(&scene, self.dpr.get())?;
        }
        Ok(())
    }

    fn request_draw(&self) {
        if self.pending_frame.get().is_some() {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(cb) = self.on_frame.borrow().as_ref() {
            if let Ok(handle) = window.request_animation_frame(cb.as_ref().unchecked_ref()) {
                self.pending_frame.set(Some(handle));
            }
        }
    }

    /// Writes the panel, the credit line and the canvas's accessible name in the current
    /// language.
    fn render_text(&self) -> Result<(), JsValue> {
        let map = self.map.borrow();
        let lang = map.lang();
        let credit = map.data().attribution.as_ref().map(|t| t.get(lang));
        self.dom.credit.set_text_content(credit);
        self.dom.canvas.set_attribute("aria-label", &map.title())?;
        let content = panel::content(map.data(), map.selected(), lang);
        panel_dom::render(&self.dom.document, &self.dom.panel, &content)
    }

    /// Fits the map to the canvas's current CSS size and the screen's pixel ratio.
    fn resize(&self) -> Result<(), JsValue> {
        let rect = self.dom.canvas.get_bounding_client_rect();
        let (w, h) = (rect.width(), rect.height());
        if w < 1.0 || h < 1.0 {
            return Ok(()); // hidden or not laid out yet; a later resize will come
        }
        let dpr = web_sys::window().map_or(1.0, |win| win.device_pixel_ratio());
        self.dpr.set(dpr);
        let mut map = self.map.borrow_mut();
        map.resize(w, h)
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        if let Some(view) = map.view() {
            let (dw, dh) = view.device_size(dpr);
            if self.dom.canvas.width() != dw || self.dom.canvas.height() != dh {
                self.dom.canvas.set_width(dw);
                self.dom.canvas.set_height(dh);
            }
        }
        drop(map);
        self.draw()
    }

    /// Changes the selection and, if it changed, tells the page and redraws.
    fn select(&self, id: Option<&str>) -> Result<(), JsValue> {
        let changed = self
            .map
            .borrow_mut()
            .select(id)
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        if changed {
            self.render_text()?;
            self.request_draw();
            let detail = js_sys::Object::new();
            let id_value = self
                .map
                .borrow()
                .selected_id()
                .map_or(JsValue::NULL, JsValue::from_str);
            js_sys::Reflect::set(&detail, &"id".into(), &id_value)?;
            let init = CustomEventInit::new();
            init.set_detail(&detail);
            init.set_bubbles(true);
            init.set_composed(true);
            let event = CustomEvent::new_with_event_init_dict("select", &init)?;
            self.host.dispatch_event(&event)?;
        }
        Ok(())
    }

    fn pointer_css(&self, event: &MouseEvent) -> Css {
        let rect = self.dom.canvas.get_bounding_client_rect();
        Css {
            x: f64::from(event.client_x()) - rect.left(),
            y: f64::from(event.client_y()) - rect.top(),
        }
    }
}

/// Listens for the screen's pixel ratio leaving the value the canvas was sized for, which
/// happens when the window moves to a screen of another density (or the page zooms).
fn watch_dpr(inner: &Rc<Inner>) -> Result<(), JsValue> {
    let Some(window) = web_sys::window() else {
        return Ok(());
    };
    let query = format!("(resolution: {}dppx)", inner.dpr.get());
    let Some(list) = window.match_media(&query)? else {
        return Ok(());
    };
    let weak = Rc::downgrade(inner);
    let listener = Listener::new(&list, "change", move |_| {
        if let Some(inner) = weak.upgrade() {
            inner.dpr_changed.set(true);
            inner.request_draw();
        }
    })?;
    // Replacing drops the previous listener, which unregisters it. This runs from the
    // animation frame, never from inside the listener being dropped.
    *inner.dpr_watch.borrow_mut() = Some(listener);
    Ok(())
}

/// The resize observer and the callback it calls, kept together so both live as long as the map.
type Observer = (ResizeObserver, Closure<dyn FnMut(js_sys::Array)>);

/// One map in the page. Created by the `<jingjinji-map>` element; owns every listener it adds.
#[wasm_bindgen]
pub struct MapWidget {
    inner: Rc<Inner>,
    listeners: Vec<Listener>,
    observer: Option<Observer>,
}

fn report(result: Result<(), JsValue>) {
    if let Err(e) = result {
        web_sys::console::error_2(&"jingjinji-map:".into(), &e);
    }
}

#[wasm_bindgen]
impl MapWidget {
    /// Builds a map inside `root` (the element's shadow root), dispatching events on `host`.
    /// `features` is GeoJSON text, `policies` the policy JSON text; bad data gives an
    /// error naming the problem and where it is.
    #[wasm_bindgen(constructor)]
    pub fn new(
        host: HtmlElement,
        root: Node,
        features: &str,
        policies: Option<String>,
        options: JsValue,
    ) -> Result<MapWidget, JsError> {
        panic_hook::install();
        let options = Options::from_js(options)?;
        let lang = options.lang().map_err(core_err)?;
        let data = load::load(features, policies.as_deref()).map_err(core_err)?;
        let map = Map::new(data, lang);
        let dom = Dom::build(&root)?;
        let painter = Painter::new(dom.ctx.clone(), map.projected()).map_err(js_err)?;
        let inner = Rc::new(Inner {
            host,
            dom,
            painter: RefCell::new(painter),
            map: RefCell::new(map),
            style: Style::default(),
            dpr: Cell::new(1.0),
            dpr_changed: Cell::new(false),
            dpr_watch: RefCell::new(None),
            pending_frame: Cell::new(None),
            on_frame: RefCell::new(None),
        });

        let weak = Rc::downgrade(&inner);
        *inner.on_frame.borrow_mut() = Some(Closure::new(move || {
            let Some(inner) = weak.upgrade() else {
                return;
            };
            inner.pending_frame.set(None);
            if inner.dpr_changed.replace(false) {
                report(inner.resize());
                report(watch_dpr(&inner));
            } else {
                report(inner.draw());
            }
        }));

        let mut widget = MapWidget {
            inner: inner.clone(),
            listeners: Vec::new(),
            observer: None,
        };
        widget.listen()?;
        inner.render_text().map_err(js_err)?;
        inner.resize().map_err(js_err)?;
        watch_dpr(&inner).map_err(js_err)?;
        Ok(widget)
    }

    fn listen(&mut self) -> Result<(), JsError> {
        let target: &web_sys::EventTarget = self.inner.dom.canvas.as_ref();
        let weak = Rc::downgrade(&self.inner);
        self.listeners.push(
            Listener::new(target, "click", move |e| {
                let (Some(inner), Some(e)) = (weak.upgrade(), e.dyn_ref::<MouseEvent>()) else {
                    return;
                };
                let at = inner.pointer_css(e);
                let id = inner.map.borrow().id_at(at).map(str::to_string);
                report(inner.select(id.as_deref()));
            })
            .map_err(js_err)?,
        );
        let weak = Rc::downgrade(&self.inner);
        self.listeners.push(
            Listener::new(target, "pointermove", move |e| {
                let (Some(inner), Some(e)) = (weak.upgrade(), e.dyn_ref::<MouseEvent>()) else {
                    return;
                };
                let at = inner.pointer_css(e);
                let changed = inner.map.borrow_mut().hover(Some(at));
                if changed {
                    let over = inner.map.borrow().hovered().is_some();
                    let _ = inner
                        .dom
                        .canvas
                        .style()
                        .set_property("cursor", if over { "pointer" } else { "" });
                    inner.request_draw();
                }
            })
            .map_err(js_err)?,
        );
        let weak = Rc::downgrade(&self.inner);
        self.listeners.push(
            Listener::new(target, "pointerleave", move |_| {
                if let Some(inner) = weak.upgrade() {
                    if inner.map.borrow_mut().hover(None) {
                        inner.request_draw();
                    }
                }
            })
            .map_err(js_err)?,
        );
        let weak = Rc::downgrade(&self.inner);
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries| {
            if let Some(inner) = weak.upgrade() {
                report(inner.resize());
            }
        });
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).map_err(js_err)?;
        observer.observe(&self.inner.dom.canvas);
        self.observer = Some((observer, on_resize));
        Ok(())
    }

    /// Selects a place by id, or the overview with `null`. Unknown ids are an error.
    pub fn select(&self, id: Option<String>) -> Result<(), JsError> {
        self.inner.select(id.as_deref()).map_err(js_err)
    }

    /// The selected place's id, or `null` for the overview.
    pub fn selected(&self) -> Option<String> {
        self.inner.map.borrow().selected_id().map(str::to_string)
    }

    /// The id of the selectable place at CSS pixel (x, y) relative to the canvas, or `null`.
    #[wasm_bindgen(js_name = featureAt)]
    pub fn feature_at(&self, x: f64, y: f64) -> Option<String> {
        self.inner
            .map
            .borrow()
            .id_at(Css { x, y })
            .map(str::to_string)
    }

    /// `[x, y]` in CSS pixels relative to the canvas for a longitude/latitude.
    pub fn project(&self, lon: f64, lat: f64) -> Result<Vec<f64>, JsError> {
        self.inner
            .map
            .borrow()
            .project(LonLat { lon, lat })
            .map(|c| vec![c.x, c.y])
            .ok_or_else(|| JsError::new(&format!("cannot place ({lon}, {lat}) on the map: it is not laid out yet, or the position is not finite")))
    }

    /// Every selectable place as `{ id, kind, name_zh, name_en }`.
    pub fn regions(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&self.inner.map.borrow().selectable_places())
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Switches names and panel text to `zh` or `en`.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, code: &str) -> Result<(), JsError> {
        let lang = Lang::choose(Some(code), None).map_err(core_err)?;
        self.inner.map.borrow_mut().set_lang(lang);
        self.inner.render_text().map_err(js_err)?;
        self.inner.request_draw();
        Ok(())
    }

    /// Re-fits to the canvas size and paints now, skipping the animation frame (for tests).
    #[wasm_bindgen(js_name = renderNow)]
    pub fn render_now(&self) -> Result<(), JsError> {
        self.inner.resize().map_err(js_err)
    }

    /// Removes the map's DOM and every listener. The object is unusable afterwards.
    pub fn destroy(&mut self) {
        self.teardown();
    }

    fn teardown(&mut self) {
        self.listeners.clear();
        if let Some((observer, _closure)) = self.observer.take() {
            observer.disconnect();
        }
        if let (Some(handle), Some(window)) = (self.inner.pending_frame.take(), web_sys::window()) {
            let _ = window.cancel_animation_frame(handle);
        }
        self.inner.on_frame.borrow_mut().take();
        self.inner.dpr_watch.borrow_mut().take();
        self.inner.dom.frame.remove();
    }
}

impl Drop for MapWidget {
    fn drop(&mut self) {
        self.teardown();
    }
}
