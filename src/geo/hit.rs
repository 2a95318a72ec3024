//! Hit-testing: which selectable place is under a CSS pixel. Point symbols win within a
//! finger-sized radius (they sit on top of areas); otherwise the topmost area containing it.

use crate::data::model::Dataset;
use crate::geo::coords::Css;
use crate::geo::shapes::{PlaneShape, Projected};
use crate::geo::view::View;

/// How far from a point symbol (CSS px) a tap still picks it: about half a fingertip.
pub const POINT_RADIUS_PX: f64 = 16.0;

/// The index of the place under `at`, if any.
pub fn place_at(data: &Dataset, projected: &Projected, view: &View, at: Css) -> Option<usize> {
    let plane = view.to_plane(at)?;
    let selectable = |i: &usize| data.places.get(*i).is_some_and(|p| p.kind.selectable());
    let nearest_point = projected
        .shapes
        .iter()
        .enumerate()
        .filter(|(i, _)| selectable(i))
        .filter_map(|(i, shape)| match shape {
            PlaneShape::Point(p) => {
                let c = view.to_css(*p);
                let d = crate::geo::coords::length(c.x - at.x, c.y - at.y);
                (d <= POINT_RADIUS_PX).then_some((i, d))
            }
            PlaneShape::Area(_) => None,
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i);
    nearest_point.or_else(|| {
        // Later places are drawn on top, so search from the end.
        projected
            .shapes
            .iter()
            .enumerate()
            .rev()
            .filter(|(i, _)| selectable(i))
            .find(|(_, shape)| match shape {
                PlaneShape::Area(polys) => polys.iter().any(|p| p.contains(plane)),
                PlaneShape::Point(_) => false,
            })
            .map(|(i, _)| i)
    })
}
