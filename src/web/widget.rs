//! `Widget`: the class the element's shell constructs for each map, through wasm-bindgen. It
//! builds the map's DOM inside the shell's box, owns every listener, frame and timer it hands
//! the browser, turns the reader's events into `MapCore` messages and writes back what
//! changed: the canvas (`painter.rs`), the words, list, key and panel (`dom.rs`), the URL's
//! hash, the live region and the `select` event. Options come in as a plain object
//! (`options.rs`); answers go out as serde types through serde-wasm-bindgen.

use crate::data::report::DataFile;
use crate::geo::coords::{Css, LonLat};
use crate::ui::controller::{Input, MapCore, Origin, Words};
use crate::ui::figures::ValueFor;
use crate::web::body::{self, BodyError};
use crate::web::dom::{Dom, DomResult};
use crate::web::listeners::{Callback, Guard, Listener};
use crate::web::options::Options;
use crate::web::painter::Painter;
use crate::web::png;
use serde::ser::{Serialize, SerializeMap};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::{
    CustomEvent, CustomEventInit, Element, Event, EventTarget, HtmlElement, KeyboardEvent,
    MediaQueryList, MouseEvent, PointerEvent, ResizeObserver, TouchEvent, WheelEvent, Window,
};

/// The value layer's methods, in the build that has it (the `values` feature).
#[cfg(feature = "values")]
mod values;

/// How long a gesture hint stays, ms.
const HINT_MS: i32 = 1800;
/// How far (CSS px) one finger must move before the map says how to pan it.
const TOUCH_HINT_PX: f64 = 10.0;
/// How long after the last wheel step, drag or pinch move the map is drawn afresh, ms.
const SETTLE_MS: i32 = 120;

/// The `select` event's detail: the place, and its figure on a value map.
struct SelectDetail {
    id: Option<String>,
    value: Option<ValueFor>,
}

// As a map of its member names, not by serde's derive: see `ui::figures`' note on `ValueFor`.
impl Serialize for SelectDetail {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("value", &self.value)?;
        m.end()
    }
}

/// One problem with the data, as the `error` event's detail lists it.
struct ProblemDetail {
    /// `features` or `policies`.
    file: &'static str,
    /// The feature's index in the features file, and its id if it has one.
    feature: Option<usize>,
    id: Option<String>,
    /// The JSON path inside the feature (or the file); empty for the whole.
    path: String,
    /// Line and column (1-based) of a problem found while parsing the text.
    line: Option<usize>,
    column: Option<usize>,
    message: String,
}

impl Serialize for ProblemDetail {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(7))?;
        m.serialize_entry("file", self.file)?;
        m.serialize_entry("feature", &self.feature)?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("path", &self.path)?;
        m.serialize_entry("line", &self.line)?;
        m.serialize_entry("column", &self.column)?;
        m.serialize_entry("message", &self.message)?;
        m.end()
    }
}

/// How many of the data's problems the map's visible message names.
const PROBLEMS_SHOWN: usize = 3;

/// A failure to make the map, as the error the page gets: its message names the first few
/// problems with the data, and its `problems` member lists them all, located.
fn data_error(e: crate::Error) -> JsValue {
    let crate::Error::Invalid(report) = &e else {
        return js_sys::Error::new(&e.to_string()).into();
    };
    let problems: Vec<ProblemDetail> = report
        .errors()
        .map(|p| ProblemDetail {
            file: p.at.file.as_str(),
            feature: p.at.feature.as_ref().map(|f| f.index),
            id: p.at.feature.as_ref().and_then(|f| f.id.clone()),
            path: p.at.path.clone(),
            line: p.at.line_col.map(|(line, _)| line),
            column: p.at.line_col.map(|(_, column)| column),
            message: p.message.clone(),
        })
        .collect();
    let shown: Vec<String> = report
        .errors()
        .take(PROBLEMS_SHOWN)
        .map(|p| format!("{}: {}", p.at, p.message))
        .collect();
    let more = problems.len().saturating_sub(PROBLEMS_SHOWN);
    let mut message = format!(
        "the map data has {} error(s): {}",
        problems.len(),
        crate::i18n::join(&shown, "; ")
    );
    if more > 0 {
        message.push_str(&format!("; and {more} more"));
    }
    let error = js_sys::Error::new(&message);
    if let Ok(list) = to_js(&problems) {
        let _ = js_sys::Reflect::set(&error, &"problems".into(), &list);
    }
    error.into()
}

/// A value as the page reads it: `null` rather than `undefined` for none, plain objects
/// for structs.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

/// A failure the browser reported, as an error the page can read.
fn browser(e: JsValue) -> JsError {
    let text = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string());
    JsError::new(&text.unwrap_or_else(|| "the browser refused a call".into()))
}

/// A mark on the page's performance timeline, for anyone profiling an embed: the bodies
/// read, the data checked, the DOM built, the first frame painted.
fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Says `text` on the console as the map's warning.
fn warn(text: &str) {
    web_sys::console::warn_1(&format!("jingjinji-map: {text}").into());
}

/// The id in a URL hash of the form `#region=<id>` (other `&`-separated pairs are ignored).
// The predicates are deliberate: see the comment inside.
#[allow(clippy::manual_pattern_char_comparison)]
fn region_in_hash(hash: &str) -> Option<&str> {
    // Predicates rather than the chars '#' and '&': the map's other char searches are
    // predicates, and a char pattern links a searcher of its own.
    hash.trim_start_matches(|c| c == '#')
        .split(|c| c == '&')
        .find_map(|pair| pair.strip_prefix("region="))
        .filter(|id| !id.is_empty())
}

/// The themes a page may ask for.
#[derive(Clone, Copy, PartialEq)]
enum Choice {
    Light,
    Dark,
    /// The reader's light or dark preference, as it changes.
    Auto,
}

impl Choice {
    /// The `theme` attribute's choice: none is light, and so is a name the map does not
    /// have, with a warning (a typo must not break an article's map).
    fn named(name: Option<&str>) -> Choice {
        match name {
            Some("dark") => Choice::Dark,
            Some("auto") => Choice::Auto,
            None | Some("light") => Choice::Light,
            Some(other) => {
                warn(&format!(
                    "no theme is called \"{other}\"; use light, dark or auto"
                ));
                Choice::Light
            }
        }
    }
}

/// One map's state on the page; shared by its callbacks, which hold it weakly.
struct Inner {
    core: MapCore,
    painter: Painter,
    dom: Dom,
    host: HtmlElement,
    window: Window,
    words: Words,
    guard: Guard,
    me: Weak<RefCell<Inner>>,
    choice: Choice,
    dark_query: Option<MediaQueryList>,
    forced_query: Option<MediaQueryList>,
    hash: bool,
    dpr: f64,
    /// The CSS size and pixel ratio the canvas was last sized for.
    sized_for: Option<[f64; 3]>,
    dpr_changed: bool,
    dpr_watch: Option<Listener>,
    /// While a gesture moves the map, frames move the last full frame's picture; a full
    /// frame follows once it settles.
    gesture: bool,
    drag_id: Option<i32>,
    suppress_click: bool,
    pinching: bool,
    touch_start: Option<Css>,
    frame: Option<i32>,
    settle: Option<i32>,
    hint: Option<i32>,
    /// The functions the frame and the two timers call (their closures live in `Widget`;
    /// set once they are made, just after this state).
    on_frame: Option<js_sys::Function>,
    on_settle: Option<js_sys::Function>,
    on_hint_done: Option<js_sys::Function>,
    #[cfg(feature = "trap-test")]
    trap: bool,
    /// The page's picture's slot, until the map is first drawn.
    picture: Option<Element>,
    /// The page's limit on a data file's bytes, for the values file too.
    #[cfg_attr(not(feature = "values"), allow(dead_code))]
    byte_limit: usize,
}

/// What happens after a message, once the map's state is no longer borrowed (a page's
/// listener may call the map again).
type Outgoing = Option<CustomEvent>;

impl Inner {
    /// Whether the reader asked for less motion (view changes are then instant).
    fn still(&self) -> bool {
        matches!(
            self.window.match_media("(prefers-reduced-motion: reduce)"),
            Ok(Some(q)) if q.matches()
        )
    }

    /// Resolves the theme for this reader now, gives it to the DOM and the map, and
    /// repaints the key's swatches.
    fn apply_theme(&mut self) -> DomResult<()> {
        self.resolve_theme()?;
        // Only the key's swatches change with the theme: the list and panel keep their
        // nodes, and a reader's focus in them.
        self.words = self.core.words();
        self.dom.write_key(&self.words)
    }

    /// Resolves the theme for this reader now and gives it to the DOM and the map.
    fn resolve_theme(&mut self) -> DomResult<()> {
        let matches = |q: &Option<MediaQueryList>| q.as_ref().is_some_and(|q| q.matches());
        let dark = self.choice == Choice::Dark
            || (self.choice == Choice::Auto && matches(&self.dark_query));
        let code = if matches(&self.forced_query) {
            "contrast"
        } else if dark {
            "dark"
        } else {
            "light"
        };
        self.dom.set_theme(code)?;
        self.core.set_theme(code).map_err(|e| e.to_string().into())
    }

    /// Acts on what the map says changed: words, panel, URL, announcement, cursor, frame.
    /// The `select` event it answers is dispatched by the caller, outside the borrow.
    fn after(&mut self) -> DomResult<Outgoing> {
        let changes = self.core.take_changes();
        if changes.words {
            self.words = self.core.words();
            self.dom
                .write_words(&self.words, &self.core.places(), &self.core.panel())?;
        } else if changes.figures {
            self.words = self.core.words();
            self.dom
                .write_figures(&self.words, &self.core.places(), &self.core.panel())?;
        } else if changes.selection {
            self.dom.write_panel(&self.core.panel())?;
        }
        let mut event = None;
        if changes.selection {
            let id = self.core.selected();
            self.update_hash(id.as_deref())?;
            let init = CustomEventInit::new();
            init.set_bubbles(true);
            init.set_composed(true);
            let value = id.as_deref().and_then(|id| self.core.value_for(id));
            init.set_detail(&to_js(&SelectDetail { id, value }).map_err(JsValue::from)?);
            event = Some(CustomEvent::new_with_event_init_dict("select", &init)?);
        }
        if changes.announce {
            if let Some(text) = self.core.take_announcement() {
                self.dom.announce(&text);
            }
        }
        if changes.hover && self.drag_id.is_none() {
            let cursor = if self.core.hovered_name().is_some() {
                "pointer"
            } else {
                ""
            };
            self.dom.cursor(cursor)?;
        }
        if changes.draw {
            self.request_draw()?;
        }
        Ok(event)
    }

    /// The URL's hash follows the selection (when enabled), without adding history entries.
    fn update_hash(&self, id: Option<&str>) -> DomResult<()> {
        if !self.hash {
            return Ok(());
        }
        let (history, location) = (self.window.history()?, self.window.location());
        match id {
            Some(id) => {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#region={id}")))
            }
            None if region_in_hash(&location.hash()?).is_some() => {
                let url = format!("{}{}", location.pathname()?, location.search()?);
                history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
            }
            None => Ok(()),
        }
    }

    /// Selects the place the URL's `#region=` names.
    fn apply_hash(&mut self) -> DomResult<()> {
        if self.hash {
            let hash = self.window.location().hash()?;
            if let Some(id) = region_in_hash(&hash) {
                self.pick(Some(id), Origin::Link);
            }
        }
        Ok(())
    }

    /// Selects the place a link or the page names (the overview for none); an unknown id is
    /// only a warning, as a typo in an article must not break its map.
    fn pick(&mut self, id: Option<&str>, origin: Origin) {
        let still = self.still();
        match id.filter(|id| !id.is_empty()) {
            Some(id) if !self.core.is_place(id) => warn(&format!(
                "there is no place \"{id}\" on this map; showing the overview"
            )),
            id => {
                if let Err(e) = self.core.select(id, origin, still) {
                    warn(&e.to_string());
                }
            }
        }
    }

    /// Fits the map to the canvas's CSS size and the screen's pixel ratio, and paints.
    fn resize(&mut self) -> Result<(), JsError> {
        let r = self.dom.canvas.get_bounding_client_rect();
        self.dpr = self.window.device_pixel_ratio();
        // The observer also reports the size the map was first drawn at: nothing to redo.
        let key = [r.width(), r.height(), self.dpr];
        if self.sized_for == Some(key) {
            return Ok(());
        }
        self.gesture = false; // a new size needs a full frame
        let Some(size) = self.core.resize(key[0], key[1], self.dpr)? else {
            return Ok(()); // hidden or not laid out yet; a later resize will come
        };
        self.painter.size_to(size, self.dpr);
        self.sized_for = Some(key);
        self.draw()
    }

    /// Listens for the pixel ratio leaving the value the canvas was sized for (the window
    /// moved to a screen of another density, or the page zoomed). A narrow range rather than
    /// an exact value: a ratio such as 1.100000023841858 must match itself however written.
    fn watch_dpr(&mut self) -> DomResult<()> {
        self.dpr_watch = None;
        let (lo, hi) = (self.dpr - 0.001, self.dpr + 0.001);
        let query = format!(
            "(min-resolution: {}dppx) and (max-resolution: {}dppx)",
            crate::i18n::decimal(lo, 4),
            crate::i18n::decimal(hi, 4)
        );
        if let Some(list) = self.window.match_media(&query)? {
            self.dpr_watch = Some(self.listen(&list, "change", false, |me, _| {
                me.dpr_changed = true;
                me.request_draw()
            })?);
        }
        Ok(())
    }

    /// A frame on the next animation frame: at most one in flight.
    fn request_draw(&mut self) -> DomResult<()> {
        if let (None, Some(f)) = (self.frame, &self.on_frame) {
            self.frame = Some(self.window.request_animation_frame(f)?);
        }
        Ok(())
    }

    /// An animation frame: a new pixel ratio is sized for, else the map is painted.
    fn on_frame(&mut self) -> Result<(), JsError> {
        self.frame = None;
        #[cfg(feature = "trap-test")]
        if self.trap {
            // A real panic, for the e2e test of what a bug in the map's code does.
            #[allow(clippy::panic)]
            {
                panic!("trap-test: the panic trapNextFrame() asked for");
            }
        }
        if self.dpr_changed {
            self.dpr_changed = false;
            self.sized_for = None;
            self.resize()?;
            self.watch_dpr().map_err(browser)
        } else {
            self.draw()
        }
    }

    /// Advances an easing view change and paints (mid-gesture, moves the last full frame).
    fn draw(&mut self) -> Result<(), JsError> {
        if self.core.figures_coming() {
            return Ok(()); // drawn once they are here (or are not coming)
        }
        let now = self.window.performance().map_or(0.0, |p| p.now());
        if self.core.input(Input::Frame { now }) {
            // While a view change eases, each frame asks for the next.
            self.request_draw().map_err(browser)?;
        }
        if self.gesture {
            if let Some(view) = self.core.view() {
                if self.painter.move_snapshot(&view).map_err(browser)? {
                    return Ok(());
                }
            }
        }
        if let Some(scene) = self.core.scene() {
            let core = &self.core;
            self.painter
                .paint(&scene, |level| core.outlines(level))
                .map_err(browser)?;
            // The page's picture showed in the box until now.
            if let Some(picture) = self.picture.take() {
                picture.remove();
            }
        }
        Ok(())
    }

    /// A gesture moved the map: draw quickly until it settles, then in full.
    fn moving(&mut self) -> DomResult<()> {
        self.gesture = true;
        rearm(
            &self.window,
            &mut self.settle,
            self.on_settle.as_ref(),
            SETTLE_MS,
        )
    }

    /// Shows a short hint over the map for a moment.
    fn hint(&mut self, text: &str) -> DomResult<()> {
        self.dom.hint(Some(text));
        rearm(
            &self.window,
            &mut self.hint,
            self.on_hint_done.as_ref(),
            HINT_MS,
        )
    }

    /// Where a mouse or touch event is, in CSS px relative to the canvas.
    fn at(&self, client_x: i32, client_y: i32) -> Css {
        let r = self.dom.canvas.get_bounding_client_rect();
        Css {
            x: f64::from(client_x) - r.left(),
            y: f64::from(client_y) - r.top(),
        }
    }

    /// Records the place under the pointer (`None`: it left) and names it beside it.
    fn hover(&mut self, at: Option<Css>) -> DomResult<()> {
        self.core.input(Input::Hover(at));
        let name = at.and(self.core.hovered_name());
        let (x, y) = at.map_or((0.0, 0.0), |c| (c.x, c.y));
        let width = self.sized_for.map_or(0.0, |s| s[0]);
        self.dom.tooltip(name.as_deref(), x, y, width)
    }

    /// Adds a listener that calls `f` with this map's state, then acts on what changed.
    fn listen(
        &self,
        target: &EventTarget,
        kind: &'static str,
        cancelling: bool,
        // A plain function, not a closure type per listener: the wrapper below is then one
        // function for all the listeners (about 1 KB gzipped less than one each).
        f: fn(&mut Inner, &Event) -> DomResult<()>,
    ) -> Result<Listener, JsValue> {
        let me = self.me.clone();
        let f = move |e: JsValue| {
            let e: Event = e.unchecked_into();
            with(&me, &mut |inner| f(inner, &e).map_err(browser));
        };
        Listener::new(&self.guard, target, kind, cancelling, Box::new(f))
    }

    /// Starts listening to the reader: every listener the map adds, to own.
    fn listeners(&self) -> Result<Vec<Listener>, JsValue> {
        let canvas: &EventTarget = &self.dom.canvas;
        // One by one, not a `vec![…?, …?]`: a failure part-way drops the vector once, where
        // an array literal drops each listener made so far on each `?` (66 calls).
        let mut out = Vec::new();
        out.push(self.listen(canvas, "click", false, |me, e| {
            if std::mem::take(&mut me.suppress_click) {
                return Ok(()); // the end of a drag or pinch
            }
            let e: &MouseEvent = e.unchecked_ref();
            let at = me.at(e.client_x(), e.client_y());
            let id = me.core.feature_at(at);
            let still = me.still();
            me.core
                .select(id.as_deref(), Origin::Pointer, still)
                .map_err(|e| JsValue::from_str(&e.to_string()))
        })?);
        out.push(self.listen(canvas, "pointerdown", false, |me, e| {
            let e: &PointerEvent = e.unchecked_ref();
            if e.pointer_type() == "touch" || e.button() != 0 {
                return Ok(()); // fingers: see the touch listeners
            }
            me.suppress_click = false;
            me.drag_id = Some(e.pointer_id());
            let at = me.at(e.client_x(), e.client_y());
            me.core.input(Input::DragStart {
                pointer: e.pointer_id(),
                at,
            });
            // The pointer may have left already: nothing to capture then.
            let _ = me.dom.canvas.set_pointer_capture(e.pointer_id());
            Ok(())
        })?);
        out.push(self.listen(canvas, "pointermove", false, |me, e| {
            let e: &PointerEvent = e.unchecked_ref();
            let at = me.at(e.client_x(), e.client_y());
            match me.drag_id {
                Some(down) => {
                    let pointer = e.pointer_id();
                    if pointer == down && me.core.input(Input::DragMove { pointer, at }) {
                        me.dom.cursor("grabbing")?;
                        me.dom.hide_tooltip();
                        me.moving()?;
                    }
                    Ok(())
                }
                None if e.pointer_type() != "touch" => me.hover(Some(at)),
                None => Ok(()),
            }
        })?);
        out.push(self.listen(canvas, "pointerleave", false, |me, _| {
            if me.drag_id.is_none() {
                me.hover(None)?;
            }
            Ok(())
        })?);
        out.push(self.listen(canvas, "dblclick", false, |me, e| {
            let e: &MouseEvent = e.unchecked_ref();
            let at = me.at(e.client_x(), e.client_y());
            let still = me.still();
            me.core.input(Input::Zoom {
                factor: 2.0,
                about: Some(at),
                still,
            });
            Ok(())
        })?);
        out.push(self.listen(canvas, "wheel", true, |me, e| {
            let e: &WheelEvent = e.unchecked_ref();
            if !(e.ctrl_key() || e.meta_key()) {
                // No scroll trap: the page scrolls; say how to zoom instead.
                // A window of bytes, not `str::contains`: that is the wasm's only forward
                // substring search, whose two-way searcher costs 0.4 KB gzipped.
                let agent = me.window.navigator().user_agent()?;
                let mac = agent.as_bytes().windows(3).any(|w| w == b"Mac");
                let hint = if mac {
                    me.words.wheel_hint_mac.clone()
                } else {
                    me.words.wheel_hint.clone()
                };
                return me.hint(&hint);
            }
            e.prevent_default();
            let unit = match e.delta_mode() {
                1 => 16.0,
                2 => 400.0,
                _ => 1.0,
            };
            let at = me.at(e.client_x(), e.client_y());
            me.core.input(Input::Wheel {
                delta_px: e.delta_y() * unit,
                at,
            });
            me.moving()
        })?);
        out.push(self.listen(canvas, "touchstart", false, |me, e| {
            let t = me.touches(e.unchecked_ref());
            match t.as_slice() {
                [a, b] => {
                    me.pinching = me.core.input(Input::PinchStart(*a, *b));
                    me.touch_start = None;
                }
                [a] => me.touch_start = Some(*a),
                _ => {}
            }
            Ok(())
        })?);
        out.push(self.listen(canvas, "touchmove", true, |me, e| {
            let t = me.touches(e.unchecked_ref());
            match (t.as_slice(), me.touch_start) {
                ([a, b], _) if me.pinching => {
                    // Two fingers are the map's: it pans and zooms, the page stays.
                    e.prevent_default();
                    me.core.input(Input::PinchMove(*a, *b));
                    me.suppress_click = true;
                    me.moving()?;
                }
                ([a], Some(start))
                    if !me.pinching
                        && crate::geo::coords::length(a.x - start.x, a.y - start.y)
                            > TOUCH_HINT_PX =>
                {
                    // One finger scrolls the page; say how to move the map.
                    me.touch_start = None;
                    let hint = me.words.touch_hint.clone();
                    me.hint(&hint)?;
                }
                _ => {}
            }
            Ok(())
        })?);
        out.push(self.listen(canvas, "touchend", false, |me, e| {
            let e: &TouchEvent = e.unchecked_ref();
            if e.touches().length() < 2 {
                me.core.input(Input::PinchEnd);
                me.pinching = false;
            }
            Ok(())
        })?);
        out.push(self.listen(canvas, "touchcancel", false, |me, _| {
            me.core.input(Input::PinchEnd);
            me.pinching = false;
            me.touch_start = None;
            Ok(())
        })?);
        out.push(self.listen(canvas, "keydown", true, |me, e| {
            let e: &KeyboardEvent = e.unchecked_ref();
            if e.alt_key() || e.ctrl_key() || e.meta_key() {
                return Ok(());
            }
            let still = me.still();
            // Keys the map uses (arrows, space…) must not also scroll the page.
            if me
                .core
                .key(&e.key(), still)
                .map_err(|e| JsValue::from_str(&e.to_string()))?
            {
                e.prevent_default();
            }
            Ok(())
        })?);
        // The ring shows where the keyboard is; off the map there is none.
        out.push(self.listen(canvas, "blur", false, |me, _| {
            me.core.input(Input::Blur);
            Ok(())
        })?);
        for kind in ["pointerup", "pointercancel"] {
            out.push(self.listen(canvas, kind, false, |me, e| {
                let pointer = e.unchecked_ref::<PointerEvent>().pointer_id();
                if me.drag_id == Some(pointer) {
                    me.drag_id = None;
                    // The click that follows a drag's release must not select.
                    me.suppress_click = me.core.input(Input::DragEnd { pointer });
                    me.dom.cursor("")?;
                }
                Ok(())
            })?);
        }
        out.push(self.listen(&self.dom.zoom_in, "click", false, |me, _| {
            me.zoom_button(2.0);
            Ok(())
        })?);
        out.push(self.listen(&self.dom.zoom_out, "click", false, |me, _| {
            me.zoom_button(0.5);
            Ok(())
        })?);
        out.push(self.listen(&self.dom.reset, "click", false, |me, _| {
            let still = me.still();
            me.core.input(Input::Home { still });
            Ok(())
        })?);
        out.push(self.listen(&self.dom.download, "click", false, |me, _| {
            let picture = me.png()?;
            png::save(&me.window, picture)
        })?);
        out.push(self.listen(&self.dom.places, "click", false, |me, e| {
            let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
            let near =
                |selector: &str| (target.as_ref()).and_then(|t| t.closest(selector).ok().flatten());
            if near(".jjm-sort").is_some() {
                me.core.sort_by_figure();
                return Ok(());
            }
            // A folded table's line: its rows are written as it opens, their buttons showing
            // the selection as the others do.
            if near(".jjm-fold > summary").is_some() {
                me.dom.open_table(&me.core.places())?;
                return me.dom.write_panel(&me.core.panel());
            }
            let button = target.and_then(|t| t.closest("button[data-id]").ok().flatten());
            if let Some(id) = button.and_then(|b| b.get_attribute("data-id")) {
                let still = me.still();
                me.core
                    .select(Some(&id), Origin::List, still)
                    .map_err(|e| JsValue::from_str(&e.to_string()))?;
            }
            Ok(())
        })?);
        // The key's classes: pointing at one or focusing it highlights its places.
        for kind in ["pointerover", "focusin"] {
            out.push(self.listen(self.dom.legend(), kind, false, |me, e| {
                me.core.highlight_class(class_at(e));
                Ok(())
            })?);
        }
        for kind in ["pointerout", "focusout"] {
            out.push(self.listen(self.dom.legend(), kind, false, |me, _| {
                me.core.highlight_class(None);
                Ok(())
            })?);
        }
        out.push(self.listen(&self.window, "hashchange", false, |me, _| me.apply_hash())?);
        // The reader's colour preferences while the theme is `auto`, and their forced
        // (high-contrast) colours always.
        for query in [&self.dark_query, &self.forced_query].into_iter().flatten() {
            out.push(self.listen(query, "change", false, |me, _| me.apply_theme())?);
        }
        Ok(out)
    }

    /// A zoom button's press: by `factor` about the middle.
    fn zoom_button(&mut self, factor: f64) {
        let still = self.still();
        self.core.input(Input::Zoom {
            factor,
            about: None,
            still,
        });
    }

    /// Up to two fingers on the canvas, in CSS px.
    fn touches(&self, e: &TouchEvent) -> Vec<Css> {
        let list = e.touches();
        (0..list.length().min(2))
            .filter_map(|k| list.get(k))
            .map(|t| self.at(t.client_x(), t.client_y()))
            .collect()
    }

    /// The current view as a PNG's canvas (see `png.rs`).
    fn png(&mut self) -> DomResult<web_sys::HtmlCanvasElement> {
        let scene = self
            .core
            .scene()
            .ok_or_else(|| JsValue::from_str("the map is not laid out yet"))?;
        let core = &self.core;
        let map = self
            .painter
            .picture(&scene, 2.0, |level| core.outlines(level))?;
        png::compose(&self.window, &self.dom.frame, &map, &self.words)
    }
}

/// Starts the timer in `slot` again: `f` in `ms`, the earlier one cancelled.
fn rearm(
    window: &Window,
    slot: &mut Option<i32>,
    f: Option<&js_sys::Function>,
    ms: i32,
) -> DomResult<()> {
    if let Some(id) = slot.take() {
        window.clear_timeout_with_handle(id);
    }
    if let Some(f) = f {
        *slot = Some(window.set_timeout_with_callback_and_timeout_and_arguments_0(f, ms)?);
    }
    Ok(())
}

/// Runs `f` on the map behind `me` (if it is still there and free), acts on what changed,
/// then dispatches the `select` event, once nothing is borrowed. A failure is logged: the
/// page's event loop is not the place to throw it.
fn with(me: &Weak<RefCell<Inner>>, f: &mut dyn FnMut(&mut Inner) -> Result<(), JsError>) {
    let Some(rc) = me.upgrade() else {
        return;
    };
    let outcome = match rc.try_borrow_mut() {
        Ok(mut inner) => f(&mut inner).and_then(|()| inner.after().map_err(browser)),
        Err(_) => return, // a call from inside a call: the outer one acts on the changes
    };
    match outcome {
        Ok(event) => dispatch(&rc, event),
        Err(e) => web_sys::console::error_1(&JsValue::from(e)),
    }
}

/// The key's class (`data-class`) the event `e` happened in, if any.
fn class_at(e: &Event) -> Option<usize> {
    e.target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("[data-class]").ok().flatten())
        .and_then(|row| row.get_attribute("data-class"))
        .and_then(|c| c.parse::<usize>().ok())
}

/// Dispatches the `select` event (if any) on the element.
fn dispatch(rc: &Rc<RefCell<Inner>>, event: Outgoing) {
    let host = rc.try_borrow().map(|inner| inner.host.clone());
    if let (Some(event), Ok(host)) = (event, host) {
        let _ = host.dispatch_event(&event);
    }
}

/// One map: its state, and every callback it handed the browser.
#[wasm_bindgen]
pub struct Widget {
    inner: Rc<RefCell<Inner>>,
    _listeners: Vec<Listener>,
    _callbacks: Vec<Callback>,
    observer: ResizeObserver,
}

#[wasm_bindgen]
impl Widget {
    /// A map in the shell's box `frame` (in the shadow root of the element `host`) from the
    /// responses of its features and policies files (the page starts both fetches at once):
    /// each body is read as it streams in, and stopped at the byte limit before the rest is
    /// read. The map's DOM is built, it is drawn and it listens to the reader; `guard(fn)`
    /// wraps every callback it hands the browser. Bad data or an unknown language is an error
    /// naming the first few problems, with every problem located in its `problems` member.
    pub async fn load(
        host: HtmlElement,
        frame: HtmlElement,
        features: web_sys::Response,
        policies: web_sys::Response,
        options: JsValue,
        guard: js_sys::Function,
    ) -> Result<Widget, JsValue> {
        let options = Options::read(&options)?;
        let limits = options.limits();
        let read = |response, file| async move {
            body::read(&response, file, limits.bytes)
                .await
                .map_err(|e| match e {
                    BodyError::TooBig(e) => data_error(e),
                    BodyError::Browser(e) => e,
                })
        };
        // Both bodies are read at once: each waits on the browser between its chunks.
        let (features, policies) = both(
            read(features, DataFile::Features),
            read(policies, DataFile::Policies),
        )
        .await;
        let (features, policies) = (features?, policies?);
        mark("jingjinji-map:read");
        let mut core = MapCore::within(
            &features,
            Some(&policies),
            options.lang.as_deref(),
            options.page_lang.as_deref(),
            &limits,
        )
        .map_err(data_error)?;
        core.expect_figures(options.figures);
        // The files' bytes go before the first frame is drawn: the wasm's memory never
        // shrinks, so what is alive at its peak is what a reader's phone keeps.
        drop((features, policies));
        mark("jingjinji-map:checked");
        Widget::build(host, frame, core, options, guard).map_err(JsValue::from)
    }
}

/// The outputs of two futures polled together (the first's and the second's).
async fn both<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    use std::task::Poll;
    let (mut a, mut b) = (std::pin::pin!(a), std::pin::pin!(b));
    let (mut done_a, mut done_b) = (None, None);
    std::future::poll_fn(|cx| {
        if done_a.is_none() {
            if let Poll::Ready(out) = a.as_mut().poll(cx) {
                done_a = Some(out);
            }
        }
        if done_b.is_none() {
            if let Poll::Ready(out) = b.as_mut().poll(cx) {
                done_b = Some(out);
            }
        }
        match (done_a.take(), done_b.take()) {
            (Some(a), Some(b)) => Poll::Ready((a, b)),
            (a, b) => {
                (done_a, done_b) = (a, b);
                Poll::Pending
            }
        }
    })
    .await
}

impl Widget {
    /// [`Widget::load`] once the data is read: the DOM, listeners and first frame.
    fn build(
        host: HtmlElement,
        frame: HtmlElement,
        core: MapCore,
        options: Options,
        guard: js_sys::Function,
    ) -> Result<Widget, JsError> {
        let window = web_sys::window().ok_or_else(|| JsError::new("no window to draw in"))?;
        let dom = Dom::build(frame).map_err(browser)?;
        mark("jingjinji-map:built");
        let painter = Painter::new(dom.canvas.clone()).map_err(browser)?;
        let guard = Guard(guard);
        let words = core.words();
        let inner = Rc::new_cyclic(|me| {
            RefCell::new(Inner {
                core,
                painter,
                dom,
                host,
                words,
                guard: guard.clone(),
                me: me.clone(),
                choice: Choice::Light,
                dark_query: window
                    .match_media("(prefers-color-scheme: dark)")
                    .ok()
                    .flatten(),
                forced_query: window.match_media("(forced-colors: active)").ok().flatten(),
                window,
                hash: options.hash,
                dpr: 1.0,
                sized_for: None,
                dpr_changed: false,
                dpr_watch: None,
                gesture: false,
                drag_id: None,
                suppress_click: false,
                pinching: false,
                touch_start: None,
                frame: None,
                settle: None,
                hint: None,
                on_frame: None,
                on_settle: None,
                on_hint_done: None,
                #[cfg(feature = "trap-test")]
                trap: false,
                picture: None,
                byte_limit: options.limits().bytes,
            })
        });
        let me = Rc::downgrade(&inner);
        let callback = |f: fn(&mut Inner) -> Result<(), JsError>| {
            let me = me.clone();
            Callback::new(&guard, Box::new(move |_| with(&me, &mut |i| f(i)))).map_err(browser)
        };
        let frame = callback(Inner::on_frame)?;
        let settled = callback(|me| {
            me.gesture = false;
            me.request_draw().map_err(browser)
        })?;
        let hint_done = callback(|me| {
            me.dom.hint(None);
            Ok(())
        })?;
        let resized = callback(Inner::resize)?;
        let observer = ResizeObserver::new(&resized.function).map_err(browser)?;
        let listeners = {
            let mut i = inner.borrow_mut();
            i.on_frame = Some(frame.function.clone());
            i.on_settle = Some(settled.function.clone());
            i.on_hint_done = Some(hint_done.function.clone());
            i.listeners().map_err(browser)?
        };
        let callbacks = vec![frame, settled, hint_done, resized];
        let widget = Widget {
            inner,
            _listeners: listeners,
            _callbacks: callbacks,
            observer,
        };
        let event = widget.act(|i| {
            i.choice = Choice::named(options.theme.as_deref());
            // The key is written with the rest of the words below, once.
            i.resolve_theme().map_err(browser)?;
            i.dom.frame.remove_attribute("aria-busy").map_err(browser)?;
            // The page's picture shows in the box until the map is first drawn.
            i.picture = i.dom.frame.query_selector(".jjm-picture").ok().flatten();
            // Words, list and panel first, then the one measurement: the page is laid out
            // once for the first frame, not again for text written after it.
            let first = i.core.take_changes();
            i.words = i.core.words();
            i.dom
                .write_words(&i.words, &i.core.places(), &i.core.panel())
                .map_err(browser)?;
            i.resize()?;
            mark("jingjinji-map:painted");
            i.watch_dpr().map_err(browser)?;
            i.apply_hash().map_err(browser)?;
            // The first frame was drawn in `resize` (or comes with the first layout).
            if first.draw && i.sized_for.is_none() {
                i.request_draw().map_err(browser)?;
            }
            Ok(())
        })?;
        widget.observer.observe(&widget.inner.borrow().dom.canvas);
        dispatch(&widget.inner, event);
        Ok(widget)
    }
}

#[wasm_bindgen]
impl Widget {
    /// Runs `f` on the map's state and acts on what changed; the `select` event it answers
    /// is for the caller to dispatch.
    fn act(&self, f: impl FnOnce(&mut Inner) -> Result<(), JsError>) -> Result<Outgoing, JsError> {
        let mut inner = self
            .inner
            .try_borrow_mut()
            .map_err(|_| JsError::new("the map is busy: call it again after this event"))?;
        f(&mut inner)?;
        inner.after().map_err(browser)
    }

    /// [`Widget::act`], then the `select` event.
    fn act_and_tell(
        &self,
        f: impl FnOnce(&mut Inner) -> Result<(), JsError>,
    ) -> Result<(), JsError> {
        let event = self.act(f)?;
        dispatch(&self.inner, event);
        Ok(())
    }

    /// Selects a place (`null`: the overview), as the page's `select()` method does. An
    /// unknown id is an error and changes nothing.
    pub fn select(&self, id: Option<String>) -> Result<(), JsError> {
        self.act_and_tell(|i| {
            let still = i.still();
            Ok(i.core.select(id.as_deref(), Origin::Api, still)?)
        })
    }

    /// Selects the place the `region` attribute names (none: the overview); an unknown id is
    /// a warning.
    pub fn pick(&self, id: Option<String>) -> Result<(), JsError> {
        self.act_and_tell(|i| {
            i.pick(id.as_deref(), Origin::Api);
            Ok(())
        })
    }

    /// The selected place's id, or `null` for the overview.
    pub fn selected(&self) -> Option<String> {
        self.inner.try_borrow().ok()?.core.selected()
    }

    /// The id of the selectable place at CSS px (x, y) relative to the canvas, or `null`.
    #[wasm_bindgen(js_name = featureAt)]
    pub fn feature_at(&self, x: f64, y: f64) -> Option<String> {
        self.inner.try_borrow().ok()?.core.feature_at(Css { x, y })
    }

    /// `[x, y]` in CSS px for a longitude/latitude; an error if the map is not laid out yet
    /// or the position is not finite.
    pub fn project(&self, lon: f64, lat: f64) -> Result<Vec<f64>, JsError> {
        let at = self
            .inner
            .try_borrow()
            .ok()
            .and_then(|i| i.core.project(LonLat { lon, lat }));
        let at = at.ok_or_else(|| {
            JsError::new(&format!(
                "cannot place ({}, {}) on the map: it is not laid out yet, or the position is not finite",
                crate::i18n::decimal(lon, 6),
                crate::i18n::decimal(lat, 6)
            ))
        })?;
        Ok(vec![at.x, at.y])
    }

    /// How far the map is zoomed in (1: the whole region).
    pub fn zoom(&self) -> f64 {
        self.inner.try_borrow().map_or(1.0, |i| i.core.zoom())
    }

    /// Every selectable place as `{ id, kind, name_zh, name_en }`.
    pub fn regions(&self) -> Result<JsValue, JsError> {
        let inner = self
            .inner
            .try_borrow()
            .map_err(|_| JsError::new("the map is busy"))?;
        let regions = inner.core.places();
        to_js(&regions)
    }

    /// The `lang` attribute changed: a language the map does not have is a warning, and the
    /// map keeps the one it shows.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, code: &str) -> Result<(), JsError> {
        self.act_and_tell(|i| {
            if let Err(e) = i.core.set_lang(code) {
                warn(&e.to_string());
            }
            Ok(())
        })
    }

    /// The `theme` attribute changed: `light`, `dark` or `auto` (anything else is a warning,
    /// and light).
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&self, choice: Option<String>) -> Result<(), JsError> {
        self.act_and_tell(|i| {
            i.choice = Choice::named(choice.as_deref());
            i.apply_theme().map_err(browser)
        })
    }

    /// Turns following the URL's hash on or off (the `hash` attribute).
    #[wasm_bindgen(js_name = setHash)]
    pub fn set_hash(&self, on: bool) -> Result<(), JsError> {
        self.act(|i| {
            i.hash = on;
            Ok(())
        })
        .map(drop)
    }

    /// The current view as a PNG at twice its CSS size, with the map's title above it and
    /// the key and credit under it: a promise of a `Blob`.
    #[wasm_bindgen(js_name = toBlob)]
    pub fn to_blob(&self) -> Result<js_sys::Promise, JsError> {
        let canvas = {
            let mut inner = self
                .inner
                .try_borrow_mut()
                .map_err(|_| JsError::new("the map is busy"))?;
            inner.png().map_err(browser)?
        };
        Ok(png::blob(canvas))
    }

    /// Makes the next animation frame panic, as a bug would (test builds only).
    #[cfg(feature = "trap-test")]
    #[wasm_bindgen(js_name = trapNextFrame)]
    pub fn trap_next_frame(&self) -> Result<(), JsError> {
        self.act(|i| {
            i.trap = true;
            i.request_draw().map_err(browser)
        })
        .map(drop)
    }
}

impl Drop for Widget {
    /// Stops the frame, timers and observer; the listeners and closures go with the fields.
    fn drop(&mut self) {
        self.observer.disconnect();
        if let Ok(mut inner) = self.inner.try_borrow_mut() {
            inner.dpr_watch = None;
            if let Some(id) = inner.frame.take() {
                let _ = inner.window.cancel_animation_frame(id);
            }
            for id in [inner.settle.take(), inner.hint.take()]
                .into_iter()
                .flatten()
            {
                inner.window.clear_timeout_with_handle(id);
            }
        }
    }
}
