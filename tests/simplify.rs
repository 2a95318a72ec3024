//! Drawing big data at any zoom: rings thinned to what a device pixel can show, and areas off
//! the canvas left out of the display list.

mod common;

use common::map;
use jingjinji_map::geo::coords::{Css, Plane};
use jingjinji_map::geo::simplify::{detail_level, straighten, thin_ring, tolerance};
use jingjinji_map::i18n::Lang;
use jingjinji_map::render::display::Item;
use jingjinji_map::render::scene;
use jingjinji_map::render::style::Style;

/// A closed ring of `n` vertices around a circle of radius `r` metres, with a little noise
/// (deterministic) as a digitised coast has.
fn wobbly_circle(n: usize, r: f64) -> Vec<Plane> {
    let mut ring: Vec<Plane> = (0..n)
        .map(|k| {
            let a = k as f64 / n as f64 * std::f64::consts::TAU;
            let noise = ((k * 7919) % 13) as f64 / 13.0 - 0.5;
            let rr = r * (1.0 + 0.001 * noise);
            Plane {
                x: rr * a.cos(),
                y: rr * a.sin(),
            }
        })
        .collect();
    ring.push(ring[0]);
    ring
}

fn distance_to_segment(p: Plane, a: Plane, b: Plane) -> f64 {
    common::segment_distance((p.x, p.y), (a.x, a.y), (b.x, b.y))
}

#[test]
fn a_level_keeps_vertices_between_an_eighth_and_a_quarter_of_a_device_pixel_apart() {
    for px_per_metre in [1e-4, 3.7e-3, 0.01, 0.5, 1.0, 2.0, 123.0] {
        let t_px = tolerance(detail_level(px_per_metre)) * px_per_metre;
        assert!((0.125..0.25).contains(&t_px), "{px_per_metre}: {t_px} px");
    }
    // Zooms within a factor of two share a level; twice the zoom is the next one.
    assert_eq!(detail_level(1.0), detail_level(1.99));
    assert_eq!(detail_level(2.0), detail_level(1.0) + 1);
    assert_eq!(detail_level(0.0), 0);
    assert_eq!(detail_level(f64::NAN), 0);
}

#[test]
fn thinning_drops_dense_vertices_but_never_moves_the_outline_by_more_than_the_tolerance() {
    let ring = wobbly_circle(20_000, 1000.0);
    let t = 5.0;
    let thin = thin_ring(&ring, t);
    assert!(
        thin.len() < ring.len() / 10,
        "{} of {} kept",
        thin.len(),
        ring.len()
    );
    assert_eq!(thin.first(), ring.first());
    assert_eq!(thin.last(), ring.last(), "the ring stays closed");
    // Every original vertex is within the tolerance of the thinned outline.
    for p in &ring {
        let d = thin
            .windows(2)
            .map(|w| distance_to_segment(*p, w[0], w[1]))
            .fold(f64::MAX, f64::min);
        assert!(d <= t + 1e-9, "{p:?} is {d} m off");
    }
    // No tolerance, no change.
    assert_eq!(thin_ring(&ring, 0.0), ring);
}

#[test]
fn straightening_keeps_every_vertex_within_the_tolerance_with_fewer_vertices_than_thinning() {
    // Noise of a metre on a kilometre circle: two metres straightens it to a polygon.
    let ring = wobbly_circle(20_000, 1000.0);
    let t = 2.0;
    let straight = straighten(&ring, t);
    let thin = thin_ring(&ring, t);
    assert!(
        straight.len() * 10 < thin.len(),
        "{} straightened against {} thinned",
        straight.len(),
        thin.len()
    );
    assert_eq!(straight.first(), ring.first());
    assert_eq!(straight.last(), ring.last(), "the ring stays closed");
    for p in &ring {
        let d = straight
            .windows(2)
            .map(|w| distance_to_segment(*p, w[0], w[1]))
            .fold(f64::MAX, f64::min);
        assert!(d <= t + 1e-9, "{p:?} is {d} m off");
    }
    assert_eq!(
        straighten(&ring, 0.0).len(),
        ring.len(),
        "no tolerance, no change"
    );
    assert!(straighten(&wobbly_circle(50, 1.0), 10.0).is_empty());
    assert!(straighten(&[], 1.0).is_empty());
}

#[test]
fn a_ring_smaller_than_the_tolerance_disappears_and_bad_rings_do_not_panic() {
    assert!(thin_ring(&wobbly_circle(50, 1.0), 10.0).is_empty());
    assert!(thin_ring(&[], 1.0).is_empty());
    assert!(thin_ring(&[Plane { x: 0.0, y: 0.0 }], 1.0).is_empty());
}

#[test]
fn areas_off_the_canvas_are_left_out_and_come_back_in_view() {
    let mut m = map(600.0, 700.0, Lang::En);
    let areas = |m: &jingjinji_map::ui::map::Map| -> Vec<usize> {
        let s = scene::build(&m.frame(&Style::default()).expect("sized"));
        s.items
            .iter()
            .filter_map(|it| match it {
                Item::Area {
                    place,
                    fill: Some(_),
                    ..
                } => Some(*place),
                _ => None,
            })
            .collect()
    };
    let all = areas(&m);
    // Zoomed in on Xiong'an, Henan (beyond Hebei's southern tip) is off the canvas.
    let xiongan = m
        .project(jingjinji_map::geo::coords::LonLat {
            lon: 115.98,
            lat: 39.0,
        })
        .unwrap();
    m.zoom_by(16.0, Some(xiongan));
    let near = areas(&m);
    let henan = m
        .data()
        .places
        .iter()
        .position(|p| p.id == "context-henan")
        .unwrap();
    assert!(all.contains(&henan));
    assert!(
        !near.contains(&henan),
        "Henan is drawn while off the canvas"
    );
    assert!(near.len() < all.len());
    // Whatever is under the middle of the canvas is still drawn.
    let centre = m
        .place_at(Css { x: 300.0, y: 350.0 })
        .expect("a place in the middle");
    assert!(near.contains(&centre));
    // Back at the whole region, it is drawn again.
    m.reset_view();
    assert_eq!(areas(&m), all);
}
