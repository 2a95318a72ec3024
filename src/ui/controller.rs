//! `MapCore`: the map's state machine as the page sees it. Typed messages ([`Input`], keys,
//! selections) come in; the changes to show, the words to say and the frame to paint go out.
//! The web layer (`web/abi.rs` today) turns the page's calls into these; every decision
//! (what a key does, what a drag moves, what is selected, what the reader hears) is made
//! here, natively compiled and tested (`tests/controller.rs`), with no browser in sight.

use crate::data::load::{self, Limits};
use crate::data::report::DataFile;
use crate::geo::coords::{within, Css, LonLat};
use crate::geo::view::View;
use crate::i18n::{decimal, Lang, Ui};
use crate::render::style::{Style, Theme};
use crate::render::{legend, scene};
use crate::ui::focus::Direction;
use crate::ui::gesture::{Drag, Pinch};
use crate::ui::map::Map;
use crate::ui::{announce, packed, panel};

/// How long a view change eases, ms.
const ANIMATION_MS: f64 = 350.0;
/// Zoom per pixel of wheel travel with ctrl/⌘ (trackpad pinches arrive this way too).
const WHEEL_ZOOM_PER_PX: f64 = 0.002;

/// What changed since the page last asked ([`MapCore::take_changes`]), as bits.
pub mod changed {
    /// The canvas needs a new frame.
    pub const DRAW: u32 = 1;
    /// The selection changed: the panel, the list, the hash and a `select` event.
    pub const SELECTION: u32 = 2;
    /// There is something to say to screen readers ([`super::MapCore::take_announcement`]).
    pub const ANNOUNCE: u32 = 4;
    /// The place under the pointer changed: tooltip and cursor.
    pub const HOVER: u32 = 8;
    /// The language changed (or the map is new): every word, the list, the credit line and
    /// the panel.
    pub const WORDS: u32 = 16;
}

/// What the reader did, as [`MapCore::input`] takes it. Positions are CSS px relative to
/// the canvas; `still` says the reader prefers reduced motion (view changes are then instant).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Input {
    /// The pointer moved to `at`, or left the canvas (`None`).
    Hover(Option<Css>),
    /// A ctrl/⌘ wheel step of `delta_px` at `at` (positive: away from the reader).
    Wheel {
        /// Wheel travel in CSS px.
        delta_px: f64,
        /// Where the pointer is.
        at: Css,
    },
    /// A mouse or pen press of pointer `pointer` at `at`.
    DragStart {
        /// The pointer's id.
        pointer: i32,
        /// Where it went down.
        at: Css,
    },
    /// The pressed pointer moved to `at`; answers true while it is a drag.
    DragMove {
        /// The pointer's id.
        pointer: i32,
        /// Where it is now.
        at: Css,
    },
    /// Pointer `pointer` was released; answers true if it had dragged (its click then
    /// selects nothing).
    DragEnd {
        /// The pointer's id.
        pointer: i32,
    },
    /// Two fingers went down at `a` and `b`; answers true if they are far enough apart to
    /// pinch.
    PinchStart(Css, Css),
    /// The two fingers moved to `a` and `b`.
    PinchMove(Css, Css),
    /// Fewer than two fingers are down.
    PinchEnd,
    /// Zoom by `factor` about `about` (`None`: the canvas's centre).
    Zoom {
        /// How much: 2 doubles the scale.
        factor: f64,
        /// The point that stays put.
        about: Option<Css>,
        /// Reduced motion.
        still: bool,
    },
    /// Back to the whole region.
    Home {
        /// Reduced motion.
        still: bool,
    },
    /// The map lost keyboard focus: its focus ring goes.
    Blur,
    /// An animation frame at time `now` (ms): pending changes are taken as drawn by it, and
    /// an easing view change advances; answers true while it needs more frames.
    Frame {
        /// The page's clock, ms.
        now: f64,
    },
}

/// How a selection was made, as the page passes it: keyboard, list and link selections zoom
/// to a small place; a click does not (the reader is already pointing at it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A click or tap on the map.
    Pointer = 0,
    /// Enter or Space on the focused place, or Escape.
    Keyboard = 1,
    /// A button of the list of places.
    List = 2,
    /// The URL's `#region=` (on load or when it changes).
    Link = 3,
    /// The element's `select()` method.
    Api = 4,
}

impl Origin {
    /// The origin the page's code `n` stands for (the numbers above); an unknown code is
    /// taken as the element's API.
    pub fn from_code(n: u32) -> Origin {
        match n {
            0 => Origin::Pointer,
            1 => Origin::Keyboard,
            2 => Origin::List,
            3 => Origin::Link,
            _ => Origin::Api,
        }
    }
}

/// A view change easing over a few frames; its clock starts at its first frame.
#[derive(Debug, Clone, Copy)]
struct Animation {
    from: View,
    to: View,
    start_ms: Option<f64>,
}

/// Strings for the page, as one string with U+001F (the unit separator) between them: one copy
/// across the boundary, and far less binding code than an array of strings. The data layer
/// drops control characters from every text it reads (`i18n::visible`), so none can occur
/// inside a string.
fn joined(parts: &[String]) -> String {
    crate::i18n::join(parts, "\u{1f}")
}

fn error(e: impl Into<crate::Error>) -> String {
    e.into().to_string()
}

/// One map's state. `still` says the reader prefers reduced motion (view changes are then
/// instant); times are the page's `performance.now()` in ms.
pub struct MapCore {
    map: Map,
    style: Style,
    /// Which look `style` is.
    theme: Theme,
    animation: Option<Animation>,
    drag: Option<(i32, Drag)>,
    pinch: Option<Pinch>,
    changes: u32,
    announcement: Option<String>,
    scene_strings: Vec<String>,
}

impl MapCore {
    fn mark(&mut self, bits: u32, really: bool) {
        if really {
            self.changes |= bits;
        }
    }

    fn say(&mut self, text: String) {
        self.announcement = Some(text);
        self.changes |= changed::ANNOUNCE;
    }

    /// Moves the view to `to`, easing unless `still`.
    fn animate_to(&mut self, to: Option<View>, still: bool) {
        let Some(to) = to else {
            return;
        };
        match self.map.view().copied() {
            Some(from) if !still && from != to => {
                self.animation = Some(Animation {
                    from,
                    to,
                    start_ms: None,
                });
            }
            _ => {
                self.animation = None;
                self.map.set_view(to);
            }
        }
        self.changes |= changed::DRAW;
    }

    /// Pointer `id` moved to `to`: true while it is a drag (the map pans with it), false for a
    /// pointer that is not pressed or has not yet moved far enough.
    fn drag_move(&mut self, id: i32, to: Css) -> bool {
        let Some((down, mut drag)) = self.drag.filter(|(down, _)| *down == id) else {
            return false;
        };
        let (dx, dy) = drag.move_to(to);
        self.drag = Some((down, drag));
        if drag.is_drag() {
            self.animation = None;
            let hovered = self.map.hover(None);
            self.mark(changed::HOVER, hovered);
            let panned = self.map.pan_by(dx, dy);
            self.mark(changed::DRAW, panned || hovered);
        }
        drag.is_drag()
    }

    /// Two fingers moved to `a` and `b`: the map pans and zooms with them.
    fn pinch_move(&mut self, a: Css, b: Css) {
        let Some(mut pinch) = self.pinch else {
            return;
        };
        if let Some(step) = pinch.move_to(a, b) {
            self.pinch = Some(pinch);
            self.animation = None;
            let moved = self.map.pan_by(step.dx, step.dy);
            let zoomed = self.map.zoom_by(step.zoom, Some(step.about));
            self.mark(changed::DRAW, moved || zoomed);
        }
    }

    /// Advances an easing view change to time `now`; true while more frames are needed (the
    /// page asks for them: that answer, not [`changed::DRAW`], keeps an easing going).
    fn tick(&mut self, now: f64) -> bool {
        let Some(mut a) = self.animation else {
            return false;
        };
        let start = *a.start_ms.get_or_insert(now);
        let t = within((now - start) / ANIMATION_MS, 0.0, 1.0);
        // Ease out: fast at first, settling gently.
        let eased = 1.0 - (1.0 - t).powi(3);
        self.map.set_view(a.from.eased_to(&a.to, eased));
        self.animation = (t < 1.0).then_some(a);
        self.animation.is_some()
    }

    fn focus_moved(&mut self, still: bool) {
        let focused = self.map.focused();
        let text = focused
            .and_then(|i| self.map.data().places.get(i))
            .map(|p| announce::focused(self.map.data(), p, self.map.lang()));
        if let Some(text) = text {
            self.say(text);
        }
        let show = focused.and_then(|i| self.map.view_showing(i));
        self.animate_to(show, still);
    }
}

impl MapCore {
    /// Loads `features` (the bytes of a GeoJSON file) and `policies` (of a policy JSON file).
    /// `lang` is the element's explicit choice (must be `zh` or `en`), `page_lang` the
    /// page's, only a hint. Bad data gives an error naming each problem and where it is.
    ///
    /// Bytes, as fetched, rather than text: no decoding into a JavaScript string and encoding
    /// back, and no copy sized for the worst case of three bytes a character (wasm memory,
    /// once grown, is never given back).
    pub fn new(
        features: &[u8],
        policies: Option<Vec<u8>>,
        lang: Option<String>,
        page_lang: Option<String>,
    ) -> Result<MapCore, String> {
        MapCore::within(features, policies, lang, page_lang, &Limits::DEFAULT)
    }

    /// [`MapCore::new`] within the page's limits on the data (its `max-*` attributes).
    pub fn within(
        features: &[u8],
        policies: Option<Vec<u8>>,
        lang: Option<String>,
        page_lang: Option<String>,
        limits: &Limits,
    ) -> Result<MapCore, String> {
        let both = Lang::both(lang.as_deref());
        let lang = Lang::choose(lang.as_deref(), page_lang.as_deref()).map_err(error)?;
        let features = load::text_of(DataFile::Features, features).map_err(error)?;
        let policies = match &policies {
            Some(bytes) => Some(load::text_of(DataFile::Policies, bytes).map_err(error)?),
            None => None,
        };
        let data = load::load_within(features, policies, limits).map_err(error)?;
        Ok(MapCore {
            map: Map::new(data, lang).bilingual(both),
            style: Style::default(),
            theme: Theme::Light,
            animation: None,
            drag: None,
            pinch: None,
            changes: changed::DRAW | changed::WORDS,
            announcement: None,
            scene_strings: Vec::new(),
        })
    }

    /// Fits the map to a canvas of `width` × `height` CSS px (an easing view change stops).
    /// Returns the backing store's size in device pixels for `dpr`, or nothing while the
    /// canvas is not laid out.
    pub fn resize(&mut self, width: f64, height: f64, dpr: f64) -> Result<Vec<u32>, String> {
        if width < 1.0 || height < 1.0 {
            return Ok(Vec::new());
        }
        self.animation = None;
        self.map.resize(width, height).map_err(error)?;
        self.changes |= changed::DRAW;
        Ok(self.map.view().map_or(Vec::new(), |v| {
            let (w, h) = v.device_size(dpr);
            vec![w, h]
        }))
    }

    /// The bits of [`changed`] set since the last call.
    pub fn take_changes(&mut self) -> u32 {
        std::mem::take(&mut self.changes)
    }

    /// What to say to screen readers, once.
    pub fn take_announcement(&mut self) -> Option<String> {
        self.announcement.take()
    }

    /// Selects a place by id, or the overview with `null`; unknown ids are an error.
    pub fn select(
        &mut self,
        id: Option<String>,
        origin: Origin,
        still: bool,
    ) -> Result<(), String> {
        if self.map.select(id.as_deref()).map_err(error)? {
            let lang = self.map.lang();
            let text = match self
                .map
                .selected()
                .and_then(|i| self.map.data().places.get(i))
            {
                Some(place) => announce::selected(self.map.data(), place, lang),
                None => announce::cleared(lang),
            };
            self.say(text);
            self.changes |= changed::SELECTION | changed::DRAW;
        }
        if matches!(origin, Origin::Keyboard | Origin::List | Origin::Link) {
            let target = self.map.selected().and_then(|i| self.map.view_for_place(i));
            self.animate_to(target, still);
        }
        Ok(())
    }

    /// Whether `id` is a place a reader can select.
    pub fn is_place(&self, id: &str) -> bool {
        self.map.selectable_places().iter().any(|p| p.id == id)
    }

    /// The selected place's id, or `null` for the overview.
    pub fn selected(&self) -> Option<String> {
        self.map.selected_id().map(str::to_string)
    }

    /// The id of the selectable place at CSS pixel (x, y) relative to the canvas, or `null`.
    pub fn feature_at(&self, x: f64, y: f64) -> Option<String> {
        self.map.id_at(Css { x, y }).map(str::to_string)
    }

    /// `[x, y]` in CSS pixels for a longitude/latitude in the current view; empty if the map
    /// is not laid out or the position is not finite.
    pub fn project(&self, lon: f64, lat: f64) -> Vec<f64> {
        self.map
            .project(LonLat { lon, lat })
            .map_or(Vec::new(), |c| vec![c.x, c.y])
    }

    /// The current view as `scale tx ty` (CSS px per plane metre, and where plane x = 0 and
    /// y = 0 fall in CSS px); empty before the canvas is laid out. The page uses it to move
    /// the last frame's picture while a gesture is under way.
    pub fn view(&self) -> Vec<f64> {
        self.map
            .view()
            .map_or(Vec::new(), |v| vec![v.scale, v.tx, v.ty])
    }

    /// How far the map is zoomed in from the whole region (1 = whole region).
    pub fn zoom(&self) -> f64 {
        self.map.zoom()
    }

    /// The name of the place under the pointer, in the map's language.
    pub fn hovered_name(&self) -> Option<String> {
        let i = self.map.hovered()?;
        let place = self.map.data().places.get(i)?;
        Some(place.name.get(self.map.lang()).to_string())
    }

    /// A small message from the page (DESIGN: "input flows back only as small messages"):
    /// What the reader did. Answers true where [`Input`] says it answers something (a drag
    /// under way, a drag that ends, a pinch that starts, more frames wanted), else false.
    pub fn input(&mut self, input: Input) -> bool {
        match input {
            Input::Hover(at) => {
                let changed = self.map.hover(at);
                self.mark(changed::HOVER | changed::DRAW, changed);
            }
            Input::Wheel { delta_px, at } => {
                self.animation = None;
                let zoomed = self
                    .map
                    .zoom_by((-delta_px * WHEEL_ZOOM_PER_PX).exp(), Some(at));
                self.mark(changed::DRAW, zoomed);
            }
            Input::DragStart { pointer, at } => self.drag = Some((pointer, Drag::start(at))),
            Input::DragMove { pointer, at } => return self.drag_move(pointer, at),
            Input::DragEnd { pointer } => {
                return match self.drag {
                    Some((down, drag)) if down == pointer => {
                        self.drag = None;
                        drag.is_drag()
                    }
                    _ => false,
                };
            }
            Input::PinchStart(a, b) => {
                self.pinch = Pinch::start(a, b);
                return self.pinch.is_some();
            }
            Input::PinchMove(a, b) => self.pinch_move(a, b),
            Input::PinchEnd => self.pinch = None,
            Input::Zoom {
                factor,
                about,
                still,
            } => {
                let target = self.map.zoomed_view(factor, about);
                self.animate_to(target, still);
            }
            Input::Home { still } => {
                let home = self.map.home().copied();
                self.animate_to(home, still);
            }
            Input::Blur => {
                let changed = self.map.set_focus(None);
                self.mark(changed::DRAW, changed);
            }
            Input::Frame { now } => {
                // This frame will show every change so far, moved picture or full drawing.
                self.changes &= !changed::DRAW;
                return self.tick(now);
            }
        }
        false
    }

    /// A key pressed on the focused map (`KeyboardEvent.key`, without alt, ctrl or ⌘).
    /// True if the map used it (the page should then not scroll).
    pub fn key(&mut self, key: &str, still: bool) -> Result<bool, String> {
        if let Some(dir) = Direction::from_key(key) {
            if self.map.focus_toward(dir) {
                self.focus_moved(still);
            }
            return Ok(true);
        }
        match key {
            "Home" | "End" => {
                if self.map.focus_end(key == "End") {
                    self.focus_moved(still);
                }
            }
            "Enter" | " " => {
                let id = self.map.focused_id().map(str::to_string);
                if id.is_some() {
                    self.select(id, Origin::Keyboard, still)?;
                }
            }
            "Escape" => {
                self.select(None, Origin::Keyboard, still)?;
                self.input(Input::Home { still });
            }
            "+" | "=" | "-" | "_" => {
                let factor = if matches!(key, "+" | "=") { 2.0 } else { 0.5 };
                self.input(Input::Zoom {
                    factor,
                    about: None,
                    still,
                });
            }
            "0" => {
                self.input(Input::Home { still });
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The frame to paint, packed (layout in `ui::packed`); empty before the canvas is laid
    /// out. [`MapCore::scene_strings`] gives the strings it indexes.
    pub fn scene(&mut self, dpr: f64) -> Vec<f64> {
        let Some(frame) = self.map.frame(&self.style) else {
            return Vec::new();
        };
        let packed = packed::scene(&scene::build(&frame), dpr);
        self.scene_strings = packed.strings;
        packed.numbers
    }

    /// The strings of the last [`MapCore::scene`].
    pub fn scene_strings(&self) -> String {
        joined(&self.scene_strings)
    }

    /// Every place's outline at a detail level (layout in `ui::packed::paths`).
    pub fn paths(&self, level: i32) -> Vec<f64> {
        packed::paths(self.map.projected(), level)
    }

    /// The details panel for the current selection (layout in `ui::packed::panel`).
    pub fn panel(&self) -> String {
        let content = panel::content(self.map.data(), self.map.selected(), self.map.lang());
        joined(&packed::panel(&content))
    }

    /// The interface words in the map's language: title (the canvas's name), role
    /// description, keyboard help, zoom in, zoom out, whole region, places heading, details
    /// label, credit line, wheel hint, wheel hint on a Mac, touch hint, download button; then
    /// the key under the map, five strings a row: text, fill and outline (`0xRRGGBBAA` as
    /// decimal), the symbol's radius in CSS px, and `square` for a square symbol. The key's
    /// colours follow the theme.
    pub fn words(&self) -> String {
        let lang = self.map.lang();
        let mut out = vec![self.map.title()];
        for words in [
            Ui::MapRole,
            Ui::KeysHelp,
            Ui::ZoomIn,
            Ui::ZoomOut,
            Ui::ResetView,
            Ui::PlacesHeading,
            Ui::DetailsLabel,
        ] {
            out.push(words.get(lang).to_string());
        }
        let credit = self.map.data().attribution.as_ref().map(|t| t.get(lang));
        out.push(credit.unwrap_or_default().to_string());
        for words in [Ui::WheelHint, Ui::WheelHintMac, Ui::TouchHint, Ui::Download] {
            out.push(words.get(lang).to_string());
        }
        for row in legend::rows(self.map.data(), &self.style, lang) {
            out.push(row.text);
            out.push(decimal(packed::rgba(row.fill), 0));
            out.push(decimal(packed::rgba(row.stroke), 0));
            out.push(decimal(row.radius, 1));
            out.push(if row.square { "square" } else { "" }.to_string());
        }
        joined(&out)
    }

    /// The selectable places as `id kind name_zh name_en label name` sextuples, `label`
    /// being the map's short label in its language and `name` the full name.
    pub fn places(&self) -> String {
        let lang = self.map.lang();
        let data = self.map.data();
        let mut out = Vec::new();
        for info in self.map.selectable_places() {
            let Some(place) = data.places.iter().find(|p| p.id == info.id) else {
                continue;
            };
            let (label, name) = (place.label_text(lang), place.name.get(lang));
            out.extend([info.id.clone(), info.kind, info.name_zh, info.name_en]);
            out.extend([label.to_string(), name.to_string()]);
        }
        joined(&out)
    }

    /// Switches the look (`light`, `dark` or `contrast`; the page resolves `auto`) and
    /// redraws.
    pub fn set_theme(&mut self, code: &str) -> Result<(), String> {
        let theme = Theme::parse(code)
            .ok_or_else(|| format!("no theme is called \"{code}\"; use light, dark or contrast"))?;
        if theme != self.theme {
            self.theme = theme;
            self.style = Style::for_theme(theme);
            // The page rewrites the key under the map (its colours are in the words) itself.
            self.changes |= changed::DRAW;
        }
        Ok(())
    }

    /// Switches names, words and panel text to `zh` or `en` (`zh-CN`, `en_GB`… also work), or
    /// to `zh-en`: Chinese, with labels in both languages.
    pub fn set_lang(&mut self, code: &str) -> Result<(), String> {
        let lang = Lang::choose(Some(code), None).map_err(error)?;
        self.map.set_lang(lang);
        self.map.set_bilingual(Lang::both(Some(code)));
        self.changes |= changed::DRAW | changed::WORDS;
        Ok(())
    }
}
