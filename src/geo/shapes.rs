//! Shapes projected onto the plane once per dataset, with bounding boxes, and the
//! exact point-in-polygon test used for hit-testing.

use crate::data::model::{Dataset, Shape};
use crate::geo::adjacency;
use crate::geo::coords::{LonLat, Plane, PlaneBox};
use crate::geo::pole::pole;
use crate::geo::projection::Lambert;
use std::cell::OnceCell;

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

impl PlaneShape {
    /// The box around the shape; `None` for an area with no polygons.
    pub fn bbox(&self) -> Option<PlaneBox> {
        match self {
            PlaneShape::Point(p) => PlaneBox::around([*p]),
            PlaneShape::Area(polys) => polys.iter().map(|p| p.bbox).reduce(PlaneBox::union),
        }
    }

    /// Where a label goes when the data gives none: the point itself, or the pole of
    /// inaccessibility of the largest polygon by box (so an exclave does not pull a
    /// province's name away), found to a fiftieth of that box's larger side.
    fn default_anchor(&self) -> Option<Plane> {
        match self {
            PlaneShape::Point(p) => Some(*p),
            PlaneShape::Area(polys) => {
                let largest = polys.iter().max_by(|a, b| {
                    let size = |p: &PlanePolygon| p.bbox.width() * p.bbox.height();
                    size(a).total_cmp(&size(b))
                })?;
                let side = largest.bbox.width().max(largest.bbox.height());
                Some(pole(largest, side / 50.0))
            }
        }
    }
}

/// Every place projected once per dataset, in dataset order.
#[derive(Debug, Clone)]
pub struct Projected {
    /// One entry per place, same index as `Dataset::places`.
    pub shapes: Vec<PlaneShape>,
    /// Each place's tint, so that neighbours of one kind differ ([`adjacency::tints`]).
    pub tints: Vec<usize>,
    /// Each place's label anchor, once known: its `label` position if the data gives one,
    /// else worked out the first time it is asked for (see [`Projected::anchor`]).
    anchors: Vec<OnceCell<Option<Plane>>>,
}

/// The longitude/latitude box around the places the map frames (see [`Dataset::framed`]).
pub fn framed_extent(data: &Dataset) -> Option<(LonLat, LonLat)> {
    data.framed()
        .filter_map(|i| data.places.get(i))
        .flat_map(|p| match &p.shape {
            Shape::Point(ll) => vec![*ll],
            Shape::Area(polys) => polys.iter().flat_map(|p| p.exterior.clone()).collect(),
        })
        .fold(None, |acc: Option<(LonLat, LonLat)>, ll| {
            let (mut lo, mut hi) = acc.unwrap_or((ll, ll));
            lo.lon = lo.lon.min(ll.lon);
            lo.lat = lo.lat.min(ll.lat);
            hi.lon = hi.lon.max(ll.lon);
            hi.lat = hi.lat.max(ll.lat);
            Some((lo, hi))
        })
}

impl Projected {
    /// Projects every place of `data`.
    pub fn new(data: &Dataset, proj: &Lambert) -> Projected {
        let shapes: Vec<PlaneShape> = data
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
        let anchors = data
            .places
            .iter()
            .map(|place| match place.label {
                Some(ll) => OnceCell::from(Some(proj.forward(ll))),
                None => OnceCell::new(),
            })
            .collect();
        Projected {
            shapes,
            tints: adjacency::tints(data),
            anchors,
        }
    }

    /// Where place `i` is named and centred on: the data's `label` position, else the point
    /// or the area's pole of inaccessibility. A pole is found when first asked for, not for
    /// every place up front: most areas of a big dataset are never named, and a million
    /// vertices would cost a noticeable wait at load.
    pub fn anchor(&self, i: usize) -> Option<Plane> {
        *self
            .anchors
            .get(i)?
            .get_or_init(|| self.shapes.get(i).and_then(PlaneShape::default_anchor))
    }

    /// The box around the places the map frames (see [`Dataset::framed`]).
    pub fn framed_bounds(&self, data: &Dataset) -> Option<PlaneBox> {
        data.framed()
            .filter_map(|i| self.shapes.get(i))
            .filter_map(PlaneShape::bbox)
            .reduce(PlaneBox::union)
    }
}
