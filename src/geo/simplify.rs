//! Rings thinned for drawing at a zoom: a vertex closer than a fraction of a device pixel to
//! the last one kept changes nothing a reader can see, and on big data it is most of the work.

use crate::geo::coords::{within, Plane};

/// The detail level for a zoom given in device pixels per plane metre. Level `L` keeps
/// vertices `2^-L` metres apart, which at this zoom is from ⅛ to under ¼ of a device pixel:
/// close enough that thinning never shows, coarse enough to drop most of a dense outline.
/// Zooms within a factor of two share a level, so zooming reuses what was built.
pub fn detail_level(device_px_per_metre: f64) -> i32 {
    if device_px_per_metre.is_finite() && device_px_per_metre > 0.0 {
        device_px_per_metre.log2().floor() as i32 + 3
    } else {
        0
    }
}

/// The distance, in plane metres, below which a level drops vertices.
pub fn tolerance(level: i32) -> f64 {
    2f64.powi(-level)
}

/// `ring` without the vertices that lie within `tolerance` of the vertex kept before them
/// (the first and last are always kept, so a closed ring stays closed). Every dropped vertex
/// is within `tolerance` of the drawn outline. A ring that thins to fewer than four vertices
/// is smaller than about two tolerances across, invisible at this level: it comes back empty.
pub fn thin_ring(ring: &[Plane], tolerance: f64) -> Vec<Plane> {
    let (Some(&first), Some(&last), Some(middle)) = (
        ring.first(),
        ring.last(),
        ring.get(1..ring.len().saturating_sub(1)),
    ) else {
        return Vec::new();
    };
    let limit = tolerance * tolerance;
    let mut kept = vec![first];
    let mut previous = first;
    for &p in middle {
        let (dx, dy) = (p.x - previous.x, p.y - previous.y);
        if dx * dx + dy * dy >= limit {
            kept.push(p);
            previous = p;
        }
    }
    kept.push(last);
    if kept.len() < 4 {
        kept.clear();
    }
    kept
}

/// `ring` with every vertex dropped that lies within `tolerance` of the line between the
/// vertices kept around it (Douglas–Peucker): far fewer vertices than [`thin_ring`] for the
/// same largest error, at more cost, so it serves pictures written once (`render::svg`)
/// rather than frames. The first and last vertex stay; a ring left with fewer than four
/// comes back empty.
pub fn straighten(ring: &[Plane], tolerance: f64) -> Vec<Plane> {
    let n = ring.len();
    if n < 4 {
        return Vec::new();
    }
    // The ends are kept: every span below lies between two kept vertices.
    let mut keep: Vec<bool> = (0..n).map(|k| k == 0 || k == n - 1).collect();
    // Spans still to check, as (first, last) indices; a stack rather than recursion, so a
    // long ring cannot overflow the call stack.
    let mut spans = vec![(0, n - 1)];
    while let Some((a, b)) = spans.pop() {
        let (Some(&pa), Some(&pb)) = (ring.get(a), ring.get(b)) else {
            continue;
        };
        let mut farthest = (0.0, a);
        for (k, &p) in ring.iter().enumerate().take(b).skip(a + 1) {
            let d = distance_to_segment(p, pa, pb);
            if d > farthest.0 {
                farthest = (d, k);
            }
        }
        if farthest.0 > tolerance {
            if let Some(flag) = keep.get_mut(farthest.1) {
                *flag = true;
            }
            spans.push((a, farthest.1));
            spans.push((farthest.1, b));
        }
    }
    let kept: Vec<Plane> = ring
        .iter()
        .zip(&keep)
        .filter(|(_, &k)| k)
        .map(|(&p, _)| p)
        .collect();
    if kept.len() < 4 {
        Vec::new()
    } else {
        kept
    }
}

/// Distance from `p` to the segment `a`–`b`.
fn distance_to_segment(p: Plane, a: Plane, b: Plane) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length2 = dx * dx + dy * dy;
    let t = if length2 > 0.0 {
        within(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0.0, 1.0)
    } else {
        0.0
    };
    crate::geo::coords::length(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
}
