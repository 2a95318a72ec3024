//! Shapes projected onto the plane once per dataset, with bounding boxes, and the
//! exact point-in-polygon test used for hit-testing.

use crate::data::model::{Dataset, Shape};
use crate::geo::coords::{Plane, PlaneBox};
use crate::geo::projection::Lambert;

/// One projected polygon: outer ring first, then holes.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanePolygon {
    /// Rings; the first is the outer boundary.
    pub rings: Vec<Vec<Plane>>,
    /// The outer ring's bounding box, for a cheap prefilter.
    pub bbox: PlaneBox,
}

impl PlanePolygon {
    /// Whether `p` is inside (even-odd over all rings, so holes are excluded).
    pub fn contains(&self, p: Plane) -> bool {
        self.bbox.contains(p) && self.rings.iter().filter(|r| ring_crosses(r, p)).count() % 2 == 1
    }
}

/// Ray casting to +x: true when a horizontal ray from `p` crosses the ring an odd number of times.
fn ring_crosses(ring: &[Plane], p: Plane) -> bool {
    let mut inside = false;
    for w in ring.windows(2) {
        if let [a, b] = w {
            if (a.y > p.y) != (b.y > p.y) {
                let x = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x);
                if p.x < x {
                    inside = !inside;
                }
            }
        }
    }
    inside
}

/// A place's shape on the plane.
#[derive(Debug, Clone, PartialEq)]
pub enum PlaneShape {
    /// Polygons.
    Area(Vec<PlanePolygon>),
    /// A point.
    Point(Plane),
}

/// Every place projected, in dataset order.
#[derive(Debug, Clone, PartialEq)]
pub struct Projected {
    /// One entry per place, same index as `Dataset::places`.
    pub shapes: Vec<PlaneShape>,
}

impl Projected {
    /// Projects every place of `data`.
    pub fn new(data: &Dataset, proj: &Lambert) -> Projected {
        let shapes = data
            .places
            .iter()
            .map(|place| match &place.shape {
                Shape::Point(ll) => PlaneShape::Point(proj.forward(*ll)),
                Shape::Area(polys) => PlaneShape::Area(
                    polys
                        .iter()
                        .filter_map(|poly| {
                            let rings: Vec<Vec<Plane>> = std::iter::once(&poly.exterior)
                                .chain(&poly.holes)
                                .map(|r| r.iter().map(|ll| proj.forward(*ll)).collect())
                                .collect();
                            let bbox = PlaneBox::around(rings.first()?.iter().copied())?;
                            Some(PlanePolygon { rings, bbox })
                        })
                        .collect(),
                ),
            })
            .collect();
        Projected { shapes }
    }

    /// The box around the places the map frames (see [`Dataset::focus`]).
    pub fn focus_bounds(&self, data: &Dataset) -> Option<PlaneBox> {
        data.focus()
            .filter_map(|i| self.shapes.get(i))
            .filter_map(|shape| match shape {
                PlaneShape::Point(p) => PlaneBox::around([*p]),
                PlaneShape::Area(polys) => polys.iter().map(|p| p.bbox).reduce(PlaneBox::union),
            })
            .reduce(PlaneBox::union)
    }
}
