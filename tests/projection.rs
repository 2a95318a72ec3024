//! The projection the map uses (`Lambert::fitted`) and the view: known points land where
//! expected, north is up in both hemispheres and across the equator, and round trips hold.

mod common;

use jingjinji_map::geo::coords::{Css, LonLat, Plane, PlaneBox};
use jingjinji_map::geo::projection::{Lambert, EARTH_RADIUS_M};
use jingjinji_map::geo::shapes::framed_extent;
use jingjinji_map::geo::view::View;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

fn ll(lon: f64, lat: f64) -> LonLat {
    LonLat { lon, lat }
}

/// The projection the widget fits to the shipped data.
fn shipped() -> Lambert {
    let (min, max) = framed_extent(&common::shipped()).unwrap();
    Lambert::fitted(min, max)
}

/// Checks that `proj` is finite, north-up and east-right around `at`, and round-trips.
fn assert_sound(proj: &Lambert, at: LonLat, what: &str) {
    let p = proj.forward(at);
    assert!(p.x.is_finite() && p.y.is_finite(), "{what}: {p:?}");
    let north = proj.forward(ll(at.lon, at.lat + 0.1));
    let east = proj.forward(ll(at.lon + 0.1, at.lat));
    assert!(north.y > p.y, "{what}: north is not up");
    assert!(
        close(north.x, p.x, (north.y - p.y) * 0.2),
        "{what}: north is not straight up"
    );
    assert!(east.x > p.x, "{what}: east is not right");
    let back = proj.inverse(p).expect("inverse");
    assert!(
        close(back.lon, at.lon, 1e-7) && close(back.lat, at.lat, 1e-7),
        "{what}: {at:?} -> {back:?}"
    );
}

#[test]
fn shipped_projection_is_north_up_and_round_trips_over_the_region() {
    let proj = shipped();
    for lon in (1130..=1200).step_by(7) {
        for lat in (355..=430).step_by(5) {
            assert_sound(
                &proj,
                ll(lon as f64 / 10.0, lat as f64 / 10.0),
                "Jing-Jin-Ji",
            );
        }
    }
    let beijing = proj.forward(ll(116.40, 39.90));
    let baoding = proj.forward(ll(115.46, 38.87));
    let tianjin = proj.forward(ll(117.18, 39.14));
    assert!(beijing.y > baoding.y && beijing.x > baoding.x);
    assert!(tianjin.x > beijing.x && tianjin.y < beijing.y);
}

#[test]
fn shipped_projection_keeps_distances_true() {
    // Great-circle distance between the GeoNames points of Beijing and Tianjin is about 108 km.
    let proj = shipped();
    let a = proj.forward(ll(116.39723, 39.9075));
    let b = proj.forward(ll(117.17667, 39.14222));
    let d = (b.x - a.x).hypot(b.y - a.y) / 1000.0;
    assert!(close(d, 108.5, 1.5), "{d} km");
}

#[test]
fn scale_is_true_on_the_standard_parallels() {
    let proj = Lambert::new(116.0, 39.0, 37.0, 41.0);
    for lat in [37.0, 41.0] {
        let a = proj.forward(ll(116.0, lat));
        let b = proj.forward(ll(116.01, lat));
        let along = (b.x - a.x).hypot(b.y - a.y);
        let truth = EARTH_RADIUS_M * lat.to_radians().cos() * 0.01_f64.to_radians();
        assert!(
            close(along / truth, 1.0, 1e-4),
            "lat {lat}: {along} vs {truth}"
        );
    }
}

#[test]
fn data_straddling_the_equator_off_centre_gets_a_working_cone() {
    // 1.5°S–0.5°N once gave parallels −1° and +1°: a flat cone (n = 0) and NaN everywhere.
    let proj = Lambert::fitted(ll(36.0, -1.5), ll(37.5, 0.5));
    for (lon, lat) in [(36.0, -1.5), (36.8, -0.5), (37.5, 0.5), (36.5, 0.0)] {
        assert_sound(&proj, ll(lon, lat), "equator");
    }
    // Centred on the equator, and just north of it, too.
    for (min, max) in [(-1.0, 1.0), (-0.5, 1.5), (0.0, 0.3)] {
        let proj = Lambert::fitted(ll(100.0, min), ll(101.0, max));
        assert_sound(&proj, ll(100.5, (min + max) / 2.0), "equator");
    }
}

#[test]
fn southern_hemisphere_is_north_up() {
    // Victoria, Australia.
    let proj = Lambert::fitted(ll(141.0, -39.2), ll(150.0, -34.0));
    for (lon, lat) in [(144.96, -37.81), (141.0, -34.0), (150.0, -39.2)] {
        assert_sound(&proj, ll(lon, lat), "Victoria");
    }
    let melbourne = proj.forward(ll(144.96, -37.81));
    let sydney_ish = proj.forward(ll(149.0, -35.3));
    assert!(sydney_ish.y > melbourne.y && sydney_ish.x > melbourne.x);
}

#[test]
fn a_tall_region_keeps_shapes_and_round_trips() {
    // Chile-like: 20° of latitude, 3° of longitude.
    let proj = Lambert::fitted(ll(-73.0, -40.0), ll(-70.0, -20.0));
    for lat in [-40.0, -35.0, -30.0, -25.0, -20.0] {
        assert_sound(&proj, ll(-71.5, lat), "tall");
        // Conformal: a small step east and a small step north keep their ground ratio.
        let p = proj.forward(ll(-71.5, lat));
        let e = proj.forward(ll(-71.49, lat));
        let n = proj.forward(ll(-71.5, lat + 0.01));
        let east = (e.x - p.x).hypot(e.y - p.y);
        let north = (n.x - p.x).hypot(n.y - p.y);
        let ratio = east / north;
        assert!(
            close(ratio, lat.to_radians().cos(), 1e-3),
            "lat {lat}: {ratio}"
        );
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

#[test]
fn the_projection_matches_snyders_worked_example() {
    // Snyder, "Map Projections: A Working Manual" (USGS Professional Paper 1395, 1987),
    // the Lambert conformal conic on a sphere of radius 1: parallels 33° and 45°N, origin
    // 23°N 96°W; the point 35°N 75°W is at x = 0.2966785, y = 0.2462112. An oracle that does
    // not come from our own code or its math library.
    let proj = Lambert::new(-96.0, 23.0, 33.0, 45.0);
    let p = proj.forward(ll(-75.0, 35.0));
    let (x, y) = (p.x / EARTH_RADIUS_M, p.y / EARTH_RADIUS_M);
    assert!(close(x, 0.296_678_5, 2e-7), "x = {x}");
    assert!(close(y, 0.246_211_2, 2e-7), "y = {y}");
    let back = proj.inverse(p).expect("inverts");
    assert!(
        close(back.lon, -75.0, 1e-9) && close(back.lat, 35.0, 1e-9),
        "{back:?}"
    );
}
