//! The pole of inaccessibility: the point inside a polygon farthest from its edges, where an
//! area's name sits when the data gives no label position. A box's centre can fall outside
//! a crescent or an L-shaped area; the pole never does.
//!
//! The search is the one Mapbox's polylabel made known: cover the box with square cells,
//! keep the best centre so far, and split only the cells that could still hold a better
//! point (a cell's centre distance plus its half-diagonal), until none can by more than the
//! precision.

use crate::geo::coords::{segment_distance, Plane};
use crate::geo::shapes::PlanePolygon;

/// A square cell: its centre, half its side, and its centre's signed distance to the edges.
struct Cell {
    at: Plane,
    half: f64,
    distance: f64,
}

impl Cell {
    fn new(poly: &PlanePolygon, at: Plane, half: f64) -> Cell {
        Cell {
            at,
            half,
            distance: edge_distance(poly, at),
        }
    }

    /// The farthest from the edges any point in the cell can be.
    fn potential(&self) -> f64 {
        self.distance + self.half * std::f64::consts::SQRT_2
    }
}

/// The pole of `poly`, to within `precision` (plane units) of the best distance. The work
/// grows with the polygon's size over the precision: the map asks for a fiftieth of the
/// longer side.
pub fn pole(poly: &PlanePolygon, precision: f64) -> Plane {
    let b = poly.bbox;
    // Square cells as wide as the box is narrow, but at most 256 along it: a sliver far
    // longer than wide must not become a million cells.
    let side = b
        .width()
        .min(b.height())
        .max(b.width().max(b.height()) / 256.0);
    let centre = Plane {
        x: (b.min.x + b.max.x) / 2.0,
        y: (b.min.y + b.max.y) / 2.0,
    };
    if side <= 0.0 {
        return centre;
    }
    // The best point so far and its distance from the edges.
    let mut best = (centre, edge_distance(poly, centre));
    let mut open = Vec::new();
    let mut y = b.min.y;
    while y < b.max.y {
        let mut x = b.min.x;
        while x < b.max.x {
            let at = Plane {
                x: x + side / 2.0,
                y: y + side / 2.0,
            };
            open.push(Cell::new(poly, at, side / 2.0));
            x += side;
        }
        y += side;
    }
    // The most promising cell next, found by a scan: the list stays short, and a heap would
    // add its code to the download for no measurable gain.
    while let Some(k) = open
        .iter()
        .enumerate()
        .max_by(|(_, a), (_, b)| a.potential().total_cmp(&b.potential()))
        .map(|(k, _)| k)
    {
        let cell = open.swap_remove(k);
        if cell.distance > best.1 {
            best = (cell.at, cell.distance);
        }
        if cell.potential() - best.1 <= precision {
            // The most promising cell cannot beat the best by more than the precision, so
            // neither can any other.
            break;
        }
        let h = cell.half / 2.0;
        for (dx, dy) in [(-h, -h), (h, -h), (-h, h), (h, h)] {
            let at = Plane {
                x: cell.at.x + dx,
                y: cell.at.y + dy,
            };
            open.push(Cell::new(poly, at, h));
        }
    }
    best.0
}

/// Distance from `p` to the nearest edge of any ring of `poly`: positive inside, negative
/// outside.
pub fn edge_distance(poly: &PlanePolygon, p: Plane) -> f64 {
    let nearest = poly
        .rings
        .iter()
        .flat_map(|ring| ring.windows(2))
        .filter_map(|w| match w {
            [a, b] => Some(segment_distance(p, *a, *b)),
            _ => None,
        })
        .fold(f64::INFINITY, f64::min);
    if poly.contains(p) {
        nearest
    } else {
        -nearest
    }
}
