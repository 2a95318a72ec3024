//! Simplification that keeps shared borders shared. Each ring is cut into arcs at its nodes
//! (where the set of areas its edges border changes), and each arc is simplified on its own
//! with Douglas–Peucker (`geo`'s `Simplify`) in one canonical direction: two neighbours that
//! share a border share the same arc, so they get the very same vertices, with no gap or
//! sliver at any zoom. This is the method of mapshaper and TopoJSON, done here in Rust so
//! that the command needs nothing installed.

use crate::import::source::Polygon;
use geo::Simplify;
use std::collections::HashMap;

/// A position's key: exact after rounding to 1e-7° (about 1 cm), so a border two files give
/// with float noise still counts as shared.
type Key = (i64, i64);

fn key(p: [f64; 2]) -> Key {
    ((p[0] * 1e7).round() as i64, (p[1] * 1e7).round() as i64)
}

/// A ring without its closing position.
fn open(ring: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let mut r = ring.to_vec();
    if r.len() > 1 && r.first().map(|p| key(*p)) == r.last().map(|p| key(*p)) {
        r.pop();
    }
    r
}

fn edge(a: [f64; 2], b: [f64; 2]) -> (Key, Key) {
    let (a, b) = (key(a), key(b));
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// Which rings use each edge, for `areas` (each a list of polygons).
struct Edges {
    users: HashMap<(Key, Key), Vec<usize>>,
    degree: HashMap<Key, usize>,
}

impl Edges {
    fn of(rings: &[Vec<[f64; 2]>]) -> Edges {
        let mut users: HashMap<(Key, Key), Vec<usize>> = HashMap::new();
        let mut degree: HashMap<Key, usize> = HashMap::new();
        for (r, ring) in rings.iter().enumerate() {
            for (i, p) in ring.iter().enumerate() {
                let q = ring.get((i + 1) % ring.len()).copied().unwrap_or(*p);
                let list = users.entry(edge(*p, q)).or_default();
                if !list.contains(&r) {
                    list.push(r);
                }
            }
        }
        for (a, b) in users.keys() {
            *degree.entry(*a).or_default() += 1;
            *degree.entry(*b).or_default() += 1;
        }
        Edges { users, degree }
    }

    fn signature(&self, a: [f64; 2], b: [f64; 2]) -> Option<&Vec<usize>> {
        self.users.get(&edge(a, b))
    }
}

/// Douglas–Peucker on an open line, in a direction both of its users agree on.
fn simplify_arc(arc: &[[f64; 2]], tolerance: f64) -> Vec<[f64; 2]> {
    let (first, last) = match (arc.first(), arc.last()) {
        (Some(f), Some(l)) => (key(*f), key(*l)),
        _ => return arc.to_vec(),
    };
    let reversed = first > last
        || (first == last
            && arc.get(1).map(|p| key(*p)) > arc.iter().rev().nth(1).map(|p| key(*p)));
    let mut line: Vec<[f64; 2]> = arc.to_vec();
    if reversed {
        line.reverse();
    }
    let ls: geo::LineString = line.iter().map(|p| (p[0], p[1])).collect();
    let mut kept: Vec<[f64; 2]> = ls
        .simplify(tolerance)
        .coords()
        .map(|c| [c.x, c.y])
        .collect();
    if reversed {
        kept.reverse();
    }
    kept
}

/// Twice the signed area of an open ring (positive: counter-clockwise).
fn signed_area(ring: &[[f64; 2]]) -> f64 {
    let n = ring.len();
    (0..n)
        .filter_map(|i| Some((ring.get(i)?, ring.get((i + 1) % n)?)))
        .map(|(a, b)| a[0] * b[1] - b[0] * a[1])
        .sum()
}

/// `areas` simplified to `tolerance` degrees, shared borders kept shared; rings come back
/// closed, exteriors counter-clockwise and holes clockwise (RFC 7946). A ring that would
/// collapse keeps its own vertices (it borders nothing it could part from: a shared ring
/// has nodes to hold it), and a hole or island smaller than the tolerance is left out.
pub fn simplify(areas: &[Vec<Polygon>], tolerance: f64) -> Vec<Vec<Polygon>> {
    let rings: Vec<Vec<[f64; 2]>> = areas.iter().flatten().flatten().map(|r| open(r)).collect();
    let edges = Edges::of(&rings);
    let mut next = 0;
    let mut out = Vec::new();
    for area in areas {
        let mut polygons = Vec::new();
        for polygon in area {
            let mut kept_rings = Vec::new();
            for (k, _) in polygon.iter().enumerate() {
                let ring = rings.get(next).cloned().unwrap_or_default();
                next += 1;
                let mut s = simplify_ring(&ring, &edges, tolerance);
                if s.len() < 3 {
                    if k > 0 || !kept_rings.is_empty() || tolerance == 0.0 {
                        continue;
                    }
                    s = ring.clone();
                }
                let ccw = signed_area(&s) > 0.0;
                if ccw != (k == 0) {
                    s.reverse();
                }
                if let Some(first) = s.first().copied() {
                    s.push(first);
                }
                kept_rings.push(s);
            }
            if !kept_rings.is_empty() {
                polygons.push(kept_rings);
            }
        }
        out.push(polygons);
    }
    out
}

/// One open ring simplified arc by arc (open too).
fn simplify_ring(ring: &[[f64; 2]], edges: &Edges, tolerance: f64) -> Vec<[f64; 2]> {
    let n = ring.len();
    if n < 3 || tolerance <= 0.0 {
        return ring.to_vec();
    }
    let at = |i: usize| ring.get(i % n).copied().unwrap_or([0.0, 0.0]);
    let node = |i: usize| {
        let (prev, here, next) = (at(i + n - 1), at(i), at(i + 1));
        edges.signature(prev, here) != edges.signature(here, next)
            || edges.degree.get(&key(here)).copied().unwrap_or(0) > 2
    };
    let nodes: Vec<usize> = (0..n).filter(|&i| node(i)).collect();
    let Some(&start) = nodes.first() else {
        // No node: the whole ring is one arc, from its least position so that a ring two
        // areas share whole (an enclave's outline) is cut the same way in both.
        let least = (0..n).min_by_key(|&i| key(at(i))).unwrap_or(0);
        let mut arc: Vec<[f64; 2]> = (0..=n).map(|i| at(least + i)).collect();
        arc = simplify_arc(&arc, tolerance);
        arc.pop();
        return arc;
    };
    let mut out = Vec::new();
    let mut from = start;
    for &to in nodes.iter().skip(1).chain(std::iter::once(&(start + n))) {
        let arc: Vec<[f64; 2]> = (from..=to).map(at).collect();
        let kept = simplify_arc(&arc, tolerance);
        out.extend(kept.iter().take(kept.len().saturating_sub(1)));
        from = to;
    }
    out
}
