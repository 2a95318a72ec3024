//! Simplification that keeps shared borders shared. Each ring is cut into arcs at its nodes
//! (where the set of areas its edges border changes), and each arc is simplified on its own
//! with Douglas–Peucker (`geo`'s `Simplify`) in one canonical direction: two neighbours that
//! share a border share the same arc, so they get the very same vertices, with no gap or
//! sliver at any zoom. This is the method of mapshaper and TopoJSON, done here in Rust so
//! that the command needs nothing installed.

use crate::data::model::ring_area2;
use crate::geo::coords::{segment_distance, Plane};
use crate::import::source::Polygon;
use geo::Simplify;
use std::collections::HashMap;

/// A position's key (`data::model::position_key`).
type Key = (i64, i64);

fn key(p: [f64; 2]) -> Key {
    crate::data::model::position_key(p[0], p[1])
}

/// Positions per degree of the grid the output is written on (1e-5°, about a metre).
pub const GRID: f64 = 1e5;

/// `polygons` on the output's grid, before any arc is cut: each position rounded to
/// [`GRID`], repeats in a row merged, and a ring left with fewer than three distinct
/// positions (smaller than the grid) left out, or its polygon if it is the exterior. Done
/// first, and to every ring alike, so that a border two areas share is the same on both
/// sides (an enclave and the hole it fills go together), and so that no ring collapses when
/// it is written: rounding after simplifying once turned tiny rings into one position.
pub fn snap(polygons: &[Polygon]) -> Vec<Polygon> {
    let round = |v: f64| (v * GRID).round() / GRID;
    let ring = |r: &Vec<[f64; 2]>| {
        let mut out: Vec<[f64; 2]> = Vec::with_capacity(r.len());
        for p in r {
            let q = [round(p[0]), round(p[1])];
            if out.last() != Some(&q) {
                out.push(q);
            }
        }
        let open = open(&out);
        (open.len() >= 3).then(|| {
            let mut closed = open;
            if let Some(first) = closed.first().copied() {
                closed.push(first);
            }
            closed
        })
    };
    polygons
        .iter()
        .filter_map(|polygon| {
            let mut rings = polygon.iter();
            let exterior = ring(rings.next()?)?;
            Some(
                std::iter::once(exterior)
                    .chain(rings.filter_map(ring))
                    .collect(),
            )
        })
        .collect()
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

/// The rings that use one edge: one, or two where neighbours share it (rings are numbered
/// from 1; 0 is none). Two numbers rather than a list: a whole-country file has millions of
/// edges, and a list each cost it a gigabyte. An edge of more than two rings (overlapping
/// areas, which no valid file has) counts as shared by its first two.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Users([u32; 2]);

impl Users {
    fn add(&mut self, ring: u32) {
        match self.0 {
            [0, _] => self.0[0] = ring,
            [a, 0] if a != ring => self.0[1] = ring,
            _ => {}
        }
    }

    fn shared(self) -> bool {
        self.0[1] != 0
    }
}

/// Which rings use each edge, for `areas` (each a list of polygons).
struct Edges {
    users: HashMap<(Key, Key), Users>,
    degree: HashMap<Key, u32>,
}

impl Edges {
    fn of(rings: &[Vec<[f64; 2]>]) -> Edges {
        let mut users: HashMap<(Key, Key), Users> = HashMap::new();
        let mut degree: HashMap<Key, u32> = HashMap::new();
        for (r, ring) in rings.iter().enumerate() {
            let id = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (i, p) in ring.iter().enumerate() {
                let q = ring.get((i + 1) % ring.len()).copied().unwrap_or(*p);
                users.entry(edge(*p, q)).or_insert(Users([0, 0])).add(id);
            }
        }
        for (a, b) in users.keys() {
            *degree.entry(*a).or_default() += 1;
            *degree.entry(*b).or_default() += 1;
        }
        Edges { users, degree }
    }

    fn signature(&self, a: [f64; 2], b: [f64; 2]) -> Option<Users> {
        self.users.get(&edge(a, b)).copied()
    }
}

/// Douglas–Peucker on `line`, keeping at least its point farthest from the chord when the
/// tolerance would leave only the ends: no arc shrinks to a straight line, so no ring
/// collapses however coarse the tolerance (a ring with two nodes keeps four corners).
fn keep_shape(line: &[[f64; 2]], tolerance: f64) -> Vec<[f64; 2]> {
    let ls: geo::LineString = line.iter().map(|p| (p[0], p[1])).collect();
    let mut kept: Vec<[f64; 2]> = ls
        .simplify(tolerance)
        .coords()
        .map(|c| [c.x, c.y])
        .collect();
    if let ([a, b], true) = (kept.as_slice(), line.len() > 2) {
        let plane = |p: &[f64; 2]| Plane { x: p[0], y: p[1] };
        let (a, b) = (plane(a), plane(b));
        let inner = line.iter().skip(1).take(line.len() - 2);
        let far = inner.max_by(|p, q| {
            segment_distance(plane(p), a, b).total_cmp(&segment_distance(plane(q), a, b))
        });
        if let Some(far) = far {
            kept.insert(1, *far);
        }
    }
    kept
}

/// An arc simplified in a direction both of its users agree on. A closed arc (a ring with no
/// node) is cut at its point farthest from its start, and each half kept to shape.
fn simplify_arc(arc: &[[f64; 2]], tolerance: f64) -> Vec<[f64; 2]> {
    let (first, last) = match (arc.first(), arc.last()) {
        (Some(f), Some(l)) => (key(*f), key(*l)),
        _ => return arc.to_vec(),
    };
    let closed = first == last;
    let reversed = first > last
        || (closed && arc.get(1).map(|p| key(*p)) > arc.iter().rev().nth(1).map(|p| key(*p)));
    let mut line: Vec<[f64; 2]> = arc.to_vec();
    if reversed {
        line.reverse();
    }
    let far = line.first().copied().and_then(|s| {
        let gap = |p: &[f64; 2]| (p[0] - s[0]).powi(2) + (p[1] - s[1]).powi(2);
        (1..line.len()).max_by(|&i, &j| {
            let (p, q) = (line.get(i).map_or(0.0, gap), line.get(j).map_or(0.0, gap));
            p.total_cmp(&q)
        })
    });
    let mut kept = match (closed, far) {
        (true, Some(far)) if line.len() > 3 => {
            let mut out = keep_shape(line.get(..=far).unwrap_or_default(), tolerance);
            out.pop();
            out.extend(keep_shape(line.get(far..).unwrap_or_default(), tolerance));
            out
        }
        _ => keep_shape(&line, tolerance),
    };
    if reversed {
        kept.reverse();
    }
    kept
}

/// A ring cut into arcs at its nodes (each arc ends where the next begins), once for every
/// tolerance tried.
struct Ring {
    /// The ring without its closing position.
    open: Vec<[f64; 2]>,
    /// Its arcs; a ring with no node is one arc, closed.
    arcs: Vec<Vec<[f64; 2]>>,
    /// Whether some edge of it borders another ring: such a ring is never left out.
    shared: bool,
    /// The longer side of its box, degrees.
    extent: f64,
}

impl Ring {
    fn cut(open: Vec<[f64; 2]>, edges: &Edges) -> Ring {
        let n = open.len();
        let (xs, ys) = (open.iter().map(|p| p[0]), open.iter().map(|p| p[1]));
        let span = |v: Vec<f64>| {
            v.iter().copied().fold(f64::NEG_INFINITY, f64::max)
                - v.iter().copied().fold(f64::INFINITY, f64::min)
        };
        let extent = span(xs.collect()).max(span(ys.collect()));
        let shared = (0..n).any(|i| {
            let (a, b) = (open.get(i), open.get((i + 1) % n));
            a.zip(b)
                .and_then(|(a, b)| edges.signature(*a, *b))
                .is_some_and(Users::shared)
        });
        if n < 3 {
            return Ring {
                open,
                arcs: Vec::new(),
                shared,
                extent,
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
        Ring {
            open,
            arcs,
            shared,
            extent,
        }
    }

    /// Whether the ring is left out at `tolerance`: it borders nothing and is smaller.
    fn vanishes(&self, tolerance: f64) -> bool {
        !self.shared && self.extent < tolerance
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
                if k > 0 && ring.vanishes(tolerance) {
                    continue;
                }
                let mut s = ring.simplified(tolerance);
                if s.len() < 3 {
                    if k > 0 || ring.open.len() < 3 {
                        continue;
                    }
                    s = ring.open.clone();
                }
                if (ring_area2(&s, |p| (p[0], p[1])) > 0.0) != (k == 0) {
                    s.reverse();
                }
                if let Some(first) = s.first().copied() {
                    s.push(first);
                }
                kept.push(s);
            }
            kept
        };
        let area = |polygons: &Vec<Vec<Ring>>| {
            // Islands smaller than the tolerance go, but never an area's largest polygon.
            let largest = (0..polygons.len()).max_by(|&i, &j| {
                let extent = |k: usize| {
                    polygons
                        .get(k)
                        .and_then(|p| p.first())
                        .map_or(0.0, |r| r.extent)
                };
                extent(i).total_cmp(&extent(j))
            });
            polygons
                .iter()
                .enumerate()
                .filter(|(i, p)| {
                    Some(*i) == largest || !p.first().is_some_and(|r| r.vanishes(tolerance))
                })
                .map(|(_, p)| polygon(p))
                .filter(|p| !p.is_empty())
                .collect()
        };
        self.areas.iter().map(area).collect()
    }
}

/// `areas` simplified to `tolerance` degrees ([`Topology::simplify`]).
pub fn simplify(areas: &[Vec<Polygon>], tolerance: f64) -> Vec<Vec<Polygon>> {
    Topology::of(areas).simplify(tolerance)
}
