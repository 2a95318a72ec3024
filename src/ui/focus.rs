//! Keyboard focus among the places: the reading order (Home/End, Tab-like stepping) and the
//! nearest place in an arrow's direction, on screen positions.

use crate::geo::coords::Css;

/// An arrow key's direction on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// ↑
    Up,
    /// ↓
    Down,
    /// ←
    Left,
    /// →
    Right,
}

impl Direction {
    /// Parses a `KeyboardEvent.key` (`ArrowUp`, …).
    pub fn from_key(key: &str) -> Option<Direction> {
        Some(match key {
            "ArrowUp" | "Up" => Direction::Up,
            "ArrowDown" | "Down" => Direction::Down,
            "ArrowLeft" | "Left" => Direction::Left,
            "ArrowRight" | "Right" => Direction::Right,
            _ => return None,
        })
    }

    /// The unit vector in CSS pixels (y down).
    fn unit(self) -> (f64, f64) {
        match self {
            Direction::Up => (0.0, -1.0),
            Direction::Down => (0.0, 1.0),
            Direction::Left => (-1.0, 0.0),
            Direction::Right => (1.0, 0.0),
        }
    }
}

/// The candidate nearest to `from` in direction `dir`, from `(index, position)` pairs.
///
/// A candidate counts when it lies ahead (its distance along the arrow is positive); among
/// those, one within 45° of the arrow beats any outside it, and the score (distance along
/// plus twice the distance across) prefers places straight ahead over nearer ones off to the
/// side, as a reader expects when pressing → on a map.
pub fn nearest_in_direction(
    from: Css,
    dir: Direction,
    candidates: impl IntoIterator<Item = (usize, Css)>,
) -> Option<usize> {
    let (ux, uy) = dir.unit();
    candidates
        .into_iter()
        .filter_map(|(i, at)| {
            let (dx, dy) = (at.x - from.x, at.y - from.y);
            let along = dx * ux + dy * uy;
            let across = (dx * uy - dy * ux).abs();
            (along > 0.5 && along.is_finite() && across.is_finite()).then(|| {
                let outside_cone = across > along;
                (i, (outside_cone, along + 2.0 * across))
            })
        })
        .min_by(|a, b| a.1 .0.cmp(&b.1 .0).then_with(|| a.1 .1.total_cmp(&b.1 .1)))
        .map(|(i, _)| i)
}
