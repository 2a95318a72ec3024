//! The named coordinate spaces. Conversions between them live in `projection` and `view`.

/// Longitude/latitude: the data's own coordinates, defined with the data (see
/// [`crate::data::model`]) and named here with the other spaces.
pub use crate::data::model::LonLat;

/// A point on the projected plane, in metres, x east and y north.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plane {
    /// Metres east of the central meridian.
    pub x: f64,
    /// Metres north of the origin latitude.
    pub y: f64,
}

/// CSS pixels relative to the canvas's top-left corner, y down.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Css {
    /// Pixels from the left edge.
    pub x: f64,
    /// Pixels from the top edge.
    pub y: f64,
}

/// An axis-aligned box on the plane.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlaneBox {
    /// South-west corner.
    pub min: Plane,
    /// North-east corner.
    pub max: Plane,
}

impl PlaneBox {
    /// The box around the given points, or `None` for no points.
    pub fn around(points: impl IntoIterator<Item = Plane>) -> Option<Self> {
        let mut it = points.into_iter();
        let first = it.next()?;
        let mut b = PlaneBox {
            min: first,
            max: first,
        };
        for p in it {
            b.include(p);
        }
        Some(b)
    }

    /// Grows the box to include `p`.
    pub fn include(&mut self, p: Plane) {
        self.min.x = self.min.x.min(p.x);
        self.min.y = self.min.y.min(p.y);
        self.max.x = self.max.x.max(p.x);
        self.max.y = self.max.y.max(p.y);
    }

    /// The smallest box holding both.
    pub fn union(self, other: PlaneBox) -> PlaneBox {
        let mut b = self;
        b.include(other.min);
        b.include(other.max);
        b
    }

    /// Whether the two boxes share any point (edges included).
    pub fn intersects(&self, other: &PlaneBox) -> bool {
        self.min.x <= other.max.x
            && other.min.x <= self.max.x
            && self.min.y <= other.max.y
            && other.min.y <= self.max.y
    }

    /// Whether `p` lies inside or on the edge.
    pub fn contains(&self, p: Plane) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }

    /// Width in metres.
    pub fn width(&self) -> f64 {
        self.max.x - self.min.x
    }

    /// Height in metres.
    pub fn height(&self) -> f64 {
        self.max.y - self.min.y
    }
}

/// `v` limited to `lo..=hi` (`lo` wins if they cross). Not `f64::clamp`: that one panics on
/// crossed limits, and its panic message alone brings ~8 KB of float formatting into the wasm.
pub fn within(v: f64, lo: f64, hi: f64) -> f64 {
    v.min(hi).max(lo)
}

/// The length of the vector (`dx`, `dy`): the one distance formula of the map, in plane
/// metres or pixels. `f64::hypot` guards against overflow past 10¹⁵⁴, which no map
/// distance comes near, and adds its own 1.4 KB of libm to the wasm; `sqrt` is one wasm
/// instruction.
pub fn length(dx: f64, dy: f64) -> f64 {
    (dx * dx + dy * dy).sqrt()
}

/// The distance from `p` to the segment `a`–`b`: the one such formula of the map (the pole's
/// search and a neighbour's room for its name both measure with it).
pub fn segment_distance(p: Plane, a: Plane, b: Plane) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length2 = dx * dx + dy * dy;
    let t = if length2 > 0.0 {
        within(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0.0, 1.0)
    } else {
        0.0
    };
    length(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
}
