//! The projection and view: known points land where expected, and round trips hold.

use jingjinji_map::geo::coords::{Css, LonLat, Plane, PlaneBox};
use jingjinji_map::geo::projection::{Lambert, EARTH_RADIUS_M};
use jingjinji_map::geo::view::View;

/// A point projected with the region's fixed projection.
fn project(lon: f64, lat: f64) -> Plane {
    Lambert::jingjinji().forward(LonLat { lon, lat })
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn origin_maps_to_zero() {
    let p = project(116.5, 39.0);
    assert!(close(p.x, 0.0, 1e-6) && close(p.y, 0.0, 1e-6), "{p:?}");
}

#[test]
fn north_is_up_and_east_is_right() {
    let beijing = project(116.40, 39.90);
    let baoding = project(115.46, 38.87);
    let tianjin = project(117.18, 39.14);
    assert!(beijing.y > baoding.y && beijing.x > baoding.x);
    assert!(tianjin.x > beijing.x && tianjin.y < beijing.y);
}

#[test]
fn scale_is_true_on_the_standard_parallels() {
    let proj = Lambert::jingjinji();
    for lat in [37.0, 41.0] {
        let a = proj.forward(LonLat { lon: 116.0, lat });
        let b = proj.forward(LonLat { lon: 116.01, lat });
        let along = (b.x - a.x).hypot(b.y - a.y);
        let truth = EARTH_RADIUS_M * lat.to_radians().cos() * 0.01_f64.to_radians();
        assert!(
            close(along / truth, 1.0, 1e-4),
            "lat {lat}: {along} vs {truth}"
        );
    }
}

#[test]
fn beijing_to_tianjin_distance_is_right() {
    // Great-circle distance between the GeoNames points is about 108 km.
    let a = project(116.39723, 39.9075);
    let b = project(117.17667, 39.14222);
    let d = (b.x - a.x).hypot(b.y - a.y) / 1000.0;
    assert!(close(d, 108.5, 1.5), "{d} km");
}

#[test]
fn inverse_round_trips_over_the_region() {
    let proj = Lambert::jingjinji();
    for lon in (1130..=1200).step_by(7) {
        for lat in (355..=430).step_by(5) {
            let ll = LonLat {
                lon: lon as f64 / 10.0,
                lat: lat as f64 / 10.0,
            };
            let back = proj.inverse(proj.forward(ll)).expect("inverse");
            assert!(
                close(back.lon, ll.lon, 1e-9) && close(back.lat, ll.lat, 1e-9),
                "{ll:?} -> {back:?}"
            );
        }
    }
}

#[test]
fn view_fits_centres_and_round_trips() {
    let b = PlaneBox {
        min: Plane {
            x: -100.0,
            y: -200.0,
        },
        max: Plane { x: 100.0, y: 200.0 },
    };
    let v = View::fit(b, 400.0, 500.0, 10.0).expect("fits");
    // Height limits: 480 px for 400 m.
    assert!(close(v.scale, 1.2, 1e-12));
    let centre = v.to_css(Plane { x: 0.0, y: 0.0 });
    assert!(close(centre.x, 200.0, 1e-9) && close(centre.y, 250.0, 1e-9));
    let top = v.to_css(Plane { x: 0.0, y: 200.0 });
    assert!(
        close(top.y, 10.0, 1e-9),
        "north edge sits at the padding: {top:?}"
    );
    let p = v.to_plane(Css { x: 123.0, y: 321.0 }).unwrap();
    let c = v.to_css(p);
    assert!(close(c.x, 123.0, 1e-9) && close(c.y, 321.0, 1e-9));
    assert_eq!(v.device_size(2.0), (800, 1000));
    assert_eq!(v.device_size(f64::NAN), (400, 500));
}

#[test]
fn degenerate_views_are_refused() {
    let b = PlaneBox {
        min: Plane { x: 0.0, y: 0.0 },
        max: Plane { x: 1.0, y: 1.0 },
    };
    assert!(View::fit(b, 0.0, 100.0, 0.0).is_none());
    assert!(View::fit(b, 20.0, 20.0, 10.0).is_none());
    assert!(View::fit(b, f64::INFINITY, 100.0, 0.0).is_none());
    let flat = PlaneBox {
        min: Plane { x: 0.0, y: 0.0 },
        max: Plane { x: 1.0, y: 0.0 },
    };
    assert!(View::fit(flat, 100.0, 100.0, 0.0).is_none());
}
