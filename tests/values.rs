//! The value layer's reading and words: a newsroom's CSV (cells, ids, gaps, duplicates,
//! unknown columns), the one number formatter in both languages, the legend's labels, and
//! palettes whose neighbouring classes stay apart for readers with colour-vision deficiency.

mod common;

use common::{FEATURES, POLICIES};
use jingjinji_map::data::load::load;
use jingjinji_map::data::values::{read_cell, read_table, Cell, ValuesError, MAX_ROWS};
use jingjinji_map::i18n::Lang;
use jingjinji_map::render::display::Color;
use jingjinji_map::render::style::Theme;
use jingjinji_map::render::values::number::{format, Unit};
use jingjinji_map::render::values::palette::PALETTES;
use jingjinji_map::render::values::{ValueLayer, ValueSettings};

fn places() -> Vec<jingjinji_map::data::model::Place> {
    load(FEATURES, Some(POLICIES)).unwrap().places
}

#[test]
fn cells_read_as_a_newsroom_writes_them() {
    assert_eq!(read_cell("1,234"), Cell::Number(1234.0));
    assert_eq!(read_cell("1 234 567.5"), Cell::Number(1_234_567.5));
    assert_eq!(read_cell("12.5%"), Cell::Number(12.5));
    assert_eq!(read_cell(" -3.25 "), Cell::Number(-3.25));
    assert_eq!(read_cell("1.2e6"), Cell::Number(1.2e6));
    assert_eq!(read_cell(".5"), Cell::Number(0.5));
    assert_eq!(read_cell("+3"), Cell::Number(3.0));
    assert_eq!(read_cell("-.25"), Cell::Number(-0.25));
    assert_eq!(read_cell("7."), Cell::Number(7.0));
    assert_eq!(read_cell("1e999"), Cell::NotFinite);
    for gap in ["", "n/a", "–", "-", "NA", "1,5", "12,34", "abc"] {
        assert_eq!(read_cell(gap), Cell::Gap, "{gap:?}");
    }
    for refused in ["NaN", "inf", "-Infinity"] {
        assert_eq!(read_cell(refused), Cell::NotFinite, "{refused:?}");
    }
}

#[test]
fn a_csv_is_matched_to_the_places_with_every_skip_named() {
    let csv = "\u{feff}id,name,rate,jobs\nbeijing,Beijing,4.2,\"1,234\"\nTIANJIN,Tianjin,n/a,900\nhebei,Hebei,3.1,\nnowhere,?,9,9\n";
    let table = read_table(csv.as_bytes(), MAX_ROWS).unwrap();
    assert_eq!(table.value_columns(), vec!["rate", "jobs"]);
    let places = places();
    let at = |id: &str| places.iter().position(|p| p.id == id).unwrap();
    let f = table.figures(None, &places).unwrap();
    assert_eq!(f.column, "rate");
    assert_eq!(f.values[at("beijing")], Some(4.2));
    assert_eq!(
        f.values[at("tianjin")],
        None,
        "TIANJIN matched as the widget id tianjin, its n/a is no data"
    );
    assert_eq!(f.values[at("hebei")], Some(3.1));
    assert_eq!(f.warnings.len(), 2, "{:?}", f.warnings);
    assert!(
        f.warnings[0].contains("tianjin (\"n/a\")"),
        "{}",
        f.warnings[0]
    );
    assert!(f.warnings[1].contains("\"nowhere\""), "{}", f.warnings[1]);
    let jobs = table.figures(Some("jobs"), &places).unwrap();
    assert_eq!(jobs.values[at("beijing")], Some(1234.0));

    let err = table.figures(Some("rat"), &places).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the values file has no column \"rat\"; its columns, closest first: rate, jobs"
    );
    let twice = "id\trate\nbeijing\t1\nhebei\t2\nBeijing\t3\n";
    let err = read_table(twice.as_bytes(), MAX_ROWS)
        .unwrap()
        .figures(None, &places)
        .unwrap_err();
    assert_eq!(
        err,
        ValuesError::DuplicateId {
            id: "beijing".into(),
            first: 2,
            second: 4
        }
    );
    let nan = "id,rate\nbeijing,NaN\n";
    let err = read_table(nan.as_bytes(), MAX_ROWS)
        .unwrap()
        .figures(None, &places)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the values file's line 2, column \"rate\": \"NaN\" is not a finite number"
    );
    let err = read_table(b"name,rate\nx,1\n", MAX_ROWS).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the values file has no \"id\" column (its columns: name, rate)"
    );
    let err = read_table(b"id,rate\na,1\nb,2\nc,3\n", 2).unwrap_err();
    assert_eq!(err, ValuesError::TooManyRows(2));
}

#[test]
fn codes_stripped_of_leading_zeros_still_match_when_only_one_place_fits() {
    let mut places = places();
    places[0].id = "01001".into();
    places[1].id = "02001".into();
    let table = read_table(b"id,rate\n1001,5\n2001,6\n", MAX_ROWS).unwrap();
    let f = table.figures(None, &places).unwrap();
    assert_eq!((f.values[0], f.values[1]), (Some(5.0), Some(6.0)));
    assert!(
        f.warnings[0].starts_with("2 ids lost their leading zeros"),
        "{:?}",
        f.warnings
    );
    // Ambiguous: 001001 and 01001 both fit 1001.
    places[1].id = "001001".into();
    let f = table.figures(None, &places).unwrap();
    assert_eq!(f.values[0], None);
}

#[test]
fn numbers_read_as_a_reader_reads_them() {
    let pct = Unit::parse("%");
    assert_eq!(format(12345.0, Lang::En, None), "12,345");
    assert_eq!(format(123_456_789.0, Lang::En, None), "123.5 M");
    assert_eq!(format(4.5, Lang::En, Some(&pct)), "4.5 %");
    assert_eq!(format(4.5, Lang::Zh, Some(&pct)), "4.5%");
    assert_eq!(format(123_000_000.0, Lang::Zh, None), "1.23亿");
    assert_eq!(format(12_000.0, Lang::Zh, None), "1.2万");
    assert_eq!(format(0.0312, Lang::En, None), "0.0312");
    assert_eq!(format(-1234.5, Lang::En, None), "-1,234.5");
    assert_eq!(format(0.0, Lang::En, None), "0");
    let yuan = Unit::parse("yuan|元");
    assert_eq!(format(52_000.0, Lang::Zh, Some(&yuan)), "5.2万元");
    assert_eq!(format(52_000.0, Lang::En, Some(&yuan)), "52,000 yuan");
    assert_eq!(format(f64::NAN, Lang::En, None), "", "never NaN on the map");
}

#[test]
fn the_legend_labels_half_open_ranges_and_counts_its_places() {
    let places = places();
    let rows: String = places
        .iter()
        .take(10)
        .enumerate()
        .map(|(k, p)| format!("{},{}\n", p.id, [1, 2, 2, 3, 10, 11, 12, 30, 31, 33][k]))
        .collect();
    let table = read_table(format!("id,rate\n{rows}").as_bytes(), MAX_ROWS).unwrap();
    let options = (ValueSettings {
        class_count: Some("3".into()),
        value_unit: Some("%".into()),
        ..Default::default()
    })
    .options()
    .unwrap();
    let layer = ValueLayer::new(table.figures(None, &places).unwrap(), options);
    let legend = layer.legend(Lang::En, Theme::Light);
    let labels: Vec<&str> = legend.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        labels,
        ["1 % to under 10 %", "10 % to under 30 %", "30 % to 33 %"]
    );
    assert_eq!(
        legend.iter().map(|c| c.count).collect::<Vec<_>>(),
        [4, 3, 3]
    );
    let zh = layer.legend(Lang::Zh, Theme::Light);
    assert_eq!(zh[0].label, "1%至不足10%");
    assert_eq!(layer.no_data(), places.len() - 10);
    assert_eq!(
        layer.fill(places.len() - 1, Theme::Light),
        None,
        "no figure: no class colour"
    );
    assert_eq!(layer.class_of(0), Some(0));
    assert_eq!(layer.text(7, Lang::En).as_deref(), Some("30 %"));
    // On a light map more is darker; on a dark map, brighter.
    let light = layer.colours(Theme::Light);
    let dark = layer.colours(Theme::Dark);
    assert!(luminance(light[0]) > luminance(light[2]));
    assert!(luminance(dark[0]) < luminance(dark[2]));
    assert!((ValueSettings {
        class_count: Some("9".into()),
        ..Default::default()
    })
    .options()
    .is_err());
    assert!((ValueSettings {
        palette: Some("rainbow".into()),
        ..Default::default()
    })
    .options()
    .is_err());
}

fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn luminance(c: Color) -> f64 {
    0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b)
}

/// Machado, Oliveira and Fernandes (2009): full-severity dichromacy in linear RGB.
const SIMULATIONS: [(&str, [[f64; 3]; 3]); 3] = [
    (
        "protanopia",
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ],
    ),
    (
        "deuteranopia",
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ],
    ),
    (
        "tritanopia",
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ],
    ),
];

/// CIELAB (D65) of linear RGB.
fn lab(rgb: [f64; 3]) -> [f64; 3] {
    let [r, g, b] = rgb.map(|v| v.clamp(0.0, 1.0));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    [
        116.0 * f(y) - 16.0,
        500.0 * (f(x) - f(y)),
        200.0 * (f(y) - f(z)),
    ]
}

/// CIEDE2000 colour difference (Sharma, Wu and Dalal's formulation).
fn delta_e00(a: [f64; 3], b: [f64; 3]) -> f64 {
    use std::f64::consts::PI;
    let (l1, a1, b1) = (a[0], a[1], a[2]);
    let (l2, a2, b2) = (b[0], b[1], b[2]);
    let c_bar = ((a1 * a1 + b1 * b1).sqrt() + (a2 * a2 + b2 * b2).sqrt()) / 2.0;
    let g = 0.5 * (1.0 - (c_bar.powi(7) / (c_bar.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = ((a1p * a1p + b1 * b1).sqrt(), (a2p * a2p + b2 * b2).sqrt());
    let hue = |b: f64, a: f64| {
        let h = b.atan2(a).to_degrees();
        if h < 0.0 {
            h + 360.0
        } else {
            h
        }
    };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dl = l2 - l1;
    let dc = c2p - c1p;
    let dh_deg = if c1p * c2p == 0.0 {
        0.0
    } else if (h2p - h1p).abs() <= 180.0 {
        h2p - h1p
    } else if h2p - h1p > 180.0 {
        h2p - h1p - 360.0
    } else {
        h2p - h1p + 360.0
    };
    let dh = 2.0 * (c1p * c2p).sqrt() * (dh_deg.to_radians() / 2.0).sin();
    let l_bar = (l1 + l2) / 2.0;
    let cp_bar = (c1p + c2p) / 2.0;
    let hp_bar = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * (hp_bar - 30.0).to_radians().cos()
        + 0.24 * (2.0 * hp_bar).to_radians().cos()
        + 0.32 * (3.0 * hp_bar + 6.0).to_radians().cos()
        - 0.20 * (4.0 * hp_bar - 63.0).to_radians().cos();
    let d_theta = 30.0 * (-((hp_bar - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cp_bar.powi(7) / (cp_bar.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cp_bar;
    let sh = 1.0 + 0.015 * cp_bar * t;
    let rt = -(2.0 * d_theta * PI / 180.0).sin() * rc;
    ((dl / sl).powi(2) + (dc / sc).powi(2) + (dh / sh).powi(2) + rt * (dc / sc) * (dh / sh)).sqrt()
}

#[test]
fn ciede2000_matches_sharmas_test_data() {
    // Pairs 1 and 17 of Sharma, Wu and Dalal's published test set.
    let d = delta_e00([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485]);
    assert!((d - 2.0425).abs() < 1e-4, "{d}");
    let d = delta_e00([50.0, 2.5, 0.0], [73.0, 25.0, -18.0]);
    assert!((d - 27.1492).abs() < 1e-4, "{d}");
}

/// The least CIEDE2000 difference between neighbouring classes, for every class count,
/// theme and simulated dichromacy. A difference of about 2 is where two flat patches side by
/// side can just be told apart: the default palettes (viridis for rates, cividis, and RdBu for
/// a diverging scale) keep 5, well clear of it; every other palette offered keeps 3 (the
/// ColorBrewer ramps' seven-class sets come closest under protanopia: BrBG 3.3, Blues 4.8).
const LEAST_DELTA_E_DEFAULTS: f64 = 5.0;
const LEAST_DELTA_E_ANY: f64 = 3.0;

#[test]
fn neighbouring_classes_stay_apart_under_simulated_colour_blindness() {
    for (name, palette) in PALETTES {
        let mut worst = (f64::INFINITY, String::new());
        for k in 3..=7 {
            for theme in [Theme::Light, Theme::Dark, Theme::Contrast] {
                let colours = palette.classes(k, theme);
                for (cvd, m) in SIMULATIONS {
                    let seen: Vec<[f64; 3]> = colours
                        .iter()
                        .map(|c| {
                            let v = [linear(c.r), linear(c.g), linear(c.b)];
                            lab([0, 1, 2].map(|r| m[r][0] * v[0] + m[r][1] * v[1] + m[r][2] * v[2]))
                        })
                        .collect();
                    for w in seen.windows(2) {
                        let d = delta_e00(w[0], w[1]);
                        if d < worst.0 {
                            worst = (d, format!("{name}, {k} classes, {theme:?}, {cvd}"));
                        }
                    }
                }
            }
        }
        let least = if ["viridis", "cividis", "rdbu"].contains(&name) {
            LEAST_DELTA_E_DEFAULTS
        } else {
            LEAST_DELTA_E_ANY
        };
        assert!(worst.0 >= least, "least ΔE00 {:.2}: {}", worst.0, worst.1);
    }
}

/// A map of the shipped data with `csv`'s figures, sized as the widget first draws it.
fn value_map(csv: &str, attributes: ValueSettings) -> jingjinji_map::ui::map::Map {
    let mut m = common::map(560.0, 700.0, Lang::En);
    let table = read_table(csv.as_bytes(), MAX_ROWS).unwrap();
    let options = attributes.options().unwrap();
    let figures = table
        .figures(options.column.as_deref(), &m.data().places)
        .unwrap();
    m.set_values(Some(ValueLayer::new(figures, options)));
    m
}

#[test]
fn rates_fill_areas_by_class_and_a_place_without_a_figure_is_hatched() {
    use jingjinji_map::render::display::Item;
    use jingjinji_map::render::style::Style;
    let m = value_map(
        "id,rate\nbeijing,4.2\ntianjin,3.1\nhebei,\n",
        ValueSettings {
            class_count: Some("3".into()),
            ..Default::default()
        },
    );
    let style = Style::default();
    let scene = jingjinji_map::render::scene::build(&m.frame(&style).unwrap());
    let area = |id: &str| {
        let i = m.data().index_of(id).unwrap();
        scene
            .items
            .iter()
            .find_map(|it| match it {
                Item::Area {
                    place,
                    fill: Some(f),
                    hatch,
                    ..
                } if *place == i => Some((*f, *hatch)),
                _ => None,
            })
            .unwrap()
    };
    let layer = m.values().unwrap();
    let colours = layer.colours(Theme::Light);
    assert_eq!(
        area("beijing"),
        (colours[1], None),
        "4.2: the top class of two"
    );
    assert_eq!(area("tianjin"), (colours[0], None));
    assert_eq!(
        area("hebei"),
        (style.no_data[0], Some(style.no_data[1])),
        "no figure: hatched"
    );
    // A neighbour is no place of the figures: its own colour, never a class's.
    let (context, hatch) = area("context-shandong");
    assert!(!colours.contains(&context) && hatch.is_none());
}

#[test]
fn counts_are_circles_in_proportion_largest_first() {
    use jingjinji_map::render::display::Item;
    use jingjinji_map::render::style::Style;
    let m = value_map(
        "id,firms\nbeijing,400\ntianjin,100\nhebei,0\nxiongan,25\ntongzhou,-3\n",
        ValueSettings {
            value_kind: Some("count".into()),
            ..Default::default()
        },
    );
    let style = Style::default();
    let scene = jingjinji_map::render::scene::build(&m.frame(&style).unwrap());
    let id = |i: usize| m.data().places[i].id.clone();
    let circles: Vec<(String, f64)> = scene
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Circle {
                place: Some(p),
                radius,
                dash: None,
                ..
            } if ["beijing", "tianjin", "hebei", "xiongan"].contains(&id(*p).as_str())
                && *radius > 12.0 =>
            {
                Some((id(*p), *radius))
            }
            _ => None,
        })
        .collect();
    let names: Vec<&str> = circles.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["beijing", "tianjin", "xiongan"],
        "largest first; zero draws nothing"
    );
    let warnings = &m.values().unwrap().figures.warnings;
    assert_eq!(
        warnings,
        &["1 negative count in \"firms\" cannot be drawn as circles and is left out"]
    );
    assert!(
        (circles[0].1 / circles[1].1 - 2.0).abs() < 1e-9,
        "4:1 figures, 2:1 radii"
    );
    assert!((circles[1].1 / circles[2].1 - 2.0).abs() < 1e-9);
    // A click anywhere on a circle finds its place, the smallest circle where they overlap.
    let beijing = m.data().index_of("beijing").unwrap();
    let centre = m
        .project(
            m.data().places[beijing]
                .label
                .unwrap_or(jingjinji_map::geo::coords::LonLat {
                    lon: 116.25,
                    lat: 40.45,
                }),
        )
        .unwrap();
    let r = circles[0].1;
    // A point of the rim over another place: north-west, then round until one is found.
    let plain = common::map(560.0, 700.0, Lang::En);
    let rim = (0..72)
        .map(|k| {
            let a = f64::from(k) * std::f64::consts::PI / 36.0;
            jingjinji_map::geo::coords::Css {
                x: centre.x + 0.95 * r * a.cos(),
                y: centre.y + 0.95 * r * a.sin(),
            }
        })
        .find(|p| plain.id_at(*p) != Some("beijing"))
        .expect("the circle reaches past Beijing");
    assert_eq!(
        m.id_at(rim),
        Some("beijing"),
        "the circle's rim, {r} px out, over {:?}",
        plain.id_at(rim)
    );
    let tianjin = m.data().index_of("tianjin").unwrap();
    let t = m.project(m.data().places[tianjin].label.unwrap()).unwrap();
    assert_eq!(m.id_at(t), Some("tianjin"));
    // No area takes a class colour for counts.
    let colours = m.values().unwrap().colours(Theme::Light);
    assert!(!scene
        .items
        .iter()
        .any(|it| matches!(it, Item::Area { fill: Some(f), .. } if colours.contains(f))));
}

#[test]
fn the_picture_draws_the_classes_and_the_no_data_entry_in_its_key() {
    use jingjinji_map::ui::picture::{svg, Request};
    let m = value_map(
        "id,rate\nbeijing,4.2\ntianjin,3.1\nhebei,2\n",
        ValueSettings::default(),
    );
    let request = Request {
        width: 560.0,
        height: 700.0,
        lang: Lang::Zh,
        bilingual: false,
        select: None,
        theme: Theme::Light,
        values: m.values().cloned(),
        form: jingjinji_map::render::svg::Form::File,
    };
    let picture = svg(common::shipped(), &request).unwrap();
    let doc = roxmltree::Document::parse(&picture).unwrap();
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    for want in ["2至不足3.1", "3.1至不足4.2", "4.2", "无数据"] {
        assert!(texts.contains(&want), "{want} in {texts:?}");
    }
    assert!(
        picture.contains("url(#jjm-hatch-"),
        "places without a figure are hatched"
    );
}

#[test]
fn the_no_script_table_gives_each_places_figure_and_class() {
    let m = value_map(
        "id,rate\nbeijing,4.2\ntianjin,3.1\nhebei,2\n",
        ValueSettings {
            value_unit: Some("%".into()),
            ..Default::default()
        },
    );
    let html = jingjinji_map::ui::fallback::html_with(&common::shipped(), Lang::En, m.values());
    assert!(
        html.contains("<tr><th scope=\"row\">Beijing</th><td>4.2 %, class 3 of 3</td></tr>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<tr><th scope=\"row\">Tongzhou (Beijing sub-centre)</th><td>No data</td></tr>"
        ),
        "{html}"
    );
    assert!(html.contains("<li>2 % to under 3.1 %</li>"), "{html}");
}

#[test]
fn every_value_attribute_name_sets_its_own_setting() {
    // The page's settings object is read by these names (src/web/options.rs): each must set
    // one setting, and a different one from the others.
    let mut seen = Vec::new();
    for name in ValueSettings::NAMES {
        let mut settings = ValueSettings::default();
        assert!(settings.set(name, Some(name.to_string())), "{name}");
        assert_ne!(settings, ValueSettings::default(), "{name} set nothing");
        assert!(!seen.contains(&settings), "{name} sets another's setting");
        seen.push(settings);
    }
    assert!(!ValueSettings::default().set("values", Some("x".into())));
}
