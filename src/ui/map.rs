//! One map: the dataset, its projection, the current view and the reader's UI state.
//! Input arrives as small messages (resize, pointer at x,y, select id) and changes state here.

use crate::data::model::Dataset;
use crate::geo::coords::{Css, LonLat};
use crate::geo::hit;
use crate::geo::projection::Lambert;
use crate::geo::shapes::{framed_extent, Projected};
use crate::geo::view::View;
use crate::i18n::Lang;
use crate::render::frame::Frame;
use crate::render::style::Style;

/// Padding between the region and the canvas edge, CSS px.
pub const PADDING_PX: f64 = 12.0;

/// A selectable place as listed by the element's `regions()`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
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
    view: Option<View>,
    lang: Lang,
    selected: Option<usize>,
    hovered: Option<usize>,
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
            view: None,
            lang,
            selected: None,
            hovered: None,
        }
    }

    /// Fits the region into a canvas of `width`×`height` CSS px.
    pub fn resize(&mut self, width: f64, height: f64) -> crate::Result<()> {
        let view = self
            .projected
            .framed_bounds(&self.data)
            .and_then(|b| View::fit(b, width, height, PADDING_PX))
            .ok_or(crate::Error::EmptyView { width, height })?;
        self.view = Some(view);
        Ok(())
    }

    /// What to draw now, in `style`; `None` before the map has a size.
    pub fn frame<'a>(&'a self, style: &'a Style) -> Option<Frame<'a>> {
        Some(Frame {
            data: &self.data,
            projected: &self.projected,
            view: self.view?,
            lang: self.lang,
            selected: self.selected,
            hovered: self.hovered,
            // Keyboard focus arrives with keyboard navigation (issue #6); the scene draws it.
            focused: None,
            style,
        })
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
        self.selected
            .and_then(|i| self.data.places.get(i))
            .map(|p| p.id.as_str())
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

    /// Index of the selectable place at a CSS pixel.
    pub fn place_at(&self, at: Css) -> Option<usize> {
        hit::place_at(&self.data, &self.projected, self.view.as_ref()?, at)
    }

    /// Id of the selectable place at a CSS pixel.
    pub fn id_at(&self, at: Css) -> Option<&str> {
        self.place_at(at)
            .and_then(|i| self.data.places.get(i))
            .map(|p| p.id.as_str())
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
