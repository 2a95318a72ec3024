//! The one input of the render layer: what to draw this frame, as plain borrowed data, so the
//! scene never reaches into the map's state machine.

use crate::data::model::{Dataset, Place};
use crate::geo::projection::Lambert;
use crate::geo::shapes::{PlaneShape, Projected};
use crate::geo::view::View;
use crate::i18n::Lang;
use crate::render::style::Style;
use crate::render::values::ValueLayer;

/// Everything one frame depends on.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    /// The places and their words.
    pub data: &'a Dataset,
    /// The places on the plane, projected once per dataset.
    pub projected: &'a Projected,
    /// The projection, for distances on the ground (the scale bar).
    pub projection: &'a Lambert,
    /// Plane ↔ CSS pixels, and the canvas size.
    pub view: View,
    /// Language of labels and legend.
    pub lang: Lang,
    /// Labels show both names, Chinese above English (the page's `lang="zh-en"`).
    pub bilingual: bool,
    /// The selected place.
    pub selected: Option<usize>,
    /// The place under the pointer.
    pub hovered: Option<usize>,
    /// The place with keyboard focus.
    pub focused: Option<usize>,
    /// Colours and sizes.
    pub style: &'a Style,
    /// A newsroom's figures on the map, if it gave some: read them through
    /// [`Frame::values`].
    pub values: Option<&'a ValueLayer>,
    /// The class the reader points at or focuses in the key: its places stand out, the
    /// rest are dimmed.
    pub highlight: Option<usize>,
}

impl<'a> Frame<'a> {
    /// The figures to draw, if any (never in a build without the value layer).
    pub fn values(&self) -> Option<&'a ValueLayer> {
        self.values.filter(|_| crate::render::values::BUILT)
    }

    /// Whether place `i` is hovered or selected: drawn emphasised and always labelled.
    pub fn active(&self, i: usize) -> bool {
        self.selected == Some(i) || self.hovered == Some(i)
    }

    /// Place `i`'s tint (see `geo::adjacency::tints`).
    pub fn tint(&self, i: usize) -> usize {
        self.projected.tints.get(i).copied().unwrap_or(0)
    }

    /// Place `i` with its projected shape.
    pub fn place(&self, i: usize) -> Option<(&'a Place, &'a PlaneShape)> {
        Some((self.data.places.get(i)?, self.projected.shapes.get(i)?))
    }

    /// Every place with its projected shape and index.
    pub fn places(&self) -> impl Iterator<Item = (usize, &'a Place, &'a PlaneShape)> + 'a {
        self.data
            .places
            .iter()
            .zip(&self.projected.shapes)
            .enumerate()
            .map(|(i, (place, shape))| (i, place, shape))
    }
}
