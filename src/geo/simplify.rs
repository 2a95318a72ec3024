//! Rings thinned for drawing at a zoom: a vertex closer than a fraction of a device pixel to
//! the last one kept changes nothing a reader can see, and on big data it is most of the work.

use crate::geo::coords::Plane;

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
/// vertices kept around it (Douglas–Peucker, `geo`'s `Simplify`): far fewer vertices than
/// [`thin_ring`] for the same largest error, at more cost, so it serves pictures written once
/// (`render::svg`) rather than frames. The first and last vertex stay; a ring left with
/// fewer than four comes back empty.
pub fn straighten(ring: &[Plane], tolerance: f64) -> Vec<Plane> {
    use geo::Simplify;
    let line: geo::LineString = ring.iter().map(|p| (p.x, p.y)).collect();
    let kept: Vec<Plane> = line
        .simplify(tolerance)
        .coords()
        .map(|c| Plane { x: c.x, y: c.y })
        .collect();
    if kept.len() < 4 {
        Vec::new()
    } else {
        kept
    }
}
