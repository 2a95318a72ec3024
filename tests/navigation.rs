//! Zoom, pan and keyboard focus as pure state: limits, clamping, zooming about a point, and
//! the nearest-in-direction rule.

mod common;

use common::map;
use jingjinji_map::geo::coords::{Css, LonLat};
use jingjinji_map::geo::view::MAX_ZOOM;
use jingjinji_map::i18n::Lang;
use jingjinji_map::ui::focus::{nearest_in_direction, Direction};
use jingjinji_map::ui::map::{Map, POINT_ZOOM};

fn css(m: &Map, lon: f64, lat: f64) -> Css {
    m.project(LonLat { lon, lat }).unwrap()
}

#[test]
fn zoom_stays_between_the_whole_region_and_the_maximum() {
    let mut m = map(375.0, 469.0, Lang::En);
    assert_eq!(m.zoom(), 1.0);
    assert!(
        !m.zoom_by(0.5, None),
        "cannot zoom out past the whole region"
    );
    assert!(m.zoom_by(2.0, None));
    assert!((m.zoom() - 2.0).abs() < 1e-9);
    for _ in 0..10 {
        m.zoom_by(2.0, None);
    }
    assert!((m.zoom() - MAX_ZOOM).abs() < 1e-9, "{}", m.zoom());
    assert!(!m.zoom_by(2.0, None));
    assert!(m.reset_view());
    assert_eq!(m.view(), m.home());
}

#[test]
fn zooming_keeps_the_point_under_the_pointer() {
    let mut m = map(720.0, 900.0, Lang::En);
    let tianjin = css(&m, 117.2, 39.1);
    m.zoom_by(3.0, Some(tianjin));
    let after = css(&m, 117.2, 39.1);
    assert!((after.x - tianjin.x).abs() < 1e-6 && (after.y - tianjin.y).abs() < 1e-6);
    assert_eq!(m.id_at(after), Some("tianjin"));
}

#[test]
fn panning_follows_the_pointer_and_keeps_the_region_on_screen() {
    let mut m = map(720.0, 900.0, Lang::En);
    assert!(
        !m.pan_by(100.0, 0.0),
        "at home the whole region is shown and stays put"
    );
    m.zoom_by(4.0, None);
    let before = css(&m, 116.4, 39.9);
    assert!(m.pan_by(30.0, -20.0));
    let after = css(&m, 116.4, 39.9);
    assert!((after.x - before.x - 30.0).abs() < 1e-6 && (after.y - before.y + 20.0).abs() < 1e-6);
    // A huge drag stops with the region's edge at the canvas edge: no empty sea beyond it.
    m.pan_by(1e6, 1e6);
    let view = *m.view().unwrap();
    let home = *m.home().unwrap();
    let centre = view.center();
    let region = m.projected().framed_bounds(m.data()).unwrap();
    let half_w = view.width / 2.0 / view.scale;
    assert!(
        (centre.x - (region.min.x + half_w)).abs() < 1e-6,
        "west edge at the canvas edge"
    );
    assert!(view.zoom(&home) > 3.99);
    // Something is still on screen.
    let mid = Css {
        x: view.width / 2.0,
        y: view.height / 2.0,
    };
    assert!(view.to_plane(mid).is_some_and(|p| region.contains(p)));
}

#[test]
fn a_resize_keeps_the_readers_zoom() {
    let mut m = map(720.0, 900.0, Lang::En);
    m.zoom_by(3.0, Some(css(&m, 117.2, 39.1)));
    m.resize(375.0, 469.0).unwrap();
    assert!((m.zoom() - 3.0).abs() < 1e-9);
    let c = m.view().unwrap().center();
    assert!(m.projected().framed_bounds(m.data()).unwrap().contains(c));
}

#[test]
fn selecting_a_small_place_has_a_view_that_zooms_to_it() {
    let m = map(375.0, 469.0, Lang::En);
    let park = m.data().index_of("park-wuqing").unwrap();
    let v = m.view_for_place(park).unwrap();
    let home = m.home().unwrap();
    assert!((v.zoom(home) - POINT_ZOOM).abs() < 1e-9);
    let at = v.to_css(m.projected().anchor(park).unwrap());
    assert!((at.x - v.width / 2.0).abs() < 1.0 && (at.y - v.height / 2.0).abs() < 1.0);
    let exclave = m.data().index_of("sanhe-dachang-xianghe").unwrap();
    assert!(m.view_for_place(exclave).unwrap().zoom(home) > 2.0);
    let hebei = m.data().index_of("hebei").unwrap();
    assert_eq!(
        m.view_for_place(hebei),
        None,
        "a province is already in view"
    );
}

#[test]
fn easing_moves_evenly_from_one_view_to_another() {
    let m = map(720.0, 900.0, Lang::En);
    let home = *m.home().unwrap();
    let park = m.data().index_of("park-binhai").unwrap();
    let target = m.view_for_place(park).unwrap();
    assert_eq!(home.eased_to(&target, 0.0), home);
    // The last frame lands exactly: a zoom to 5× reads 5, not 4.999999.
    assert_eq!(home.eased_to(&target, 1.0), target);
    let half = home.eased_to(&target, 0.5);
    assert!((half.zoom(&home) - target.zoom(&home).sqrt()).abs() < 1e-9);
}

#[test]
fn nearest_in_direction_prefers_places_straight_ahead() {
    let at = |x, y| Css { x, y };
    let from = at(100.0, 100.0);
    let places = [
        (1, at(200.0, 100.0)), // straight right, far
        (2, at(130.0, 160.0)), // near, but mostly below
        (3, at(100.0, 40.0)),  // straight up
        (4, at(60.0, 110.0)),  // left
    ];
    assert_eq!(
        nearest_in_direction(from, Direction::Right, places),
        Some(1)
    );
    assert_eq!(nearest_in_direction(from, Direction::Down, places), Some(2));
    assert_eq!(nearest_in_direction(from, Direction::Up, places), Some(3));
    assert_eq!(nearest_in_direction(from, Direction::Left, places), Some(4));
    assert_eq!(
        nearest_in_direction(from, Direction::Left, [(1, at(200.0, 100.0))]),
        None
    );
}

#[test]
fn arrows_reach_every_selectable_place() {
    for (w, h) in [(320.0, 400.0), (375.0, 469.0), (960.0, 1200.0)] {
        let mut m = map(w, h, Lang::En);
        let total = m.selectable_places().len();
        let mut reached = std::collections::BTreeSet::new();
        assert!(
            m.focus_toward(Direction::Right),
            "the first arrow focuses a place"
        );
        reached.insert(m.focused_id().unwrap().to_string());
        // Sweep the map in every direction from every place reached, as a reader might.
        let mut frontier = vec![m.focused().unwrap()];
        while let Some(i) = frontier.pop() {
            for dir in [
                Direction::Up,
                Direction::Down,
                Direction::Left,
                Direction::Right,
            ] {
                m.set_focus(Some(i));
                if m.focus_toward(dir) {
                    let id = m.focused_id().unwrap().to_string();
                    if reached.insert(id) {
                        frontier.push(m.focused().unwrap());
                    }
                }
            }
        }
        assert_eq!(
            reached.len(),
            total,
            "at {w}px arrows reach only {reached:?}"
        );
        assert!(m.focus_end(true));
        assert_eq!(m.focused_id(), Some("park-xiongan"));
        m.focus_end(false);
        assert_eq!(m.focused_id(), Some("beijing"));
    }
}

#[test]
fn a_press_becomes_a_drag_only_after_it_travels() {
    use jingjinji_map::ui::gesture::{Drag, Pinch};
    let at = |x, y| Css { x, y };
    let mut d = Drag::start(at(10.0, 10.0));
    assert_eq!(
        d.move_to(at(11.0, 11.0)),
        (0.0, 0.0),
        "a wobble is still a click"
    );
    assert!(!d.is_drag());
    // Past the threshold the map catches up with the whole way from the press.
    assert_eq!(d.move_to(at(20.0, 14.0)), (10.0, 4.0));
    assert!(d.is_drag());
    assert_eq!(d.move_to(at(25.0, 14.0)), (5.0, 0.0));

    let mut p = Pinch::start(at(100.0, 100.0), at(200.0, 100.0)).unwrap();
    let step = p.move_to(at(90.0, 110.0), at(290.0, 110.0)).unwrap();
    assert!((step.zoom - 2.0).abs() < 1e-12);
    assert_eq!((step.dx, step.dy), (40.0, 10.0));
    assert_eq!(step.about, at(190.0, 110.0));
    assert!(Pinch::start(at(5.0, 5.0), at(5.0, 5.0)).is_none());
}

#[test]
fn focus_on_a_place_off_screen_brings_it_into_view() {
    let mut m = map(375.0, 469.0, Lang::En);
    let handan = m.data().index_of("park-handan").unwrap();
    assert_eq!(
        m.view_showing(handan),
        None,
        "at home every place is on screen"
    );
    m.zoom_by(8.0, Some(css(&m, 116.4, 40.0)));
    let v = m
        .view_showing(handan)
        .expect("Handan is off screen when zoomed on Beijing");
    let at = v.to_css(m.projected().anchor(handan).unwrap());
    assert!(
        at.x > 0.0 && at.x < v.width && at.y > 0.0 && at.y < v.height,
        "{at:?}"
    );
    assert!(
        (v.scale - m.view().unwrap().scale).abs() < 1e-12,
        "the zoom is kept"
    );
}
