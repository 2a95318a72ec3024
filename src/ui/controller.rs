//! `MapCore`: the map's state machine as the page sees it. Typed messages ([`Input`], keys,
//! selections) come in; the changes to show, the words to say and the frame to paint go out.
//! The web layer (`web/widget.rs`) turns the page's calls into these; every decision
//! (what a key does, what a drag moves, what is selected, what the reader hears) is made
//! here, natively compiled and tested (`tests/controller.rs`), with no browser in sight.

use crate::data::load::{self, Limits};
use crate::data::report::DataFile;
use crate::geo::coords::{within, Css, LonLat, Plane};
use crate::geo::shapes::PlaneShape;
use crate::geo::simplify::{thin_ring, tolerance};
use crate::geo::view::View;
use crate::i18n::{Lang, Ui};
use crate::render::display::Scene;
use crate::render::legend;
use crate::render::scene;
use crate::render::style::{Style, Theme};
use crate::ui::announce;
use crate::ui::figures::{self, LegendEntry, ValueFor, ValueSettings, ValueSource};
use crate::ui::focus::Direction;
use crate::ui::gesture::{Drag, Pinch};
use crate::ui::map::Map;
use crate::ui::panel::{self, PanelContent};
use serde::ser::{Serialize, SerializeMap};

/// How long a view change eases, ms.
const ANIMATION_MS: f64 = 350.0;
/// Zoom per pixel of wheel travel with ctrl/⌘ (trackpad pinches arrive this way too).
const WHEEL_ZOOM_PER_PX: f64 = 0.002;

/// What changed since the page last asked ([`MapCore::take_changes`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    /// The canvas needs a new frame.
    pub draw: bool,
    /// The selection changed: the panel, the list, the hash and a `select` event.
    pub selection: bool,
    /// There is something to say to screen readers ([`MapCore::take_announcement`]).
    pub announce: bool,
    /// The place under the pointer changed: tooltip and cursor.
    pub hover: bool,
    /// The language changed (or the map is new): every word, the list, the credit line and
    /// the panel.
    pub words: bool,
    /// The figures were classed again (another column, classes or palette): the key, the
    /// table's figures and the panel, not the rest of the words.
    pub figures: bool,
}

impl Changes {
    /// Nothing changed.
    pub const NONE: Changes = Changes {
        draw: false,
        selection: false,
        announce: false,
        hover: false,
        words: false,
        figures: false,
    };
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
    Pointer,
    /// Enter or Space on the focused place, or Escape.
    Keyboard,
    /// A button of the list of places.
    List,
    /// The URL's `#region=` on load or when it changes.
    Link,
    /// The element's `select()` method or `region` attribute.
    Api,
}

/// The interface words in the map's language, and the key under the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Words {
    /// The map's title: the canvas's accessible name and the PNG's heading.
    pub title: String,
    /// The canvas's role description.
    pub role: String,
    /// How to use the map by keyboard.
    pub keys_help: String,
    /// The zoom-in button.
    pub zoom_in: String,
    /// The zoom-out button.
    pub zoom_out: String,
    /// The whole-region button.
    pub reset: String,
    /// The heading of the list of places.
    pub places_heading: String,
    /// The details panel's accessible name.
    pub details: String,
    /// The data's credit line (empty when the data has none).
    pub credit: String,
    /// How to zoom with a wheel.
    pub wheel_hint: String,
    /// How to zoom with a wheel, on a Mac.
    pub wheel_hint_mac: String,
    /// How to move the map with fingers.
    pub touch_hint: String,
    /// The download button.
    pub download: String,
    /// The key's rows, in the theme's colours.
    pub key: Vec<KeyRow>,
    /// On a value map, the table of places' headings: the place column's and the figures'
    /// (the column's name); none lists the places as buttons.
    pub figures: Option<[String; 2]>,
    /// The figures' heading's button, which sorts the table by figure.
    pub sort: String,
    /// The table is sorted by figure, largest first.
    pub sorted: bool,
    /// The places wait for a values file: no list yet (it comes as the table of figures).
    pub places_wait: bool,
    /// A table of figures too long to show open comes folded, under this line.
    pub fold_places: Option<String>,
}

/// A table of figures longer than this many places comes folded.
const FOLD_PLACES_OVER: usize = 100;

/// One row of the key under the map.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyRow {
    /// What it says.
    pub text: String,
    /// The symbol's fill, as CSS.
    pub fill: String,
    /// The symbol's outline, as CSS.
    pub stroke: String,
    /// The symbol's radius on the map, CSS px.
    pub radius: f64,
    /// The symbol is a square.
    pub square: bool,
    /// Drawn at its own size (a count's circle), not capped like a symbol.
    pub exact: bool,
    /// The class of figures the row stands for: pointing at it or focusing it highlights
    /// the class's places.
    pub class: Option<usize>,
}

/// A selectable place as the list of places shows it, and the page's `regions()` answers it
/// (`{ id, kind, name_zh, name_en }`).
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceEntry {
    /// Its id.
    pub id: String,
    /// Its kind's code (`province`, `county`…).
    pub kind: String,
    /// Its Chinese name.
    pub name_zh: String,
    /// Its English name.
    pub name_en: String,
    /// The map's short label in the map's language (the list's button).
    pub label: String,
    /// The full name in the map's language (the button's title).
    pub name: String,
    /// Its figure in words on a value map ("No data" without one), for the table of places.
    pub figure: Option<String>,
}

/// As a map of its four public members: see [`crate::ui::figures::ValueFor`]'s note.
impl Serialize for PlaceEntry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("kind", &self.kind)?;
        m.serialize_entry("name_zh", &self.name_zh)?;
        m.serialize_entry("name_en", &self.name_en)?;
        m.end()
    }
}

/// A view change easing over a few frames; its clock starts at its first frame.
#[derive(Debug, Clone, Copy)]
struct Animation {
    from: View,
    to: View,
    start_ms: Option<f64>,
}

/// One map's state. `still` says the reader prefers reduced motion (view changes are then
/// instant); times are the page's `performance.now()` in ms.
pub struct MapCore {
    map: Map,
    theme: Theme,
    animation: Option<Animation>,
    drag: Option<(i32, Drag)>,
    pinch: Option<Pinch>,
    changes: Changes,
    announcement: Option<String>,
    /// A newsroom's figures, kept to re-class when an attribute changes.
    values: Option<ValueSource>,
    /// The page's limit on rows, as on features.
    max_rows: usize,
    /// The table of places is sorted by figure.
    by_figure: bool,
    /// A values file is on its way: the list of places and the first frame wait for it, to
    /// be written once as the table of figures (3,000 buttons, then a table of the same
    /// places, would be written twice) and drawn once in its classes.
    figures_coming: bool,
}

impl MapCore {
    fn say(&mut self, text: String) {
        self.announcement = Some(text);
        self.changes.announce = true;
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
        self.changes.draw = true;
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
            self.changes.hover |= hovered;
            let panned = self.map.pan_by(dx, dy);
            self.changes.draw |= panned || hovered;
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
            self.changes.draw |= moved || zoomed;
        }
    }

    /// Advances an easing view change to time `now`; true while more frames are needed (the
    /// page asks for them: that answer, not [`Changes::draw`], keeps an easing going).
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
            .and_then(|i| Some((i, self.map.data().places.get(i)?)))
            .map(|(i, p)| {
                let text = announce::focused(self.map.data(), p, self.map.lang());
                // On a value map the figure follows the name: "Hebei: 4.2 %, class 2 of 5, …".
                match self.spoken_figure(i) {
                    Some(figure) => {
                        let name = p.name.get(self.map.lang());
                        text.replacen(name, &format!("{name}: {figure}"), 1)
                    }
                    None => text,
                }
            });
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
        policies: Option<&[u8]>,
        lang: Option<&str>,
        page_lang: Option<&str>,
    ) -> crate::Result<MapCore> {
        MapCore::within(features, policies, lang, page_lang, &Limits::DEFAULT)
    }

    /// [`MapCore::new`] within the page's limits on the data (its `max-*` attributes).
    pub fn within(
        features: &[u8],
        policies: Option<&[u8]>,
        lang: Option<&str>,
        page_lang: Option<&str>,
        limits: &Limits,
    ) -> crate::Result<MapCore> {
        let both = Lang::both(lang);
        let lang = Lang::choose(lang, page_lang)?;
        let features = load::text_of(DataFile::Features, features)?;
        let policies = match policies {
            Some(bytes) => Some(load::text_of(DataFile::Policies, bytes)?),
            None => None,
        };
        let data = load::load_within(features, policies, limits)?;
        Ok(MapCore {
            map: Map::new(data, lang).bilingual(both),
            theme: Theme::Light,
            animation: None,
            drag: None,
            pinch: None,
            changes: Changes {
                draw: true,
                words: true,
                ..Changes::NONE
            },
            announcement: None,
            values: None,
            by_figure: false,
            figures_coming: false,
            max_rows: limits.features.min(crate::data::values::MAX_ROWS),
        })
    }

    /// Shows a values file's figures (its bytes, read at most to the page's row limit) as
    /// `settings` say. Returns its warnings; an error leaves the map as it was.
    pub fn set_values(
        &mut self,
        bytes: &[u8],
        settings: ValueSettings,
    ) -> crate::Result<Vec<String>> {
        // Whatever comes of them, the list of places and the first frame wait no longer.
        self.expect_figures(false);
        let source = ValueSource::read(bytes, &self.map.data().places, settings, self.max_rows)?;
        let layer = source.layer()?;
        let warnings = layer.figures.warnings.clone();
        self.values = Some(source);
        self.show_layer(Some(layer));
        Ok(warnings)
    }

    /// Changes one of the value layer's attributes and re-classes (no file read again).
    /// Returns the new layer's warnings; an unusable setting leaves the map without the layer.
    pub fn set_value_option(
        &mut self,
        name: &str,
        value: Option<String>,
    ) -> crate::Result<Vec<String>> {
        let Some(source) = self.values.as_mut() else {
            return Ok(Vec::new());
        };
        source.settings.set(name, value);
        match source.layer() {
            Ok(layer) => {
                let warnings = layer.figures.warnings.clone();
                // The same places, classed again: only the figures' words change (unless
                // the map had no layer to show until now).
                let had = self.map.values().is_some();
                self.show_layer(Some(layer));
                if had {
                    self.changes.words = false;
                    self.changes.figures = true;
                }
                Ok(warnings)
            }
            Err(e) => {
                self.show_layer(None);
                Err(e)
            }
        }
    }

    /// Why the figures are not shown, as the notice under the map says it.
    pub fn figures_notice(&self, problem: &str) -> String {
        format!("{}{problem}", Ui::FiguresNotShown.get(self.map.lang()))
    }

    /// Says a values file is on its way (the page gave one): the list of places waits for
    /// it, until [`MapCore::set_values`], [`MapCore::clear_values`] or `false` here (the
    /// file could not be fetched).
    pub fn expect_figures(&mut self, coming: bool) {
        if self.figures_coming && !coming {
            self.changes.words = true;
            self.changes.draw = true;
        }
        self.figures_coming = coming;
    }

    /// Whether a values file is on its way: the map is first drawn with its figures (drawn
    /// without them, 3,000 areas would be painted twice, and the reader would see the map's
    /// own colours flash before the classes).
    pub fn figures_coming(&self) -> bool {
        self.figures_coming
    }

    /// Takes the figures off the map (or gives up waiting for them).
    pub fn clear_values(&mut self) {
        self.values = None;
        self.figures_coming = false;
        self.show_layer(None);
    }

    fn show_layer(&mut self, layer: Option<crate::render::values::ValueLayer>) {
        self.map.set_values(layer);
        // The key, the tooltip and the panel say the figures.
        self.changes.draw = true;
        self.changes.words = true;
    }

    /// The value layer's legend (empty without one).
    pub fn legend(&self) -> Vec<LegendEntry> {
        let style = self.style();
        self.map.values().map_or_else(Vec::new, |layer| {
            figures::legend(layer, self.map.lang(), self.theme, style.no_data[0])
        })
    }

    /// Place `id`'s figure, if the map shows figures and it has one.
    pub fn value_for(&self, id: &str) -> Option<ValueFor> {
        let i = self.map.data().index_of(id)?;
        figures::value_for(self.map.values()?, i, self.map.lang())
    }

    /// Place `i`'s figure in words for the panel and the screen reader.
    fn spoken_figure(&self, i: usize) -> Option<String> {
        let layer = self.map.values()?;
        Some(figures::spoken(layer, i, self.map.lang()))
    }

    /// Fits the map to a canvas of `width` × `height` CSS px (an easing view change stops).
    /// Returns the backing store's size in device pixels for `dpr`, or `None` while the
    /// canvas is not laid out.
    pub fn resize(
        &mut self,
        width: f64,
        height: f64,
        dpr: f64,
    ) -> crate::Result<Option<(u32, u32)>> {
        if width < 1.0 || height < 1.0 {
            return Ok(None);
        }
        // A box too small to hold the map inside its margins (an iframe its host has not
        // sized yet, 11 px tall) is one not laid out yet: the map waits for the next size
        // rather than failing to load.
        if self.map.resize(width, height).is_err() {
            return Ok(None);
        }
        self.animation = None;
        self.changes.draw = true;
        // Counts' circles in the key follow the map's size.
        let counts = self.map.values().map(|v| v.options.kind);
        self.changes.words |= counts == Some(crate::render::values::ValueKind::Count);
        Ok(self.map.view().map(|v| v.device_size(dpr)))
    }

    /// What changed since the last call.
    pub fn take_changes(&mut self) -> Changes {
        std::mem::take(&mut self.changes)
    }

    /// What to say to screen readers, once.
    pub fn take_announcement(&mut self) -> Option<String> {
        self.announcement.take()
    }

    /// Selects a place by id, or the overview with `None`; unknown ids are an error.
    pub fn select(&mut self, id: Option<&str>, origin: Origin, still: bool) -> crate::Result<()> {
        if self.map.select(id)? {
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
            self.changes.selection = true;
            self.changes.draw = true;
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

    /// The selected place's id, or `None` for the overview.
    pub fn selected(&self) -> Option<String> {
        self.map.selected_id().map(str::to_string)
    }

    /// The id of the selectable place at `at` (CSS px relative to the canvas).
    pub fn feature_at(&self, at: Css) -> Option<String> {
        self.map.id_at(at).map(str::to_string)
    }

    /// Where a longitude/latitude falls in the current view; `None` if the map is not laid
    /// out or the position is not finite.
    pub fn project(&self, at: LonLat) -> Option<Css> {
        self.map.project(at)
    }

    /// The current view (CSS px per plane metre, and where the plane's origin falls); `None`
    /// before the canvas is laid out. The painter uses it to move the last frame's picture
    /// while a gesture is under way.
    pub fn view(&self) -> Option<View> {
        self.map.view().copied()
    }

    /// How far the map is zoomed in from the whole region (1 = whole region).
    pub fn zoom(&self) -> f64 {
        self.map.zoom()
    }

    /// The name of the place under the pointer, in the map's language.
    pub fn hovered_name(&self) -> Option<String> {
        let i = self.map.hovered()?;
        let place = self.map.data().places.get(i)?;
        let name = place.name.get(self.map.lang());
        // On a value map the tooltip gives the figure too.
        Some(
            match self.map.values().and_then(|l| l.text(i, self.map.lang())) {
                Some(figure) => format!("{name}: {figure}"),
                None => name.to_string(),
            },
        )
    }

    /// What the reader did (DESIGN: "input flows back only as small messages"). Answers true
    /// where [`Input`] says it answers something (a drag under way, a drag that ends, a
    /// pinch that starts, more frames wanted), else false.
    pub fn input(&mut self, input: Input) -> bool {
        match input {
            Input::Hover(at) => {
                let changed = self.map.hover(at);
                self.changes.hover |= changed;
                self.changes.draw |= changed;
            }
            Input::Wheel { delta_px, at } => {
                self.animation = None;
                let zoomed = self
                    .map
                    .zoom_by((-delta_px * WHEEL_ZOOM_PER_PX).exp(), Some(at));
                self.changes.draw |= zoomed;
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
                self.changes.draw |= changed;
            }
            Input::Frame { now } => {
                // This frame will show every change so far, moved picture or full drawing.
                self.changes.draw = false;
                return self.tick(now);
            }
        }
        false
    }

    /// A key pressed on the focused map (`KeyboardEvent.key`, without alt, ctrl or ⌘).
    /// True if the map used it (the page should then not scroll).
    pub fn key(&mut self, key: &str, still: bool) -> crate::Result<bool> {
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
                    self.select(id.as_deref(), Origin::Keyboard, still)?;
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

    /// The look the map is drawn in now: one source, the theme.
    pub fn style(&self) -> Style {
        Style::for_theme(self.theme)
    }

    /// The frame to paint; `None` before the canvas is laid out.
    pub fn scene(&self) -> Option<Scene> {
        let style = self.style();
        let frame = self.map.frame(&style)?;
        Some(scene::build(&frame))
    }

    /// Every place's outline at a detail level (see `geo::simplify::detail_level`), in plane
    /// metres: its rings, thinned for that level (none for a point, or for rings too small to
    /// see there). The painter builds one path per place from them and keeps it.
    pub fn outlines(&self, level: i32) -> Vec<Vec<Vec<Plane>>> {
        let t = tolerance(level);
        self.map
            .projected()
            .shapes
            .iter()
            .map(|shape| match shape {
                PlaneShape::Area(polys) => polys
                    .iter()
                    .flat_map(|p| &p.rings)
                    .map(|r| thin_ring(r, t))
                    .filter(|r| !r.is_empty())
                    .collect(),
                PlaneShape::Point(_) => Vec::new(),
            })
            .collect()
    }

    /// The details panel for the current selection.
    pub fn panel(&self) -> PanelContent {
        let mut content = panel::content(self.map.data(), self.map.selected(), self.map.lang());
        if let (Some(i), Some(layer)) = (self.map.selected(), self.map.values()) {
            let column = &layer.figures.column;
            let words = figures::spoken(layer, i, self.map.lang());
            content.figure = Some(match self.map.lang() {
                Lang::En => format!("{column}: {words}"),
                Lang::Zh => format!("{column}：{words}"),
            });
        }
        content
    }

    /// The interface words in the map's language, and the key in the theme's colours.
    pub fn words(&self) -> Words {
        let lang = self.map.lang();
        let credit = self.map.data().attribution.as_ref().map(|t| t.get(lang));
        let style = self.style();
        // Counts' circles in the key are the size they are on the map.
        let side = self.map.view().map_or(0.0, |v| v.width.min(v.height));
        let mut rows = legend::value_rows(self.map.values(), &style, lang, side);
        rows.extend(legend::rows(self.map.data(), &style, lang));
        let key = rows
            .into_iter()
            .map(|row| KeyRow {
                text: row.text,
                fill: row.fill.css(),
                stroke: row.stroke.css(),
                radius: row.radius,
                square: row.square,
                exact: row.exact,
                class: row.class,
            })
            .collect();
        Words {
            title: self.map.title(),
            role: Ui::MapRole.get(lang).to_string(),
            keys_help: Ui::KeysHelp.get(lang).to_string(),
            zoom_in: Ui::ZoomIn.get(lang).to_string(),
            zoom_out: Ui::ZoomOut.get(lang).to_string(),
            reset: Ui::ResetView.get(lang).to_string(),
            places_heading: Ui::PlacesHeading.get(lang).to_string(),
            details: Ui::DetailsLabel.get(lang).to_string(),
            credit: credit.unwrap_or_default().to_string(),
            wheel_hint: Ui::WheelHint.get(lang).to_string(),
            wheel_hint_mac: Ui::WheelHintMac.get(lang).to_string(),
            touch_hint: Ui::TouchHint.get(lang).to_string(),
            download: Ui::Download.get(lang).to_string(),
            key,
            figures: self.map.values().map(|v| {
                let unit = v.options.unit.as_ref().map(|u| match lang {
                    Lang::En => u.en.as_str(),
                    Lang::Zh => u.zh.as_str(),
                });
                let column = match unit.filter(|u| !u.is_empty()) {
                    Some(unit) => format!("{} ({unit})", v.figures.column),
                    None => v.figures.column.clone(),
                };
                [Ui::PlaceColumn.get(lang).to_string(), column]
            }),
            sort: Ui::SortByFigure.get(lang).to_string(),
            sorted: self.by_figure,
            places_wait: self.figures_coming,
            fold_places: self.map.values().and_then(|_| {
                let n = self
                    .map
                    .data()
                    .places
                    .iter()
                    .filter(|p| p.kind.selectable())
                    .count();
                (n > FOLD_PLACES_OVER).then(|| {
                    // The count as the figures are written (`3,014`).
                    let n = crate::render::values::number::format(n as f64, lang, None);
                    match lang {
                        Lang::En => format!("The table of all {n} places and their figures"),
                        Lang::Zh => format!("全部{n}个地点及其数值一览表"),
                    }
                })
            }),
        }
    }

    /// The selectable places, in the list's order.
    pub fn places(&self) -> Vec<PlaceEntry> {
        let lang = self.map.lang();
        let selectable = || {
            (self.map.data().places.iter().enumerate()).filter(|(_, place)| place.kind.selectable())
        };
        let entry = |place: &crate::data::model::Place, figure| PlaceEntry {
            label: place.label_text(lang).to_string(),
            name: place.name.get(lang).to_string(),
            figure,
            id: place.id.clone(),
            kind: place.kind.as_str().to_string(),
            name_zh: place.name.zh.clone(),
            name_en: place.name.en.clone(),
        };
        // Without figures (and always in the build without the value layer, where this is
        // known at compile time), the data's order.
        let Some(values) = self.map.values() else {
            return selectable().map(|(_, place)| entry(place, None)).collect();
        };
        // One pass in data order (a lookup of each place by id would be quadratic: 9 million
        // comparisons for a county map of 3,000).
        let mut keys = Vec::new();
        let mut entries: Vec<Option<PlaceEntry>> = selectable()
            .map(|(i, place)| {
                let value = values.value(i);
                keys.push(value.map_or(f64::INFINITY, |v| -v));
                let figure = value.map_or_else(
                    || Ui::NoData.get(lang).to_string(),
                    |x| values.words(x, lang),
                );
                Some(entry(place, Some(figure)))
            })
            .collect();
        if !self.by_figure {
            return entries.into_iter().flatten().collect();
        }
        // Sorted by figure, largest first; places without one last.
        crate::data::order::ascending(&keys)
            .into_iter()
            .filter_map(|k| entries.get_mut(k).and_then(Option::take))
            .collect()
    }

    /// Highlights the places of one class of figures (none: all alike), as the key does
    /// while a row of it is pointed at or focused.
    pub fn highlight_class(&mut self, class: Option<usize>) {
        self.changes.draw |= self.map.highlight(class);
    }

    /// Sorts the table of places by figure, or back to the data's order.
    pub fn sort_by_figure(&mut self) {
        self.by_figure = !self.by_figure;
        self.changes.words = true;
    }

    /// Switches the look (`light`, `dark` or `contrast`; the page resolves `auto`) and
    /// redraws.
    pub fn set_theme(&mut self, code: &str) -> crate::Result<()> {
        let theme = Theme::parse(code).ok_or_else(|| crate::Error::UnknownTheme(code.into()))?;
        if theme != self.theme {
            self.theme = theme;
            // The key's colours change too: the page rewrites it from `words()`.
            self.changes.draw = true;
        }
        Ok(())
    }

    /// Switches names, words and panel text to `zh` or `en` (`zh-CN`, `en_GB`… also work), or
    /// to `zh-en`: Chinese, with labels in both languages.
    pub fn set_lang(&mut self, code: &str) -> crate::Result<()> {
        let lang = Lang::choose(Some(code), None)?;
        self.map.set_lang(lang);
        self.map.set_bilingual(Lang::both(Some(code)));
        self.changes.draw = true;
        self.changes.words = true;
        Ok(())
    }
}
