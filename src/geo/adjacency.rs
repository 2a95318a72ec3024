//! Which areas share a border, and a tint for each so that no two neighbours of one kind
//! share one: a greedy colouring of the adjacency graph, largest degree first, after the
//! tints the data fixes itself (`tint`). Computed once per dataset, for any region.

use crate::data::model::{Dataset, LonLat, Polygon, Shape, TINTS};

/// Every position of a polygon, its holes' too.
fn positions(p: &Polygon) -> impl Iterator<Item = &LonLat> {
    p.exterior.iter().chain(p.holes.iter().flatten())
}

/// Bits of a mark that hold the place's index.
const PLACE_BITS: u32 = 16;
// The features file has at most this many places, which the bits must index.
const _: () = assert!(crate::data::load::MAX_FEATURES < 1 << PLACE_BITS);

/// A position as a 48-bit hash of it rounded to 1e-7° (about 1 cm), shifted past the place
/// bits. Two positions that hash alike by chance (about one pair in 10¹⁴) cost nothing worse
/// than one more constraint on the colours.
fn mark(ll: &LonLat) -> u64 {
    let (x, y) = crate::data::model::position_key(ll.lon, ll.lat);
    let (x, y) = (x as u64, y as u64);
    let h = x.wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ y.wrapping_mul(0xC2B2_AE3D_27D4_EB4F).rotate_left(29);
    h << PLACE_BITS
}

/// At most this many positions are marked: beyond it, a sample of them, the same in every
/// area (see [`neighbours`]).
const MARKS: usize = 1 << 17;

/// For each place, the areas it shares a border position with. Each position of an area that
/// takes tints becomes an 8-byte mark, sorted (rather than hashed: the same answer with less
/// code in the download than a hash map brings), so that equal positions of different areas
/// fall side by side, and each mark is linked to the next (where three areas meet, each pair
/// of them also shares the rest of its border). Past [`MARKS`] marks only a sample is kept, chosen by the position's
/// hash, so a shared position is kept in both areas or in neither: a shared border of some
/// dozens of positions is still found, and a file of a million positions costs 1 MB here,
/// not 8.
pub fn neighbours(data: &Dataset) -> Vec<Vec<usize>> {
    let mut marks: Vec<u64> = Vec::new();
    // Marks kept have this many low hash bits zero.
    let mut sample = 0;
    for (i, place) in data.places.iter().enumerate() {
        let Shape::Area(polygons) = &place.shape else {
            continue;
        };
        // Only areas that take tints need neighbours (context is one grey).
        if !place.kind.is_tinted() {
            continue;
        }
        for ll in polygons.iter().flat_map(positions) {
            let m = mark(ll);
            if (m >> PLACE_BITS).trailing_zeros() >= sample {
                marks.push(m | i as u64);
            }
            if marks.len() > MARKS {
                sample += 1;
                marks.retain(|m| (m >> PLACE_BITS).trailing_zeros() >= sample);
            }
        }
    }
    marks.sort_unstable();
    let mut out = vec![Vec::new(); data.places.len()];
    let place = |m: u64| (m & ((1 << PLACE_BITS) - 1)) as usize;
    for pair in marks.windows(2) {
        if let [a, b] = pair {
            let (a, b) = (*a, *b);
            if a >> PLACE_BITS == b >> PLACE_BITS && place(a) != place(b) {
                for (from, to) in [(a, b), (b, a)] {
                    if let Some(n) = out.get_mut(place(from)) {
                        if !n.contains(&place(to)) {
                            n.push(place(to));
                        }
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
        // The first tint no neighbour has; failing that, the least used.
        let least = (0..TINTS)
            .min_by_key(|&t| used.get(t).copied().unwrap_or(0))
            .unwrap_or(0);
        if let Some(slot) = tint.get_mut(i) {
            *slot = Some(least);
        }
    }
    tint.into_iter().map(|t| t.unwrap_or(0)).collect()
}
