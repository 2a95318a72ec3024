//! Pointer and touch gestures as plain state: a drag that pans once it has travelled far
//! enough to be more than a click, and a two-finger pinch that pans and zooms together.

use crate::geo::coords::Css;

/// How far (CSS px) a pointer must travel before a press is a drag rather than a click.
pub const DRAG_THRESHOLD_PX: f64 = 4.0;

/// One pointer held down on the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drag {
    last: Css,
    travelled: f64,
}

impl Drag {
    /// A press at `at`.
    pub fn start(at: Css) -> Drag {
        Drag {
            last: at,
            travelled: 0.0,
        }
    }

    /// The pointer moved to `at`: how far to pan (dx, dy), zero until it is a drag.
    pub fn move_to(&mut self, at: Css) -> (f64, f64) {
        let (dx, dy) = (at.x - self.last.x, at.y - self.last.y);
        if !(dx.is_finite() && dy.is_finite()) {
            return (0.0, 0.0);
        }
        self.travelled += crate::geo::coords::length(dx, dy);
        if !self.is_drag() {
            // A wobbly click: the map stays put until the press moves on; then it catches up
            // with the whole way from the press, so the map stays under the pointer.
            return (0.0, 0.0);
        }
        self.last = at;
        (dx, dy)
    }

    /// Whether the press has moved far enough to be a drag (and so is not a click).
    pub fn is_drag(&self) -> bool {
        self.travelled > DRAG_THRESHOLD_PX
    }
}

/// Two fingers on the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pinch {
    mid: Css,
    spread: f64,
}

/// What one move of two fingers does to the view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PinchStep {
    /// Pan, CSS px.
    pub dx: f64,
    /// Pan, CSS px.
    pub dy: f64,
    /// Zoom factor, about `about`.
    pub zoom: f64,
    /// The fingers' midpoint after the move.
    pub about: Css,
}

fn midpoint(a: Css, b: Css) -> Css {
    Css {
        x: (a.x + b.x) / 2.0,
        y: (a.y + b.y) / 2.0,
    }
}

impl Pinch {
    /// Two fingers down at `a` and `b`; `None` if they are on the same spot.
    pub fn start(a: Css, b: Css) -> Option<Pinch> {
        let spread = crate::geo::coords::length(a.x - b.x, a.y - b.y);
        (spread.is_finite() && spread > 1.0).then(|| Pinch {
            mid: midpoint(a, b),
            spread,
        })
    }

    /// The fingers moved to `a` and `b`: the midpoint's travel pans, the change in spread
    /// zooms about the new midpoint.
    pub fn move_to(&mut self, a: Css, b: Css) -> Option<PinchStep> {
        let next = Pinch::start(a, b)?;
        let step = PinchStep {
            dx: next.mid.x - self.mid.x,
            dy: next.mid.y - self.mid.y,
            zoom: next.spread / self.spread,
            about: next.mid,
        };
        *self = next;
        Some(step)
    }
}
