//! `MapWidget`, the one exported class, and the state its event handlers share: it owns the
//! map state, the DOM, the painter and every listener, and paints on change only.

use super::canvas::Painter;
use super::dom::{js_err, Dom};
use super::events;
use super::listeners::Listener;
use super::options::Options;
use super::{panel_dom, panic_hook};
use crate::data::load;
use crate::geo::coords::{within, Css, LonLat};
use crate::geo::view::View;
use crate::i18n::{decimal, Lang, Ui};
use crate::render::scene;
use crate::render::style::Style;
use crate::ui::gesture::{Drag, Pinch};
use crate::ui::map::Map;
use crate::ui::{announce, panel};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement, MouseEvent, Node, ResizeObserver};

/// How long a view change eases, ms.
const ANIMATION_MS: f64 = 350.0;
/// How long a gesture hint stays, ms.
const HINT_MS: i32 = 1800;

/// How a selection was made: keyboard, list and link selections zoom to a small place, a
/// click does not (the reader is already pointing at it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A click or tap on the map.
    Pointer,
    /// Enter or Space on the focused place, or Escape.
    Keyboard,
    /// A button of the list of places.
    List,
    /// The URL's `#region=` (on load or when it changes).
    Link,
    /// The element's `select()` method.
    Api,
}

impl Origin {
    fn zooms(self) -> bool {
        matches!(self, Origin::Keyboard | Origin::List | Origin::Link)
    }
}

/// A view change easing over a few frames.
#[derive(Debug, Clone, Copy)]
struct Animation {
    from: View,
    to: View,
    start_ms: f64,
}

/// The state shared with event handlers (they hold a `Weak` to it, never a strong ref).
pub struct Inner {
    host: HtmlElement,
    /// The DOM the widget built.
    pub dom: Dom,
    painter: RefCell<Painter>,
    /// The map's state.
    pub map: RefCell<Map>,
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
    animation: Cell<Option<Animation>>,
    /// A mouse or pen press on the map: its pointer id and travel.
    pub drag: Cell<Option<(i32, Drag)>>,
    /// Two fingers on the map.
    pub pinch: Cell<Option<Pinch>>,
    /// Where one finger went down, to tell a scroll from a tap.
    pub touch_start: Cell<Option<Css>>,
    /// The click that ends a drag or a pinch selects nothing.
    pub suppress_click: Cell<bool>,
    hint_timer: Cell<Option<i32>>,
    hide_hint: RefCell<Option<Closure<dyn FnMut()>>>,
    /// Whether the URL's hash follows the selection.
    hash: bool,
}

fn core_err(e: impl Into<crate::Error>) -> JsError {
    JsError::new(&e.into().to_string())
}

fn js_core(e: impl Into<crate::Error>) -> JsValue {
    JsValue::from_str(&e.into().to_string())
}

/// The id in a URL hash of the form `#region=<id>` (other `&`-separated pairs are ignored).
fn region_in_hash(hash: &str) -> Option<String> {
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix("region="))
        .filter(|id| !id.is_empty())
        .map(str::to_string)
}

/// Whether the reader asked for less motion.
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Logs a failed browser call; handlers have no caller to return it to.
pub fn report(result: Result<(), JsValue>) {
    if let Err(e) = result {
        web_sys::console::error_2(&"jingjinji-map:".into(), &e);
    }
}

impl Inner {
    fn draw(&self) -> Result<(), JsValue> {
        if let Some(a) = self.animation.get() {
            let t = within((now_ms() - a.start_ms) / ANIMATION_MS, 0.0, 1.0);
            let eased = 1.0 - (1.0 - t).powi(3);
            self.map
                .borrow_mut()
                .set_view(a.from.eased_to(&a.to, eased));
            if t >= 1.0 {
                self.animation.set(None);
            } else {
                self.request_draw();
            }
        }
        let map = self.map.borrow();
        if let Some(frame) = map.frame(&self.style) {
            let scene = scene::build(&frame);
            self.painter
                .borrow_mut()
                .paint(&scene, map.projected(), self.dpr.get())?;
        }
        Ok(())
    }

    /// Asks for a redraw on the next animation frame (at most one in flight).
    pub fn request_draw(&self) {
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

    /// Moves the view to `to`, easing unless the reader prefers reduced motion.
    pub fn animate_to(&self, to: Option<View>) {
        let Some(to) = to else {
            return;
        };
        let from = self.map.borrow().view().copied();
        match from {
            Some(from) if !reduced_motion() && from != to => {
                self.animation.set(Some(Animation {
                    from,
                    to,
                    start_ms: now_ms(),
                }));
            }
            _ => {
                self.animation.set(None);
                self.map.borrow_mut().set_view(to);
            }
        }
        self.request_draw();
    }

    /// Stops an easing view change: the reader took over.
    pub fn stop_animation(&self) {
        self.animation.set(None);
    }

    /// Writes everything that depends on the language: interface words, the list of places,
    /// the credit line and the panel.
    fn render_words(&self) -> Result<(), JsValue> {
        {
            let map = self.map.borrow();
            let lang = map.lang();
            self.dom.set_words(lang, &map.title())?;
            let places: Vec<(String, String, String)> = map
                .data()
                .places
                .iter()
                .filter(|p| p.kind.selectable())
                .map(|p| {
                    let full = p.name.get(lang).to_string();
                    (p.id.clone(), p.label_text(lang).to_string(), full)
                })
                .collect();
            self.dom.set_places(&places, map.selected_id())?;
            let credit = map.data().attribution.as_ref().map(|t| t.get(lang));
            self.dom.credit.set_text_content(credit);
        }
        self.render_panel()
    }

    /// Writes the panel for the current selection and marks it in the list.
    fn render_panel(&self) -> Result<(), JsValue> {
        let map = self.map.borrow();
        self.dom.mark_selected(map.selected_id())?;
        let content = panel::content(map.data(), map.selected(), map.lang());
        panel_dom::render(&self.dom.document, &self.dom.panel, &content)
    }

    /// Fits the map to the canvas's current CSS size and the screen's pixel ratio.
    pub fn resize(&self) -> Result<(), JsValue> {
        let rect = self.dom.canvas.get_bounding_client_rect();
        let (w, h) = (rect.width(), rect.height());
        if w < 1.0 || h < 1.0 {
            return Ok(()); // hidden or not laid out yet; a later resize will come
        }
        let dpr = web_sys::window().map_or(1.0, |win| win.device_pixel_ratio());
        self.dpr.set(dpr);
        self.animation.set(None);
        let mut map = self.map.borrow_mut();
        map.resize(w, h).map_err(js_core)?;
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

    /// Changes the selection; if it changed, updates the panel, the list, the live region
    /// and the URL, tells the page and redraws. Keyboard, list and link selections of a
    /// small place also zoom to it.
    pub fn select(&self, id: Option<&str>, origin: Origin) -> Result<(), JsValue> {
        let changed = self.map.borrow_mut().select(id).map_err(js_core)?;
        if changed {
            self.render_panel()?;
            let (text, id_value) = {
                let map = self.map.borrow();
                let lang = map.lang();
                let text = match map.selected().and_then(|i| map.data().places.get(i)) {
                    Some(place) => announce::selected(map.data(), place, lang),
                    None => announce::cleared(lang),
                };
                (text, map.selected_id().map(str::to_string))
            };
            self.dom.announce(&text);
            self.update_hash(id_value.as_deref())?;
            self.request_draw();
            let detail = js_sys::Object::new();
            let id_js = id_value.as_deref().map_or(JsValue::NULL, JsValue::from_str);
            js_sys::Reflect::set(&detail, &"id".into(), &id_js)?;
            let init = CustomEventInit::new();
            init.set_detail(&detail);
            init.set_bubbles(true);
            init.set_composed(true);
            let event = CustomEvent::new_with_event_init_dict("select", &init)?;
            self.host.dispatch_event(&event)?;
        }
        if origin.zooms() {
            let target = {
                let map = self.map.borrow();
                map.selected().and_then(|i| map.view_for_place(i))
            };
            self.animate_to(target);
        }
        Ok(())
    }

    /// The URL's hash follows the selection (when enabled), without adding history entries.
    fn update_hash(&self, id: Option<&str>) -> Result<(), JsValue> {
        if !self.hash {
            return Ok(());
        }
        let Some(window) = web_sys::window() else {
            return Ok(());
        };
        let location = window.location();
        let current = location.hash().unwrap_or_default();
        let url = match id {
            Some(id) => format!("#region={id}"),
            None if region_in_hash(&current).is_some() => {
                format!("{}{}", location.pathname()?, location.search()?)
            }
            None => return Ok(()),
        };
        window
            .history()?
            .replace_state_with_url(&JsValue::NULL, "", Some(&url))
    }

    /// Selects the place the URL's `#region=` names; an unknown id is only a warning.
    pub fn apply_hash(&self) -> Result<(), JsValue> {
        if !self.hash {
            return Ok(());
        }
        let Some(window) = web_sys::window() else {
            return Ok(());
        };
        let Some(id) = region_in_hash(&window.location().hash().unwrap_or_default()) else {
            return Ok(());
        };
        let known = self
            .map
            .borrow()
            .selectable_places()
            .iter()
            .any(|p| p.id == id);
        if known {
            self.select(Some(&id), Origin::Link)
        } else {
            web_sys::console::warn_1(
                &format!("jingjinji-map: the link names no place \"{id}\"; showing the overview")
                    .into(),
            );
            Ok(())
        }
    }

    /// Records the place under the pointer (`None`: the pointer left) and names it in the
    /// tooltip.
    pub fn hover(&self, at: Option<Css>) {
        let changed = self.map.borrow_mut().hover(at);
        let name = {
            let map = self.map.borrow();
            map.hovered()
                .and_then(|i| map.data().places.get(i))
                .map(|p| p.name.get(map.lang()).to_string())
        };
        let tip = &self.dom.tooltip;
        match (name, at) {
            (Some(name), Some(at)) => {
                tip.set_text_content(Some(&name));
                let style = tip.style();
                let width = self.map.borrow().view().map_or(0.0, |v| v.width);
                // Beside the pointer, on the side with more room.
                let (x, shift) = if at.x > width * 0.6 {
                    (at.x - 12.0, "translate(-100%, 0)")
                } else {
                    (at.x + 14.0, "none")
                };
                let _ = style.set_property("left", &format!("{}px", decimal(x, 1)));
                let _ = style.set_property("top", &format!("{}px", decimal(at.y + 14.0, 1)));
                let _ = style.set_property("transform", shift);
                tip.set_hidden(false);
            }
            _ => tip.set_hidden(true),
        }
        if changed {
            let over = self.map.borrow().hovered().is_some();
            let _ = self
                .dom
                .canvas
                .style()
                .set_property("cursor", if over { "pointer" } else { "" });
            self.request_draw();
        }
    }

    /// Shows a short hint over the map for a moment.
    pub fn hint(&self, words: Ui) {
        let lang = self.map.borrow().lang();
        let el = &self.dom.gesture_hint;
        el.set_text_content(Some(words.get(lang)));
        el.set_hidden(false);
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(old) = self.hint_timer.take() {
            window.clear_timeout_with_handle(old);
        }
        if let Some(cb) = self.hide_hint.borrow().as_ref() {
            if let Ok(handle) = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                cb.as_ref().unchecked_ref(),
                HINT_MS,
            ) {
                self.hint_timer.set(Some(handle));
            }
        }
    }

    /// Says where keyboard focus is, brings it on screen and redraws its ring.
    pub fn focus_moved(&self) {
        let (text, show) = {
            let map = self.map.borrow();
            let focused = map.focused();
            let text = focused
                .and_then(|i| map.data().places.get(i))
                .map(|p| announce::focused(map.data(), p, map.lang()));
            (text, focused.and_then(|i| map.view_showing(i)))
        };
        if let Some(text) = text {
            self.dom.announce(&text);
        }
        self.animate_to(show);
        self.request_draw();
    }

    /// A mouse event's position in CSS pixels relative to the canvas.
    pub fn pointer_css(&self, event: &MouseEvent) -> Css {
        self.client_to_css(f64::from(event.client_x()), f64::from(event.client_y()))
    }

    /// Client (viewport) coordinates to CSS pixels relative to the canvas.
    pub fn client_to_css(&self, x: f64, y: f64) -> Css {
        let rect = self.dom.canvas.get_bounding_client_rect();
        Css {
            x: x - rect.left(),
            y: y - rect.top(),
        }
    }
}

/// Listens for the screen's pixel ratio leaving the value the canvas was sized for, which
/// happens when the window moves to a screen of another density (or the page zooms).
fn watch_dpr(inner: &Rc<Inner>) -> Result<(), JsValue> {
    let Some(window) = web_sys::window() else {
        return Ok(());
    };
    // A narrow range rather than an exact value: a ratio such as 1.100000023841858 must
    // match itself however it is written.
    let dpr = inner.dpr.get();
    let query = format!(
        "(min-resolution: {}dppx) and (max-resolution: {}dppx)",
        decimal(dpr - 0.001, 4),
        decimal(dpr + 0.001, 4)
    );
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
pub type Observer = (ResizeObserver, Closure<dyn FnMut(js_sys::Array)>);

/// One map in the page. Created by the `<jingjinji-map>` element; owns every listener it adds.
#[wasm_bindgen]
pub struct MapWidget {
    inner: Rc<Inner>,
    listeners: Vec<Listener>,
    observer: Option<Observer>,
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
        let painter = Painter::new(dom.ctx.clone());
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
            animation: Cell::new(None),
            drag: Cell::new(None),
            pinch: Cell::new(None),
            touch_start: Cell::new(None),
            suppress_click: Cell::new(false),
            hint_timer: Cell::new(None),
            hide_hint: RefCell::new(None),
            hash: options.hash.unwrap_or(true),
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
        let weak = Rc::downgrade(&inner);
        *inner.hide_hint.borrow_mut() = Some(Closure::new(move || {
            if let Some(inner) = weak.upgrade() {
                inner.hint_timer.set(None);
                inner.dom.gesture_hint.set_hidden(true);
            }
        }));

        let (listeners, observer) = events::listen(&inner).map_err(js_err)?;
        let widget = MapWidget {
            inner: inner.clone(),
            listeners,
            observer: Some(observer),
        };
        inner.render_words().map_err(js_err)?;
        inner.resize().map_err(js_err)?;
        watch_dpr(&inner).map_err(js_err)?;
        inner.apply_hash().map_err(js_err)?;
        Ok(widget)
    }

    /// Selects a place by id, or the overview with `null`. Unknown ids are an error.
    pub fn select(&self, id: Option<String>) -> Result<(), JsError> {
        self.inner
            .select(id.as_deref(), Origin::Api)
            .map_err(js_err)
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

    /// `[x, y]` in CSS pixels relative to the canvas for a longitude/latitude, in the
    /// current (possibly zoomed) view.
    pub fn project(&self, lon: f64, lat: f64) -> Result<Vec<f64>, JsError> {
        self.inner
            .map
            .borrow()
            .project(LonLat { lon, lat })
            .map(|c| vec![c.x, c.y])
            .ok_or_else(|| {
                JsError::new(&format!(
                    "cannot place ({}, {}) on the map: it is not laid out yet, or the position is not finite",
                    decimal(lon, 6),
                    decimal(lat, 6)
                ))
            })
    }

    /// How far the map is zoomed in from the whole region (1 = whole region).
    pub fn zoom(&self) -> f64 {
        self.inner.map.borrow().zoom()
    }

    /// Every selectable place as `{ id, kind, name_zh, name_en }`.
    pub fn regions(&self) -> Result<JsValue, JsError> {
        let list = js_sys::Array::new();
        for place in self.inner.map.borrow().selectable_places() {
            let item = js_sys::Object::new();
            for (key, value) in [
                ("id", place.id),
                ("kind", place.kind),
                ("name_zh", place.name_zh),
                ("name_en", place.name_en),
            ] {
                js_sys::Reflect::set(&item, &key.into(), &value.into()).map_err(js_err)?;
            }
            list.push(&item);
        }
        Ok(list.into())
    }

    /// Switches names and panel text to `zh` or `en`.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, code: &str) -> Result<(), JsError> {
        let lang = Lang::choose(Some(code), None).map_err(core_err)?;
        self.inner.map.borrow_mut().set_lang(lang);
        self.inner.render_words().map_err(js_err)?;
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
        if let Some(window) = web_sys::window() {
            if let Some(handle) = self.inner.pending_frame.take() {
                let _ = window.cancel_animation_frame(handle);
            }
            if let Some(handle) = self.inner.hint_timer.take() {
                window.clear_timeout_with_handle(handle);
            }
        }
        self.inner.on_frame.borrow_mut().take();
        self.inner.hide_hint.borrow_mut().take();
        self.inner.dpr_watch.borrow_mut().take();
        self.inner.dom.frame.remove();
    }
}

impl Drop for MapWidget {
    fn drop(&mut self) {
        self.teardown();
    }
}
