//! One map: the dataset, its projection, the current view and the reader's UI state.
//! Input arrives as small messages (resize, pointer at x,y, select id) and changes state here.

use crate::data::model::Dataset;
use crate::data::model::Shape;
use crate::geo::coords::{Css, LonLat, Plane, PlaneBox};
use crate::geo::hit;
use crate::geo::projection::Lambert;
use crate::geo::shapes::{framed_extent, Projected};
use crate::geo::view::View;
use crate::i18n::Lang;
use crate::render::frame::Frame;
use crate::render::style::Style;
use crate::render::values::ValueLayer;
use crate::ui::focus::{self, Direction};

/// Padding between the region and the canvas edge, CSS px.
pub const PADDING_PX: f64 = 12.0;

/// The smallest stretch of ground the map frames, in plane metres (20 km): a dataset of one
/// point is shown with its surroundings rather than refused.
pub const MIN_EXTENT_M: f64 = 20_000.0;

/// How far selecting a point place (a park, a wing) zooms in from the home view: enough to
/// tell the Tianjin parks apart on a phone, not so far that the province is lost.
pub const POINT_ZOOM: f64 = 5.0;

/// A selectable place as listed by the element's `regions()`.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceInfo {
    /// Stable id.
    pub id: String,
    /// Kind name (`province`, `counties`, `wing`, `park`).
    pub kind: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
}

/// The state of one map widget, free of any browser type.
#[derive(Debug, Clone)]
pub struct Map {
    data: Dataset,
    projection: Lambert,
    projected: Projected,
    /// The first view: the whole region fitted to the canvas.
    home: Option<View>,
    /// The current view: the home view, zoomed and panned.
    view: Option<View>,
    /// The place with keyboard focus.
    focused: Option<usize>,
    lang: Lang,
    selected: Option<usize>,
    hovered: Option<usize>,
    /// Labels in both languages (see [`Map::set_bilingual`]).
    bilingual: bool,
    /// A newsroom's figures, classed (see [`Map::set_values`]).
    values: Option<ValueLayer>,
    /// The class of figures the key highlights.
    highlight: Option<usize>,
}

impl Map {
    /// A map of `data`, not yet sized.
    pub fn new(data: Dataset, lang: Lang) -> Map {
        // A loaded dataset always has a place; the origin only stands in for an empty one.
        let origin = LonLat { lon: 0.0, lat: 0.0 };
        let (min, max) = framed_extent(&data).unwrap_or((origin, origin));
        let projection = Lambert::fitted(min, max);
        let projected = Projected::new(&data, &projection);
        Map {
            data,
            projection,
            projected,
            home: None,
            view: None,
            focused: None,
            lang,
            selected: None,
            hovered: None,
            bilingual: false,
            values: None,
            highlight: None,
        }
    }

    /// Fits the region into a canvas of `width`×`height` CSS px, keeping the reader's zoom
    /// and centre if the map was already zoomed in.
    pub fn resize(&mut self, width: f64, height: f64) -> crate::Result<()> {
        let bounds = self.bounds();
        let home = bounds
            .and_then(|b| View::fit(b, width, height, PADDING_PX))
            .ok_or(crate::Error::EmptyView { width, height })?;
        let view = match (self.view, self.home, bounds) {
            (Some(old), Some(old_home), Some(b)) => home
                .centred_on(old.center(), home.scale * old.zoom(&old_home))
                .clamped(&home, b),
            _ => home,
        };
        self.home = Some(home);
        self.view = Some(view);
        Ok(())
    }

    /// The box the map frames and keeps on screen, at least [`MIN_EXTENT_M`] across either
    /// way, so that one point (or places along a line) still makes a map.
    fn bounds(&self) -> Option<PlaneBox> {
        let b = self.projected.framed_bounds(&self.data)?;
        let grown = |lo: f64, hi: f64| {
            let pad = ((MIN_EXTENT_M - (hi - lo)) / 2.0).max(0.0);
            (lo - pad, hi + pad)
        };
        let ((x0, x1), (y0, y1)) = (grown(b.min.x, b.max.x), grown(b.min.y, b.max.y));
        Some(PlaneBox {
            min: Plane { x: x0, y: y0 },
            max: Plane { x: x1, y: y1 },
        })
    }

    /// The home view and the region's box, once sized.
    fn limits(&self) -> Option<(View, PlaneBox)> {
        Some((self.home?, self.bounds()?))
    }

    /// Replaces the view (within limits). Returns whether it changed.
    pub fn set_view(&mut self, view: View) -> bool {
        let Some((home, bounds)) = self.limits() else {
            return false;
        };
        let next = view.clamped(&home, bounds);
        let changed = self.view != Some(next);
        self.view = Some(next);
        changed
    }

    /// The view zoomed by `factor` about a CSS point (the canvas centre if `None`), within
    /// limits, without applying it (for animating towards it).
    pub fn zoomed_view(&self, factor: f64, about: Option<Css>) -> Option<View> {
        let (view, (home, bounds)) = (self.view?, self.limits()?);
        let about = about.unwrap_or(Css {
            x: view.width / 2.0,
            y: view.height / 2.0,
        });
        Some(view.zoomed_about(&home, bounds, factor, about))
    }

    /// Zooms by `factor` about a CSS point (the canvas centre if `None`). Returns whether the
    /// view changed (it does not past the limits).
    pub fn zoom_by(&mut self, factor: f64, about: Option<Css>) -> bool {
        match self.zoomed_view(factor, about) {
            Some(v) => self.set_view(v),
            None => false,
        }
    }

    /// Moves the map by (`dx`, `dy`) CSS px. Returns whether the view changed.
    pub fn pan_by(&mut self, dx: f64, dy: f64) -> bool {
        let (Some(view), Some((home, bounds))) = (self.view, self.limits()) else {
            return false;
        };
        self.set_view(view.panned(&home, bounds, dx, dy))
    }

    /// The whole region again. Returns whether the view changed.
    pub fn reset_view(&mut self) -> bool {
        match self.home {
            Some(home) => self.set_view(home),
            None => false,
        }
    }

    /// The first view, fitted to the whole region.
    pub fn home(&self) -> Option<&View> {
        self.home.as_ref()
    }

    /// How far the map is zoomed in from the home view (1 = whole region).
    pub fn zoom(&self) -> f64 {
        match (self.view, self.home) {
            (Some(v), Some(h)) => v.zoom(&h),
            _ => 1.0,
        }
    }

    /// The view that brings a small place into focus: a point at [`POINT_ZOOM`] (or closer
    /// if the reader already is), a small area filling half the canvas. `None` for a place
    /// that the current view already shows well (a province at home zoom).
    pub fn view_for_place(&self, i: usize) -> Option<View> {
        let (view, (home, bounds)) = (self.view?, self.limits()?);
        let place = self.data.places.get(i)?;
        match &place.shape {
            Shape::Point(_) => {
                let at = self.projected.anchor(i)?;
                let zoom = self.zoom().max(POINT_ZOOM);
                Some(
                    view.centred_on(at, home.scale * zoom)
                        .clamped(&home, bounds),
                )
            }
            Shape::Area(_) => {
                let target = self.projected.shapes.get(i)?.bbox()?;
                let small = target.width() * home.scale < home.width / 4.0
                    && target.height() * home.scale < home.height / 4.0;
                small.then(|| view.framing(&home, bounds, target, 0.5, 1.0))
            }
        }
    }

    /// The view that brings place `i` on screen at the current zoom, if it is off screen
    /// (keyboard focus may move to a place the reader has zoomed away from).
    pub fn view_showing(&self, i: usize) -> Option<View> {
        let (view, (home, bounds)) = (self.view?, self.limits()?);
        let at = self.screen_anchor(i)?;
        let margin = 24.0;
        let inside = at.x >= margin
            && at.y >= margin
            && at.x <= view.width - margin
            && at.y <= view.height - margin;
        if inside {
            return None;
        }
        let plane = self.projected.anchor(i)?;
        Some(view.centred_on(plane, view.scale).clamped(&home, bounds))
    }

    /// The place with keyboard focus.
    pub fn focused(&self) -> Option<usize> {
        self.focused
    }

    /// Id of the focused place.
    pub fn focused_id(&self) -> Option<&str> {
        self.id_of(self.focused)
    }

    /// The id of place `i`, if there is one.
    fn id_of(&self, i: Option<usize>) -> Option<&str> {
        i.and_then(|i| self.data.places.get(i))
            .map(|p| p.id.as_str())
    }

    /// The selectable places in reading order (the data's order).
    fn focus_order(&self) -> Vec<usize> {
        self.data
            .places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind.selectable())
            .map(|(i, _)| i)
            .collect()
    }

    /// Where place `i` is on the canvas now (its label anchor).
    fn screen_anchor(&self, i: usize) -> Option<Css> {
        let at: Plane = self.projected.anchor(i)?;
        Some(self.view?.to_css(at))
    }

    /// Sets keyboard focus (`None` to clear). Returns whether it changed.
    pub fn set_focus(&mut self, i: Option<usize>) -> bool {
        let i = i.filter(|&i| self.data.places.get(i).is_some_and(|p| p.kind.selectable()));
        let changed = i != self.focused;
        self.focused = i;
        changed
    }

    /// Focuses the first (or, with `last`, the last) place in reading order.
    pub fn focus_end(&mut self, last: bool) -> bool {
        let order = self.focus_order();
        let pick = if last { order.last() } else { order.first() };
        self.set_focus(pick.copied())
    }

    /// Moves focus to the nearest place in `dir` on screen; with nothing focused yet, to the
    /// selected place or the first one. Returns whether focus moved.
    pub fn focus_toward(&mut self, dir: Direction) -> bool {
        let Some(current) = self.focused else {
            let start = self
                .selected
                .or_else(|| self.focus_order().first().copied());
            return self.set_focus(start);
        };
        let Some(from) = self.screen_anchor(current) else {
            return false;
        };
        let candidates: Vec<(usize, Css)> = self
            .focus_order()
            .into_iter()
            .filter(|&i| i != current)
            .filter_map(|i| Some((i, self.screen_anchor(i)?)))
            .collect();
        match focus::nearest_in_direction(from, dir, candidates) {
            Some(next) => self.set_focus(Some(next)),
            None => false,
        }
    }

    /// What to draw now, in `style`; `None` before the map has a size.
    pub fn frame<'a>(&'a self, style: &'a Style) -> Option<Frame<'a>> {
        Some(Frame {
            data: &self.data,
            projected: &self.projected,
            projection: &self.projection,
            view: self.view?,
            lang: self.lang,
            bilingual: self.bilingual,
            selected: self.selected,
            hovered: self.hovered,
            focused: self.focused,
            style,
            values: self.values(),
            highlight: self.highlight.filter(|_| self.values().is_some()),
        })
    }

    /// Shows a newsroom's figures (none: the map's own colours again).
    pub fn set_values(&mut self, values: Option<ValueLayer>) {
        self.values = values;
        self.highlight = None;
    }

    /// Highlights a class of figures (none: all alike again). Returns whether it changed.
    pub fn highlight(&mut self, class: Option<usize>) -> bool {
        let changed = self.highlight != class;
        self.highlight = class;
        changed
    }

    /// The figures shown, if any (never in a build without the value layer).
    pub fn values(&self) -> Option<&ValueLayer> {
        self.values
            .as_ref()
            .filter(|_| crate::render::values::BUILT)
    }

    /// The data.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// The projection.
    pub fn projection(&self) -> &Lambert {
        &self.projection
    }

    /// Every place on the plane.
    pub fn projected(&self) -> &Projected {
        &self.projected
    }

    /// The current view, once sized.
    pub fn view(&self) -> Option<&View> {
        self.view.as_ref()
    }

    /// The canvas's accessible name in the current language: the data's title for the map.
    pub fn title(&self) -> String {
        self.data.title.as_ref().map_or_else(
            || crate::i18n::Ui::DefaultMapLabel.get(self.lang).to_string(),
            |t| t.get(self.lang).to_string(),
        )
    }

    /// The display language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether labels show both names, Chinese above English (`lang="zh-en"`; the panel and
    /// the other words stay in the display language).
    pub fn set_bilingual(&mut self, both: bool) {
        self.bilingual = both;
    }

    /// The map with [`Map::set_bilingual`] applied.
    pub fn bilingual(mut self, both: bool) -> Map {
        self.bilingual = both;
        self
    }

    /// Changes the display language.
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }

    /// Index of the selected place.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// Id of the selected place.
    pub fn selected_id(&self) -> Option<&str> {
        self.id_of(self.selected)
    }

    /// Index of the place under the pointer.
    pub fn hovered(&self) -> Option<usize> {
        self.hovered
    }

    /// Selects a place by id, or the overview with `None`. Returns whether it changed.
    pub fn select(&mut self, id: Option<&str>) -> crate::Result<bool> {
        let next = match id {
            None => None,
            Some(id) => {
                let i = self
                    .data
                    .index_of(id)
                    .filter(|&i| self.data.places.get(i).is_some_and(|p| p.kind.selectable()))
                    .ok_or_else(|| crate::Error::UnknownPlace(id.to_string()))?;
                Some(i)
            }
        };
        let changed = next != self.selected;
        self.selected = next;
        Ok(changed)
    }

    /// Records the place under the pointer. Returns whether it changed.
    pub fn hover(&mut self, at: Option<Css>) -> bool {
        let next = at.and_then(|c| self.place_at(c));
        let changed = next != self.hovered;
        self.hovered = next;
        changed
    }

    /// Index of the selectable place at a CSS pixel: on a map of counts, the smallest
    /// circle there (the one drawn on top), else what the map's own hit-testing finds.
    pub fn place_at(&self, at: Css) -> Option<usize> {
        let view = self.view.as_ref()?;
        self.circle_at(view, at)
            .or_else(|| hit::place_at(&self.data, &self.projected, view, at))
    }

    /// The place whose count's circle is the smallest one under `at`.
    fn circle_at(&self, view: &View, at: Css) -> Option<usize> {
        let values = self
            .values()
            .filter(|v| v.options.kind == crate::render::values::ValueKind::Count)?;
        let side = view.width.min(view.height);
        let mut best: Option<(f64, usize)> = None;
        for (i, place) in self.data.places.iter().enumerate() {
            let Some(v) = values.value(i).filter(|v| *v > 0.0) else {
                continue;
            };
            let (Some(anchor), true) = (self.projected.anchor(i), place.kind.selectable()) else {
                continue;
            };
            let c = view.to_css(anchor);
            let r = values.radius(v, side);
            let inside = (at.x - c.x).powi(2) + (at.y - c.y).powi(2) <= r * r;
            if inside && best.map_or(true, |(b, _)| r < b) {
                best = Some((r, i));
            }
        }
        best.map(|(_, i)| i)
    }

    /// Id of the selectable place at a CSS pixel.
    pub fn id_at(&self, at: Css) -> Option<&str> {
        self.id_of(self.place_at(at))
    }

    /// Where a longitude/latitude lands on the canvas, in CSS px.
    pub fn project(&self, ll: LonLat) -> Option<Css> {
        let c = self.view.as_ref()?.to_css(self.projection.forward(ll));
        (c.x.is_finite() && c.y.is_finite()).then_some(c)
    }

    /// The selectable places, in data order.
    pub fn selectable_places(&self) -> Vec<PlaceInfo> {
        self.data
            .places
            .iter()
            .filter(|p| p.kind.selectable())
            .map(|p| PlaceInfo {
                id: p.id.clone(),
                kind: p.kind.as_str().to_string(),
                name_zh: p.name.zh.clone(),
                name_en: p.name.en.clone(),
            })
            .collect()
    }
}
