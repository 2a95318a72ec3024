//! The display list: what a reader would see, asserted without a browser.

mod common;

use common::map;
use jingjinji_map::i18n::Lang;
use jingjinji_map::render::labels::{text_width, Align};
use jingjinji_map::render::scene::{self, Item};
use jingjinji_map::render::style::{Color, Style};

fn area_fill(items: &[Item], place: usize) -> Option<(Color, Color, f64)> {
    items.iter().find_map(|it| match it {
        Item::Area {
            place: Some(p),
            fill,
            stroke,
            line_width,
            ..
        } if *p == place => Some((*fill, *stroke, *line_width)),
        _ => None,
    })
}

#[test]
fn each_province_is_filled_in_its_colour() {
    let m = map(420.0, 525.0, Lang::En);
    let style = Style::default();
    let s = scene::build(&m, &style).unwrap();
    assert_eq!((s.width, s.height), (420.0, 525.0));
    for id in ["beijing", "tianjin", "hebei", "sanhe-dachang-xianghe"] {
        let i = m.data().index_of(id).unwrap();
        let (fill, _, _) = area_fill(&s.items, i).unwrap_or_else(|| panic!("{id} is drawn"));
        assert_eq!(
            fill,
            style.for_place(m.data().places[i].kind, id).fill,
            "{id}"
        );
    }
    // Neighbours and the exclave differ from Beijing so a reader can tell them apart.
    let b = area_fill(&s.items, m.data().index_of("beijing").unwrap())
        .unwrap()
        .0;
    let h = area_fill(&s.items, m.data().index_of("hebei").unwrap())
        .unwrap()
        .0;
    assert_ne!(b, h);
}

#[test]
fn selection_is_outlined_and_drawn_on_top() {
    let mut m = map(420.0, 525.0, Lang::En);
    m.select(Some("beijing")).unwrap();
    let style = Style::default();
    let s = scene::build(&m, &style).unwrap();
    let i = m.data().index_of("beijing").unwrap();
    let (fill, stroke, width) = area_fill(&s.items, i).unwrap();
    assert_eq!(stroke, style.selection);
    assert!(width >= 2.0);
    assert_eq!(
        fill,
        style
            .for_place(m.data().places[i].kind, "beijing")
            .fill_active
    );
    let last_area = s.items.iter().rev().find_map(|it| match it {
        Item::Area { place: Some(p), .. } => Some(*p),
        _ => None,
    });
    assert_eq!(last_area, Some(i));
}

#[test]
fn wings_get_an_area_true_dashed_extent() {
    let m = map(720.0, 900.0, Lang::En);
    let s = scene::build(&m, &Style::default()).unwrap();
    let scale = m.view().unwrap().scale;
    let dashed: Vec<f64> = s
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Circle {
                dashed: true,
                radius,
                ..
            } => Some(*radius),
            _ => None,
        })
        .collect();
    let expect = |km2: f64| (km2 * 1e6 / std::f64::consts::PI).sqrt() * scale;
    assert_eq!(dashed.len(), 2);
    assert!(
        dashed.iter().any(|r| (r - expect(906.0)).abs() < 1e-6),
        "Tongzhou {dashed:?}"
    );
    assert!(
        dashed.iter().any(|r| (r - expect(1770.0)).abs() < 1e-6),
        "Xiong'an {dashed:?}"
    );
}

fn label_boxes(s: &scene::Scene) -> Vec<(String, [f64; 4])> {
    s.items
        .iter()
        .filter_map(|it| match it {
            Item::Label {
                text,
                at,
                size,
                bold,
                align,
                ..
            } => {
                let w = text_width(text, *size, *bold);
                let x0 = match align {
                    Align::Left => at.x,
                    Align::Center => at.x - w / 2.0,
                };
                Some((
                    text.clone(),
                    [x0, at.y - size * 0.6, x0 + w, at.y + size * 0.6],
                ))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn labels_do_not_overlap_and_stay_on_the_canvas() {
    for (w, h, lang) in [
        (375.0, 469.0, Lang::En),
        (420.0, 525.0, Lang::Zh),
        (900.0, 1125.0, Lang::En),
    ] {
        let m = map(w, h, lang);
        let s = scene::build(&m, &Style::default()).unwrap();
        let boxes = label_boxes(&s);
        for (k, (a, ra)) in boxes.iter().enumerate() {
            assert!(
                ra[0] >= 0.0 && ra[2] <= w && ra[1] >= 0.0 && ra[3] <= h,
                "{a} off canvas at {w}"
            );
            for (b, rb) in boxes.iter().skip(k + 1) {
                let overlap = ra[0] < rb[2] && rb[0] < ra[2] && ra[1] < rb[3] && rb[1] < ra[3];
                assert!(!overlap, "{a:?} overlaps {b:?} at {w}×{h}");
            }
        }
        let texts: Vec<&str> = boxes.iter().map(|b| b.0.as_str()).collect();
        let want = if lang == Lang::Zh {
            ["北京", "天津", "河北"]
        } else {
            ["Beijing", "Tianjin", "Hebei"]
        };
        for t in want {
            assert!(texts.contains(&t), "{t} missing at {w}: {texts:?}");
        }
    }
}

#[test]
fn the_selected_place_is_always_labelled() {
    let mut m = map(375.0, 469.0, Lang::En);
    m.select(Some("park-baodi")).unwrap();
    let s = scene::build(&m, &Style::default()).unwrap();
    assert!(label_boxes(&s).iter().any(|b| b.0 == "Baodi"));
    // An area too small for its name gets it beside it when selected.
    m.select(Some("sanhe-dachang-xianghe")).unwrap();
    let s = scene::build(&m, &Style::default()).unwrap();
    assert!(label_boxes(&s)
        .iter()
        .any(|b| b.0 == "Sanhe·Dachang·Xianghe"));
}

#[test]
fn legend_explains_the_symbols() {
    let m = map(420.0, 525.0, Lang::En);
    let s = scene::build(&m, &Style::default()).unwrap();
    let texts: Vec<String> = label_boxes(&s).into_iter().map(|b| b.0).collect();
    assert!(texts
        .iter()
        .any(|t| t.contains("Zhongguancun partner park")));
    assert!(texts.iter().any(|t| t.contains("New two wings")));
}

#[test]
fn no_scene_before_the_map_has_a_size() {
    let m = jingjinji_map::ui::map::Map::new(common::shipped(), Lang::En);
    assert!(scene::build(&m, &Style::default()).is_none());
}
