//! Area names without a given position sit at the pole of inaccessibility: inside the area,
//! as far from its edges as a search of the whole area finds, holes and crescents included.

mod common;

use common::map;
use jingjinji_map::geo::coords::{Plane, PlaneBox};
use jingjinji_map::geo::pole::pole;
use jingjinji_map::geo::shapes::{PlanePolygon, PlaneShape};
use jingjinji_map::i18n::Lang;

fn polygon(rings: Vec<Vec<(f64, f64)>>) -> PlanePolygon {
    let rings: Vec<Vec<Plane>> = rings
        .into_iter()
        .map(|r| r.into_iter().map(|(x, y)| Plane { x, y }).collect())
        .collect();
    let bbox = PlaneBox::around(rings[0].iter().copied()).unwrap();
    PlanePolygon { rings, bbox }
}

/// The polygon as the field's crate has it: the oracle for inside and for the pole.
fn oracle(poly: &PlanePolygon) -> geo::Polygon {
    let ring = |r: &Vec<Plane>| r.iter().map(|q| (q.x, q.y)).collect::<geo::LineString>();
    geo::Polygon::new(
        ring(&poly.rings[0]),
        poly.rings[1..].iter().map(ring).collect(),
    )
}

/// Distance from `p` to the nearest edge, 0 outside (inside as `geo` decides it).
fn room(poly: &PlanePolygon, p: Plane) -> f64 {
    use geo::Contains;
    if !oracle(poly).contains(&geo::Point::new(p.x, p.y)) {
        return 0.0;
    }
    poly.rings
        .iter()
        .flat_map(|r| r.windows(2))
        .map(|w| common::segment_distance((p.x, p.y), (w[0].x, w[0].y), (w[1].x, w[1].y)))
        .fold(f64::INFINITY, f64::min)
}

/// The most room any point of a `n`×`n` grid over the box has: the brute-force answer.
fn best_on_grid(poly: &PlanePolygon, n: usize) -> f64 {
    let b = poly.bbox;
    (0..n * n)
        .map(|k| Plane {
            x: b.min.x + b.width() * ((k % n) as f64 + 0.5) / n as f64,
            y: b.min.y + b.height() * ((k / n) as f64 + 0.5) / n as f64,
        })
        .map(|p| room(poly, p))
        .fold(0.0, f64::max)
}

fn assert_near_best(name: &str, poly: &PlanePolygon, precision: f64) {
    let at = pole(poly, precision);
    let got = room(poly, at);
    let best = best_on_grid(poly, 200);
    assert!(
        got >= best - precision,
        "{name}: the pole {at:?} has {got:.3} of room; a grid search found {best:.3}"
    );
    // And as much room as the `polylabel` crate finds, to the same precision.
    let theirs = polylabel::polylabel(&oracle(poly), &precision).expect("polylabel");
    let theirs = room(
        poly,
        Plane {
            x: theirs.x(),
            y: theirs.y(),
        },
    );
    assert!(
        got >= theirs - precision,
        "{name}: the pole has {got:.3} of room; polylabel's has {theirs:.3}"
    );
}

#[test]
fn a_u_shapes_name_goes_in_an_arm_not_in_the_gap() {
    // The box's centre is in the gap between the arms: outside the shape.
    let u = polygon(vec![vec![
        (0.0, 0.0),
        (10.0, 0.0),
        (10.0, 10.0),
        (7.0, 10.0),
        (7.0, 2.0),
        (3.0, 2.0),
        (3.0, 10.0),
        (0.0, 10.0),
        (0.0, 0.0),
    ]]);
    assert!(!u.contains(Plane { x: 5.0, y: 5.0 }));
    let at = pole(&u, 0.01);
    assert!(u.contains(at), "{at:?}");
    assert_near_best("U", &u, 0.01);
}

#[test]
fn a_name_keeps_out_of_a_hole() {
    // A square with a square hole off-centre: the centre is in the hole.
    let ring =
        |x0: f64, y0: f64, x1: f64, y1: f64| vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)];
    let holed = polygon(vec![ring(0.0, 0.0, 12.0, 12.0), ring(3.0, 3.0, 9.0, 8.0)]);
    let at = pole(&holed, 0.01);
    assert!(holed.contains(at), "{at:?} is in the hole");
    assert_near_best("holed square", &holed, 0.01);
}

#[test]
fn a_thin_sliver_and_a_point_like_polygon_give_a_point_inside_or_on_them() {
    let sliver = polygon(vec![vec![
        (0.0, 0.0),
        (100.0, 0.0),
        (100.0, 0.5),
        (0.0, 0.0),
    ]]);
    assert_near_best("sliver", &sliver, 0.001);
    // A million to one, at the precision the map asks for (a fiftieth of the longer side):
    // found at once, inside.
    let needle = polygon(vec![vec![
        (0.0, 0.0),
        (1e6, 0.0),
        (1e6, 1.0),
        (0.0, 1.0),
        (0.0, 0.0),
    ]]);
    let at = pole(&needle, 1e6 / 50.0);
    assert!(needle.contains(at), "{at:?}");
    let flat = polygon(vec![vec![(1.0, 1.0), (2.0, 1.0), (1.0, 1.0)]]);
    let at = pole(&flat, 0.1);
    assert!(at.x.is_finite() && at.y.is_finite(), "{at:?}");
}

#[test]
fn the_shipped_areas_without_a_label_position_are_named_at_their_pole() {
    // The three counties and the neighbouring provinces give no label position.
    let m = map(560.0, 700.0, Lang::En);
    let projected = m.projected();
    let mut checked = 0;
    for (i, place) in m.data().places.iter().enumerate() {
        let (PlaneShape::Area(polygons), None) = (&projected.shapes[i], place.label) else {
            continue;
        };
        let largest = polygons
            .iter()
            .max_by(|a, b| {
                (a.bbox.width() * a.bbox.height()).total_cmp(&(b.bbox.width() * b.bbox.height()))
            })
            .unwrap();
        let anchor = projected.anchor(i).unwrap();
        let side = largest.bbox.width().max(largest.bbox.height());
        let best = best_on_grid(largest, 120);
        let got = room(largest, anchor);
        assert!(
            got >= best - side / 50.0 - side / 120.0,
            "{}: {got:.0} m of room at its anchor; a grid search found {best:.0} m",
            place.id
        );
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} areas");
}
