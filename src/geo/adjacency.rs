//! Which areas share a border, and a tint for each so that no two neighbours of one kind
//! share one: a greedy colouring of the adjacency graph, largest degree first, after the
//! tints the data fixes itself (`tint`). Computed once per dataset, for any region.

use crate::data::model::{Dataset, Shape, TINTS};

/// A position's key: exact after rounding to 1e-7° (about 1 cm).
type Key = (i64, i64);

fn key(ll: &crate::data::model::LonLat) -> Key {
    ((ll.lon * 1e7).round() as i64, (ll.lat * 1e7).round() as i64)
}

/// For each place, the areas it shares at least one border segment with (both its ends).
/// The segments are sorted rather than hashed: the same answer with less code in the
/// download than a hash map brings.
pub fn neighbours(data: &Dataset) -> Vec<Vec<usize>> {
    let mut segments: Vec<((Key, Key), usize)> = Vec::new();
    for (i, place) in data.places.iter().enumerate() {
        let Shape::Area(polygons) = &place.shape else {
            continue;
        };
        for ring in polygons
            .iter()
            .flat_map(|p| std::iter::once(&p.exterior).chain(&p.holes))
        {
            for pair in ring.windows(2) {
                if let [a, b] = pair {
                    let (a, b) = (key(a), key(b));
                    segments.push((if a <= b { (a, b) } else { (b, a) }, i));
                }
            }
        }
    }
    segments.sort_unstable();
    let mut out = vec![Vec::new(); data.places.len()];
    for run in segments.chunk_by(|x, y| x.0 == y.0) {
        for (_, a) in run {
            for (_, b) in run.iter().filter(|(_, b)| b != a) {
                if let Some(n) = out.get_mut(*a) {
                    if !n.contains(b) {
                        n.push(*b);
                    }
                }
            }
        }
    }
    out
}

/// A tint (0 to [`TINTS`] − 1) for each place: its own `tint` if the data gives one, else
/// the first that no neighbour of its kind has taken, the most-bordered places choosing
/// first. With more than four neighbours of one kind around one place (a map the four-colour
/// theorem still allows, which greedy choice can miss), the least used tint among them.
pub fn tints(data: &Dataset) -> Vec<usize> {
    let near = neighbours(data);
    let mut tint: Vec<Option<usize>> = data.places.iter().map(|p| p.tint).collect();
    let degree = |i: usize| near.get(i).map_or(0, Vec::len);
    // Most-bordered first (ties in the file's order), without a sort's code in the download.
    let most = (0..data.places.len()).map(degree).max().unwrap_or(0);
    let order = (0..=most)
        .rev()
        .flat_map(|d| (0..data.places.len()).filter(move |&i| degree(i) == d))
        .filter(|&i| data.places.get(i).is_some_and(|p| p.tint.is_none()));
    for i in order {
        let kind = data.places.get(i).map(|p| p.kind);
        let mut used = [0usize; TINTS];
        for &j in near.get(i).into_iter().flatten() {
            if data.places.get(j).map(|p| p.kind) == kind {
                if let Some(Some(t)) = tint.get(j) {
                    if let Some(u) = used.get_mut(*t) {
                        *u += 1;
                    }
                }
            }
        }
        let free = used.iter().position(|&u| u == 0);
        let least = (0..TINTS)
            .min_by_key(|&t| used.get(t).copied().unwrap_or(0))
            .unwrap_or(0);
        if let Some(slot) = tint.get_mut(i) {
            *slot = Some(free.unwrap_or(least));
        }
    }
    tint.into_iter().map(|t| t.unwrap_or(0)).collect()
}
