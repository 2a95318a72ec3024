//! The display list: what a reader would see, asserted without a browser.

mod common;

use common::map;
use jingjinji_map::data::load;
use jingjinji_map::geo::coords::{Css, LonLat};
use jingjinji_map::i18n::Lang;
use jingjinji_map::render::display::{Color, Item, Scene};
use jingjinji_map::render::legend;
use jingjinji_map::render::scene;
use jingjinji_map::render::style::Style;
use jingjinji_map::render::text_width::text_width;
use jingjinji_map::ui::map::Map;

fn scene_of(m: &Map) -> Scene {
    scene::build(&m.frame(&Style::default()).expect("sized"))
}

fn area_fill(items: &[Item], place: usize) -> Option<(Color, Color, f64)> {
    items.iter().find_map(|it| match it {
        Item::Area {
            place: p,
            fill: Some(fill),
            stroke,
            hatch: None,
            line_width,
        } if *p == place => Some((*fill, *stroke, *line_width)),
        _ => None,
    })
}

fn fill_of(m: &Map, s: &Scene, id: &str) -> Color {
    area_fill(&s.items, m.data().index_of(id).unwrap())
        .unwrap_or_else(|| panic!("{id} is drawn"))
        .0
}

#[test]
fn neighbours_the_exclave_the_sea_and_context_are_told_apart() {
    let m = map(420.0, 525.0, Lang::En);
    let s = scene_of(&m);
    assert_eq!((s.width, s.height), (420.0, 525.0));
    let [beijing, tianjin, hebei, exclave, shandong] = [
        "beijing",
        "tianjin",
        "hebei",
        "sanhe-dachang-xianghe",
        "context-shandong",
    ]
    .map(|id| fill_of(&m, &s, id));
    // Each pair that shares a border must differ, and none may look like the sea.
    for (a, b, what) in [
        (beijing, tianjin, "Beijing/Tianjin"),
        (beijing, hebei, "Beijing/Hebei"),
        (tianjin, hebei, "Tianjin/Hebei"),
        (exclave, hebei, "exclave/Hebei"),
        (exclave, beijing, "exclave/Beijing"),
        (hebei, shandong, "Hebei/context"),
    ] {
        assert_ne!(a, b, "{what} share a colour");
    }
    for c in [beijing, tianjin, hebei, exclave, shandong] {
        assert_ne!(c, s.background, "a place is the colour of the sea");
        assert_eq!(c.a, 255, "provinces are opaque");
    }
}

#[test]
fn selection_is_outlined_emphasised_and_drawn_on_top() {
    let mut m = map(420.0, 525.0, Lang::En);
    let before = fill_of(&m, &scene_of(&m), "beijing");
    m.select(Some("beijing")).unwrap();
    let s = scene_of(&m);
    let i = m.data().index_of("beijing").unwrap();
    let (fill, stroke, width) = area_fill(&s.items, i).unwrap();
    assert_eq!(stroke, Style::default().selection);
    assert!(width >= 2.0);
    assert_ne!(fill, before, "the selected place is filled differently");
    let last_area = s.items.iter().rev().find_map(|it| match it {
        Item::Area { place, .. } => Some(*place),
        _ => None,
    });
    assert_eq!(last_area, Some(i));
}

/// Great-circle distance in km (haversine on the same sphere the projection uses).
fn ground_km(a: LonLat, b: LonLat) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dp = p2 - p1;
    let dl = (b.lon - a.lon).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().asin()
}

#[test]
fn wing_extents_cover_their_true_area_on_the_ground() {
    let m = map(720.0, 900.0, Lang::En);
    let s = scene_of(&m);
    let view = m.view().unwrap();
    let dashed: Vec<(Css, f64)> = s
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Circle {
                dash: Some(_),
                center,
                radius,
                ..
            } => Some((*center, *radius)),
            _ => None,
        })
        .collect();
    assert_eq!(dashed.len(), 2, "Tongzhou and Xiong'an");
    // Tongzhou district is 906 km², Xiong'an's planned start area 1,770 km²: a circle of that
    // area has radius sqrt(A/π) on the ground, whatever the scale of the map.
    for (area, lon_lat) in [(906.0, (116.6618, 39.904)), (1770.0, (116.1005, 38.9916))] {
        let centre = m
            .project(LonLat {
                lon: lon_lat.0,
                lat: lon_lat.1,
            })
            .unwrap();
        let (_, radius) = dashed
            .iter()
            .find(|(c, _)| (c.x - centre.x).hypot(c.y - centre.y) < 0.5)
            .unwrap_or_else(|| panic!("no extent at {lon_lat:?}"));
        let edge = Css {
            x: centre.x + radius,
            y: centre.y,
        };
        let to_ll = |c: Css| m.projection().inverse(view.to_plane(c).unwrap()).unwrap();
        let km = ground_km(to_ll(centre), to_ll(edge));
        let want = (area / std::f64::consts::PI).sqrt();
        assert!(
            (km / want - 1.0).abs() < 0.01,
            "{area} km²: {km} km vs {want} km"
        );
    }
}

fn label_boxes(s: &Scene) -> Vec<(String, [f64; 4])> {
    common::label_boxes(s, text_width)
}

#[test]
fn province_labels_are_shown_on_the_canvas() {
    // Overlap with real text widths is checked in the browser (tests/web.rs), where fonts
    // can be measured; here, that the provinces are named and inside the canvas.
    for (w, h, lang) in [
        (375.0, 469.0, Lang::En),
        (420.0, 525.0, Lang::Zh),
        (900.0, 1125.0, Lang::En),
    ] {
        let m = map(w, h, lang);
        let boxes = label_boxes(&scene_of(&m));
        for (a, r) in &boxes {
            assert!(
                r[0] >= 0.0 && r[2] <= w && r[1] >= 0.0 && r[3] <= h,
                "{a} off canvas at {w}"
            );
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
    assert!(label_boxes(&scene_of(&m)).iter().any(|b| b.0 == "Baodi"));
    // An area too small for its name gets it beside it when selected.
    m.select(Some("sanhe-dachang-xianghe")).unwrap();
    assert!(label_boxes(&scene_of(&m))
        .iter()
        .any(|b| b.0 == "Sanhe·Dachang·Xianghe"));
}

/// The key's rows as the widget writes them under the map; and the same texts, drawn, in
/// the static picture's scene.
fn legend_texts(m: &Map) -> Vec<String> {
    let style = Style::default();
    let rows: Vec<String> = legend::rows(m.data(), &style, m.lang())
        .into_iter()
        .map(|r| r.text)
        .collect();
    let drawn = label_boxes(&scene::with_legend(&m.frame(&style).expect("sized")));
    for text in &rows {
        assert!(
            drawn.iter().any(|b| &b.0 == text),
            "the picture's key lacks {text}"
        );
    }
    rows
}

#[test]
fn the_widgets_scene_leaves_the_key_to_the_page() {
    let m = map(420.0, 525.0, Lang::En);
    let key = "Zhongguancun partner park (approx.)".to_string();
    let texts = |s: &Scene| label_boxes(s).into_iter().map(|b| b.0).collect::<Vec<_>>();
    assert!(!texts(&scene_of(&m)).contains(&key));
    let picture = scene::with_legend(&m.frame(&Style::default()).expect("sized"));
    assert!(texts(&picture).contains(&key));
}

#[test]
fn legend_explains_the_symbols_in_the_datas_words() {
    let m = map(420.0, 525.0, Lang::En);
    let texts = legend_texts(&m);
    assert!(texts.contains(&"Zhongguancun partner park (approx.)".to_string()));
    assert!(texts.contains(&"“New two wings” (approx.)".to_string()));
    let m = map(420.0, 525.0, Lang::Zh);
    let texts = legend_texts(&m);
    assert!(
        texts.contains(&"中关村合作园区（位置为近似）".to_string()),
        "{texts:?}"
    );
}

#[test]
fn another_regions_legend_uses_its_own_words() {
    let data = load::load(
        include_str!("../data/examples/shanghai-suzhou.geojson"),
        Some(include_str!(
            "../data/examples/shanghai-suzhou.policies.json"
        )),
    )
    .unwrap();
    let mut m = Map::new(data, Lang::En);
    m.resize(400.0, 320.0).unwrap();
    let texts = legend_texts(&m);
    assert!(
        texts.contains(&"Partner city (approx.)".to_string()),
        "{texts:?}"
    );
    assert!(
        !texts.iter().any(|t| t.contains("Zhongguancun")),
        "{texts:?}"
    );
}

#[test]
fn every_size_and_colour_comes_from_the_style() {
    let mut m = map(720.0, 900.0, Lang::En);
    m.select(Some("beijing")).unwrap();
    let mut style = Style {
        background: Color::hex(0x010203),
        selection: Color::hex(0x0a0b0c),
        ink: Color::hex(0x202122),
        province_font_px: 21.0,
        halo_width_px: 7.0,
        selected_line_width_px: 5.5,
        font_family: "Test Sans",
        ..Style::default()
    };
    style.extent.dash = [9.0, 1.0];
    style.extent.line_width = 2.25;
    let s = scene::build(&m.frame(&style).unwrap());
    assert_eq!(s.background, style.background);
    assert_eq!(s.font_family, "Test Sans");
    let i = m.data().index_of("beijing").unwrap();
    let (_, stroke, width) = area_fill(&s.items, i).unwrap();
    assert_eq!((stroke, width), (style.selection, 5.5));
    let beijing_label = s.items.iter().find_map(|it| match it {
        Item::Label {
            text,
            size,
            halo_width,
            color,
            ..
        } if text == "Beijing" => Some((*size, *halo_width, *color)),
        _ => None,
    });
    assert_eq!(beijing_label, Some((21.0, 7.0, style.ink)));
    let extents: Vec<_> = s
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Circle {
                dash: Some(d),
                line_width,
                ..
            } => Some((*d, *line_width)),
            _ => None,
        })
        .collect();
    assert_eq!(extents, vec![([9.0, 1.0], 2.25); 2]);
}

#[test]
fn keyboard_focus_is_ringed_over_everything() {
    let m = map(720.0, 900.0, Lang::En);
    let style = Style::default();
    let mut frame = m.frame(&style).unwrap();
    let beijing = m.data().index_of("beijing").unwrap();
    frame.focused = Some(beijing);
    let s = scene::build(&frame);
    assert_eq!(
        s.items.last(),
        Some(&Item::Area {
            place: beijing,
            fill: None,
            hatch: None,
            stroke: style.focus,
            line_width: style.focus_ring_width_px,
        })
    );
    let wing = m.data().index_of("tongzhou").unwrap();
    frame.focused = Some(wing);
    let s = scene::build(&frame);
    let symbol = s.items.iter().find_map(|it| match it {
        Item::Circle {
            place: Some(p),
            radius,
            center,
            ..
        } if *p == wing => Some((*center, *radius)),
        _ => None,
    });
    let (center, radius) = symbol.unwrap();
    match s.items.last() {
        Some(Item::Circle {
            center: c,
            radius: r,
            fill: None,
            stroke,
            ..
        }) => {
            assert_eq!((*c, *stroke), (center, style.focus));
            assert!(*r > radius, "the ring sits outside the symbol");
        }
        other => panic!("no focus ring: {other:?}"),
    }
}

#[test]
fn no_frame_before_the_map_has_a_size() {
    let m = Map::new(common::shipped(), Lang::En);
    assert!(m.frame(&Style::default()).is_none());
}

#[test]
fn no_label_goes_under_the_zoom_buttons() {
    let [w0, h0] = Style::default().controls_px;
    let mut checked = 0;
    for (w, h) in [(320.0, 400.0), (720.0, 900.0)] {
        for lang in [Lang::En, Lang::Zh] {
            let ids: Vec<String> = map(w, h, lang)
                .selectable_places()
                .into_iter()
                .map(|p| p.id)
                .collect();
            for id in ids {
                // Zoomed in, with the place brought under the buttons.
                let mut m = map(w, h, lang);
                m.zoom_by(4.0, None);
                let i = m.data().index_of(&id).expect("place");
                let anchor = m.projected().anchor(i).expect("anchor");
                let at = m.view().expect("view").to_css(anchor);
                m.pan_by(20.0 - at.x, 40.0 - at.y);
                for (text, r) in label_boxes(&scene_of(&m)) {
                    assert!(
                        r[0] >= w0 || r[1] >= h0,
                        "{text} at {r:?} is under the buttons ({w}×{h}, {id} at the corner)"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} labels");
}

/// The scale bar's length in CSS px and what its label says, in metres.
fn scale_bar(s: &Scene) -> (f64, f64, String) {
    // The bar is the box in the ink's colour (the parks' squares are in theirs).
    let ink = Style::default().ink;
    let length = s
        .items
        .iter()
        .find_map(|i| match i {
            Item::Rect { rect, fill, .. } if *fill == ink => Some(rect.x1 - rect.x0),
            _ => None,
        })
        .expect("a scale bar");
    let text = label_boxes(s)
        .into_iter()
        .map(|b| b.0)
        .find(|t| {
            t.ends_with(" km") || t.ends_with(" m") || t.ends_with("公里") || t.ends_with("米")
        })
        .expect("the scale bar's label");
    let number: f64 = text
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number");
    let metres = if text.contains("km") || text.contains("公里") {
        number * 1000.0
    } else {
        number
    };
    (length, metres, text)
}

#[test]
fn the_scale_bar_is_true_on_the_ground_at_every_zoom() {
    for lang in [Lang::En, Lang::Zh] {
        let mut m = map(560.0, 700.0, lang);
        let mut seen = Vec::new();
        for zoom in [1.0, 2.0, 3.0, 5.0, 8.0, 16.0] {
            m.zoom_by(zoom / m.zoom(), None);
            let s = scene_of(&m);
            let (px, metres, text) = scale_bar(&s);
            // Ground distance of a bar that long, laid across the middle of the map.
            let view = m.view().unwrap();
            let ends = [280.0 - px / 2.0, 280.0 + px / 2.0].map(|x| {
                let p = view.to_plane(Css { x, y: 350.0 }).unwrap();
                m.projection().inverse(p).unwrap()
            });
            let ground = ground_km(ends[0], ends[1]) * 1000.0;
            assert!(
                (ground - metres).abs() / metres < 0.005,
                "{zoom}×: the bar says {text} but is {ground:.0} m long"
            );
            assert!(
                (110.0 / 5.0 * 0.99..=110.0).contains(&px),
                "{zoom}×: {px} px"
            );
            let lead = text.chars().next().unwrap();
            assert!(
                matches!(lead, '1' | '2' | '5'),
                "not a round length: {text}"
            );
            seen.push(text);
        }
        // Zooming in shortens what the bar stands for.
        assert_ne!(seen.first(), seen.last());
        if lang == Lang::Zh {
            assert!(
                seen.iter()
                    .all(|t| t.ends_with(" 公里") || t.ends_with(" 米")),
                "{seen:?}"
            );
        }
    }
}

#[test]
fn every_place_is_named_at_article_sizes() {
    // Three counties excepted: too small for a name at rest (named when pointed at). Below
    // 375 px Xiong'an ZGC, crowded by Xiong'an and Baoding, is named only when zoomed in.
    for (w, h) in [
        (375.0, 469.0),
        (400.0, 500.0),
        (560.0, 700.0),
        (720.0, 900.0),
    ] {
        for lang in [Lang::En, Lang::Zh] {
            let m = map(w, h, lang);
            let named: Vec<String> = label_boxes(&scene_of(&m))
                .into_iter()
                .map(|b| b.0)
                .collect();
            for place in &m.data().places {
                if !place.kind.selectable() || place.id == "sanhe-dachang-xianghe" {
                    continue;
                }
                let label = place.label_text(lang).to_string();
                assert!(
                    named.contains(&label),
                    "{label} is not named at {w}×{h}: {named:?}"
                );
            }
        }
    }
}

/// A small deterministic generator (xorshift), so the property test below is repeatable.
struct Seeded(u64);

impl Seeded {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn labels_never_overlap_each_other_the_buttons_or_the_edge_at_any_size_zoom_or_language() {
    let [bw, bh] = Style::default().controls_px;
    let mut rng = Seeded(0x9e37_79b9_7f4a_7c15);
    for case in 0..120 {
        let w = 280.0 + 920.0 * rng.unit();
        let h = w * (0.8 + 0.6 * rng.unit());
        let lang = if rng.unit() < 0.5 { Lang::En } else { Lang::Zh };
        // A third of the cases stack both languages.
        let both = rng.unit() < 0.33;
        let mut m = Map::new(common::shipped(), lang).bilingual(both);
        m.resize(w, h).expect("sized");
        let zoom = 1.0 + 7.0 * rng.unit();
        m.zoom_by(
            zoom,
            Some(Css {
                x: w * rng.unit(),
                y: h * rng.unit(),
            }),
        );
        let boxes = label_boxes(&scene_of(&m));
        for (k, (a, ra)) in boxes.iter().enumerate() {
            let at = format!("case {case}: {w:.0}×{h:.0} at {zoom:.2}×, {lang:?}, both {both}");
            assert!(
                ra[0] >= 0.0 && ra[1] >= 0.0 && ra[2] <= w && ra[3] <= h,
                "{a} leaves the canvas ({at})"
            );
            assert!(
                ra[0] >= bw || ra[1] >= bh,
                "{a} is under the buttons ({at})"
            );
            for (b, rb) in &boxes[k + 1..] {
                let overlap = ra[0] < rb[2] && rb[0] < ra[2] && ra[1] < rb[3] && rb[1] < ra[3];
                assert!(!overlap, "{a} overlaps {b} ({at})");
            }
        }
    }
}

#[test]
fn every_area_has_its_label_anchor_inside_it() {
    // The neighbours too: Inner Mongolia's box centre lies outside its crescent, its pole of
    // inaccessibility inside.
    use jingjinji_map::geo::shapes::PlaneShape;
    let m = map(560.0, 700.0, Lang::En);
    let projected = m.projected();
    let mut checked = 0;
    for (i, place) in m.data().places.iter().enumerate() {
        if let (PlaneShape::Area(polygons), Some(anchor)) =
            (&projected.shapes[i], projected.anchor(i))
        {
            assert!(
                polygons.iter().any(|p| p.contains(anchor)),
                "{}'s label anchor is outside it",
                place.id
            );
            checked += 1;
        }
    }
    assert!(checked >= 9, "only {checked} areas");
}

#[test]
fn neighbouring_areas_are_named_quietly_inside_themselves() {
    use jingjinji_map::geo::shapes::PlaneShape;
    for (lang, names) in [
        (
            Lang::En,
            ["Inner Mongolia", "Liaoning", "Shanxi", "Shandong"],
        ),
        (Lang::Zh, ["内蒙古", "辽宁", "山西", "山东"]),
    ] {
        let m = map(560.0, 700.0, lang);
        let s = scene_of(&m);
        let style = Style::default();
        for name in names {
            let (at, color) = s
                .items
                .iter()
                .find_map(|i| match i {
                    Item::Label {
                        text, at, color, ..
                    } if text == name => Some((*at, *color)),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("{name} is not named"));
            assert_eq!(color, style.context_ink, "{name} is not in the quieter ink");
            let i = m
                .data()
                .places
                .iter()
                .position(|p| p.label_text(lang) == name)
                .expect("a place");
            let PlaneShape::Area(polygons) = &m.projected().shapes[i] else {
                panic!("{name} is an area");
            };
            let plane = m.view().unwrap().to_plane(at).unwrap();
            assert!(
                polygons.iter().any(|p| p.contains(plane)),
                "{name}'s label is outside it"
            );
        }
        // The places' own names keep the main ink.
        let beijing = s.items.iter().find_map(|i| match i {
            Item::Label { text, color, .. } if text == "Beijing" || text == "北京" => {
                Some(*color)
            }
            _ => None,
        });
        assert_eq!(beijing, Some(style.ink));
    }
}

#[test]
fn zh_en_labels_stack_the_chinese_name_above_the_english_one() {
    let mut m = Map::new(common::shipped(), Lang::Zh).bilingual(true);
    m.resize(720.0, 900.0).unwrap();
    let s = scene_of(&m);
    let at = |name: &str| {
        s.items
            .iter()
            .find_map(|i| match i {
                Item::Label { text, at, size, .. } if text == name => Some((*at, *size)),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{name} is not drawn"))
    };
    for (zh, en) in [
        ("北京", "Beijing"),
        ("雄安", "Xiong'an"),
        ("唐山", "Tangshan"),
    ] {
        let ((a, size), (b, _)) = (at(zh), at(en));
        assert_eq!(a.x, b.x, "{zh} and {en} are not aligned");
        let gap = b.y - a.y;
        assert!(
            (gap - size * Style::default().line_height).abs() < 1e-9,
            "{en} is {gap} px under {zh}"
        );
    }
    // The rest of the map is in Chinese: the scale bar's unit.
    assert!(label_boxes(&s).iter().any(|b| b.0.ends_with(" 公里")));
}

#[test]
fn parks_are_squares_and_wings_circles_so_shape_tells_them_apart() {
    let m = map(720.0, 900.0, Lang::En);
    let s = scene_of(&m);
    let style = Style::default();
    let park = style.for_place(jingjinji_map::data::model::Kind::Park, 0);
    let squares = s
        .items
        .iter()
        .filter(|i| matches!(i, Item::Rect { fill, .. } if *fill == park.fill))
        .count();
    let wings = s
        .items
        .iter()
        .filter(|i| {
            matches!(i, Item::Circle { place: Some(p), dash: None, .. }
            if m.data().places[*p].kind == jingjinji_map::data::model::Kind::Wing)
        })
        .count();
    assert_eq!((squares, wings), (8, 2));
}
