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

/// A ring cut into arcs at its nodes (each arc ends where the next begins), once for every
/// tolerance tried.
struct Ring {
    /// The ring without its closing position.
    open: Vec<[f64; 2]>,
    /// Its arcs; a ring with no node is one arc, closed.
    arcs: Vec<Vec<[f64; 2]>>,
}

impl Ring {
    fn cut(open: Vec<[f64; 2]>, edges: &Edges) -> Ring {
        let n = open.len();
        if n < 3 {
            return Ring {
                open,
                arcs: Vec::new(),
            };
        }
        let at = |i: usize| open.get(i % n).copied().unwrap_or([0.0, 0.0]);
        let node = |i: usize| {
            let (prev, here, next) = (at(i + n - 1), at(i), at(i + 1));
            edges.signature(prev, here) != edges.signature(here, next)
                || edges.degree.get(&key(here)).copied().unwrap_or(0) > 2
        };
        let nodes: Vec<usize> = (0..n).filter(|&i| node(i)).collect();
        let arcs = match nodes.first() {
            // No node: the whole ring is one arc, from its least position so that a ring two
            // areas share whole (an enclave's outline) is cut the same way in both.
            None => {
                let least = (0..n).min_by_key(|&i| key(at(i))).unwrap_or(0);
                vec![(0..=n).map(|i| at(least + i)).collect()]
            }
            Some(&start) => {
                let ends = nodes
                    .iter()
                    .skip(1)
                    .copied()
                    .chain(std::iter::once(start + n));
                let starts = nodes.iter().copied();
                starts
                    .zip(ends)
                    .map(|(from, to)| (from..=to).map(at).collect())
                    .collect()
            }
        };
        Ring { open, arcs }
    }

    /// The ring simplified arc by arc (open).
    fn simplified(&self, tolerance: f64) -> Vec<[f64; 2]> {
        if tolerance <= 0.0 || self.arcs.is_empty() {
            return self.open.clone();
        }
        let mut out = Vec::new();
        for arc in &self.arcs {
            let kept = simplify_arc(arc, tolerance);
            out.extend(kept.iter().take(kept.len().saturating_sub(1)));
        }
        out
    }
}

/// Areas' rings cut into arcs where the set of areas their edges border changes: what
/// [`Topology::simplify`] simplifies, at any tolerance, without cutting again.
pub struct Topology {
    areas: Vec<Vec<Vec<Ring>>>,
}

impl Topology {
    /// The topology of `areas` (each a list of polygons).
    pub fn of(areas: &[Vec<Polygon>]) -> Topology {
        let rings: Vec<Vec<[f64; 2]>> = areas.iter().flatten().flatten().map(|r| open(r)).collect();
        let edges = Edges::of(&rings);
        let mut rings = rings.into_iter();
        let areas = areas
            .iter()
            .map(|area| {
                area.iter()
                    .map(|polygon| {
                        polygon
                            .iter()
                            .filter_map(|_| rings.next())
                            .map(|r| Ring::cut(r, &edges))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        Topology { areas }
    }

    /// The areas simplified to `tolerance` degrees, shared borders kept shared; rings come
    /// back closed, exteriors counter-clockwise and holes clockwise (RFC 7946). A ring that
    /// would collapse keeps its own vertices (it borders nothing it could part from: a shared
    /// ring has nodes to hold it), and a hole or island smaller than the tolerance is left out.
    pub fn simplify(&self, tolerance: f64) -> Vec<Vec<Polygon>> {
        let polygon = |rings: &Vec<Ring>| {
            let mut kept: Vec<Vec<[f64; 2]>> = Vec::new();
            for (k, ring) in rings.iter().enumerate() {
                let mut s = ring.simplified(tolerance);
                if s.len() < 3 {
                    if k > 0 || !kept.is_empty() || ring.open.len() < 3 {
                        continue;
                    }
                    s = ring.open.clone();
                }
                if (signed_area(&s) > 0.0) != (k == 0) {
                    s.reverse();
                }
                if let Some(first) = s.first().copied() {
                    s.push(first);
                }
                kept.push(s);
            }
            kept
        };
        self.areas
            .iter()
            .map(|area| area.iter().map(polygon).filter(|p| !p.is_empty()).collect())
            .collect()
    }
}

/// `areas` simplified to `tolerance` degrees ([`Topology::simplify`]).
pub fn simplify(areas: &[Vec<Polygon>], tolerance: f64) -> Vec<Vec<Polygon>> {
    Topology::of(areas).simplify(tolerance)
}
