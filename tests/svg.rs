//! The static picture (`jingjinji-map render`): the same scene the canvas paints, as SVG that
//! parses, names itself, keeps every label as text and stays inside its box.

mod common;

use common::{map, segment_distance, shipped};
use jingjinji_map::geo::coords::Css;
use jingjinji_map::i18n::Lang;
use jingjinji_map::render::display::{Color, Item, Scene};
use jingjinji_map::render::scene;
use jingjinji_map::render::style::{Style, Theme};
use jingjinji_map::render::svg::{self, Form, Words};
use jingjinji_map::ui::map::Map;
use jingjinji_map::ui::picture::{self, Request};
use std::process::Command;

fn request(width: f64, height: f64, lang: Lang, select: Option<&str>) -> Request {
    Request {
        width,
        height,
        lang,
        select: select.map(str::to_string),
        theme: Theme::Light,
        bilingual: false,
        values: None,
        form: Form::File,
    }
}

fn picture_of(r: &Request) -> String {
    picture::svg(shipped(), r).expect("renders")
}

/// The scene a picture draws: the key in its corner.
fn scene_of(m: &Map) -> Scene {
    scene::with_legend(&m.frame(&Style::default()).expect("sized"))
}

/// The text of every `<text>` element of a picture, in order.
fn texts_of<'a>(doc: &'a roxmltree::Document) -> Vec<&'a str> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect()
}

fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// Every vertex of SVG path data made of `M x y`, `l dx dy …` and `z`, in absolute pixels.
fn vertices(d: &str) -> Vec<Css> {
    let mut numbers = Vec::new();
    let mut commands = Vec::new();
    let mut token = String::new();
    let flush = |token: &mut String, numbers: &mut Vec<f64>| {
        if !token.is_empty() {
            numbers.push(token.parse::<f64>().expect("a number"));
            token.clear();
        }
    };
    for c in d.chars() {
        match c {
            'M' | 'l' | 'z' => {
                flush(&mut token, &mut numbers);
                commands.push((c, numbers.len()));
            }
            ' ' => flush(&mut token, &mut numbers),
            '-' => {
                flush(&mut token, &mut numbers);
                token.push(c);
            }
            '.' if token.contains('.') => {
                flush(&mut token, &mut numbers);
                token.push(c);
            }
            c => token.push(c),
        }
    }
    flush(&mut token, &mut numbers);
    let mut out = Vec::new();
    let mut at = Css { x: 0.0, y: 0.0 };
    for (k, &(command, start)) in commands.iter().enumerate() {
        let end = commands.get(k + 1).map_or(numbers.len(), |c| c.1);
        let pairs = numbers[start..end].chunks(2);
        for pair in pairs {
            at = match command {
                'M' => Css {
                    x: pair[0],
                    y: pair[1],
                },
                'l' => Css {
                    x: at.x + pair[0],
                    y: at.y + pair[1],
                },
                other => panic!("numbers after {other}"),
            };
            out.push(at);
        }
    }
    out
}

/// The scene as SVG with placeholder words (the tests below look at the drawing).
fn plain_svg(s: &Scene, m: &Map) -> String {
    svg::write(
        s,
        m.projected(),
        Words {
            title: "t",
            desc: "d",
            lang: Lang::En,
            form: Form::File,
        },
    )
}

#[test]
fn the_picture_is_svg_named_and_described_in_its_language() {
    let text = picture_of(&request(560.0, 700.0, Lang::En, None));
    let doc = roxmltree::Document::parse(&text).expect("the picture parses as XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("viewBox"), Some("0 0 560 700"));
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("lang"), Some("en"));
    let child = |name: &str| {
        root.children()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        child("title"),
        "Map of Beijing, Tianjin and Hebei with the places named in the Decision"
    );
    let desc = child("desc");
    for name in ["Beijing", "Xiong'an New Area", "Sanhe, Dachang & Xianghe"] {
        assert!(desc.contains(name), "the description omits {name}: {desc}");
    }
    assert!(desc.contains("Natural Earth"), "no credit in {desc}");

    let zh = picture_of(&request(560.0, 700.0, Lang::Zh, None));
    let doc = roxmltree::Document::parse(&zh).expect("parses");
    assert_eq!(doc.root_element().attribute("lang"), Some("zh"));
    let labels = texts_of(&doc);
    assert!(labels.contains(&"北京"), "Chinese labels: {labels:?}");
}

#[test]
fn the_inline_picture_fills_the_elements_picture_slot_without_ids() {
    let file = picture_of(&request(560.0, 700.0, Lang::En, None));
    let inline = picture_of(&Request {
        form: Form::Inline,
        ..request(560.0, 700.0, Lang::En, None)
    });
    let doc = roxmltree::Document::parse(&inline).expect("the inline picture parses as XML");
    let root = doc.root_element();
    assert_eq!(root.attribute("slot"), Some("picture"));
    assert_eq!(root.attribute("role"), Some("img"));
    // Two maps on a page would repeat an id: the title and description name it as children.
    assert_eq!(root.attribute("aria-labelledby"), None);
    for node in doc
        .descendants()
        .filter(|n| n.has_tag_name("title") || n.has_tag_name("desc"))
    {
        assert_eq!(
            node.attribute("id"),
            None,
            "{:?} has an id",
            node.tag_name()
        );
    }
    assert_eq!(
        root.children()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text()),
        Some("Map of Beijing, Tianjin and Hebei with the places named in the Decision")
    );
    // The same drawing as the file's: everything after the description is alike.
    let after = |text: &str| text[text.find("</desc>").expect("a description")..].to_string();
    assert_eq!(after(&inline), after(&file));
}

#[test]
fn every_label_and_area_of_the_scene_is_in_the_picture_in_order() {
    for (width, height, lang, select) in [
        (560.0, 700.0, Lang::En, Some("xiongan")),
        (375.0, 470.0, Lang::Zh, None),
        (960.0, 1200.0, Lang::En, Some("tianjin")),
    ] {
        let r = request(width, height, lang, select);
        let text = picture_of(&r);
        let doc = roxmltree::Document::parse(&text).expect("parses");

        let mut m = map(width, height, lang);
        m.select(select).expect("selects");
        let s = scene_of(&m);
        let tenth = |v: f64| format!("{}", (v * 10.0).round() / 10.0);
        let want_labels: Vec<(String, String, String)> = s
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Label { text, at, .. } => Some((text.clone(), tenth(at.x), tenth(at.y))),
                _ => None,
            })
            .collect();
        let got_labels: Vec<(String, String, String)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| {
                let num = |a| tenth(n.attribute(a).unwrap_or("nan").parse().unwrap_or(f64::NAN));
                (n.text().unwrap_or_default().to_string(), num("x"), num("y"))
            })
            .collect();
        assert!(!want_labels.is_empty());
        assert_eq!(got_labels, want_labels, "labels at {width}×{height}");

        let want_areas: Vec<(String, String)> = s
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Area { fill, stroke, .. } => {
                    Some((fill.map_or("none".to_string(), hex), hex(*stroke)))
                }
                _ => None,
            })
            .collect();
        let got_areas: Vec<(String, String)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("path"))
            .map(|n| {
                let a = |name| n.attribute(name).unwrap_or_default().to_string();
                (a("fill"), a("stroke"))
            })
            .collect();
        assert_eq!(got_areas, want_areas, "areas at {width}×{height}");
    }
}

#[test]
fn outlines_are_cut_to_the_picture_when_zoomed_in() {
    let mut m = map(560.0, 700.0, Lang::En);
    assert!(m.zoom_by(8.0, Some(Css { x: 280.0, y: 350.0 })));
    let s = scene_of(&m);
    let text = plain_svg(&s, &m);
    let doc = roxmltree::Document::parse(&text).expect("parses");
    let mut seen = 0;
    for path in doc.descendants().filter(|n| n.has_tag_name("path")) {
        for v in vertices(path.attribute("d").expect("path data")) {
            seen += 1;
            // The cut lies 8 px outside the box; rounding to tenths moves it by at most 0.05.
            assert!(
                (-8.11..=568.11).contains(&v.x) && (-8.11..=708.11).contains(&v.y),
                "vertex {v:?} is outside the cut"
            );
        }
    }
    assert!(seen > 100, "only {seen} vertices drawn");
    // Cut, the zoomed picture is smaller than the whole region's.
    let whole = picture_of(&request(560.0, 700.0, Lang::En, None));
    assert!(text.len() < whole.len(), "{} ≥ {}", text.len(), whole.len());
}

#[test]
fn an_outline_keeps_its_shape_through_the_relative_path() {
    // Beijing's outline, as the picture writes it, passes within 0.58 px of every vertex of
    // the projected ring.
    let m = map(560.0, 700.0, Lang::En);
    let s = scene_of(&m);
    let text = plain_svg(&s, &m);
    let beijing = m
        .data()
        .places
        .iter()
        .position(|p| p.id == "beijing")
        .expect("Beijing");
    let fill = hex(Style::default()
        .for_place(m.data().places[beijing].kind, m.projected().tints[beijing])
        .fill);
    let doc = roxmltree::Document::parse(&text).expect("parses");
    let path = doc
        .descendants()
        .find(|n| n.has_tag_name("path") && n.attribute("fill") == Some(fill.as_str()))
        .expect("Beijing's path");
    let drawn = vertices(path.attribute("d").expect("data"));
    let view = m.view().expect("view");
    let jingjinji_map::geo::shapes::PlaneShape::Area(polys) = &m.projected().shapes[beijing] else {
        panic!("Beijing is an area");
    };
    let ring = &polys[0].rings[0];
    let mut near = 0;
    for p in ring {
        let c = view.to_css(*p);
        let closest = drawn
            .windows(2)
            .map(|w| segment_distance((c.x, c.y), (w[0].x, w[0].y), (w[1].x, w[1].y)))
            .fold(f64::INFINITY, f64::min);
        // Half a pixel of straightening, and tenths of a pixel of rounding.
        assert!(
            closest < 0.58,
            "{c:?} is {closest} px from the drawn outline"
        );
        near += 1;
    }
    assert!(near > 100, "only {near} vertices checked");
}

#[test]
fn the_dark_picture_differs_from_the_light_one_in_every_colour_a_reader_sees() {
    let light = picture_of(&request(560.0, 700.0, Lang::En, None));
    let mut r = request(560.0, 700.0, Lang::En, None);
    r.theme = Theme::Dark;
    let dark = picture_of(&r);
    let first = |text: &str, tag: &str, attribute: &str| {
        let doc = roxmltree::Document::parse(text).expect("parses");
        let found = doc
            .descendants()
            .find(|n| n.has_tag_name(tag))
            .and_then(|n| n.attribute(attribute))
            .map(str::to_string);
        found.expect("the attribute")
    };
    let dark_style = Style::dark();
    assert_eq!(first(&dark, "rect", "fill"), hex(dark_style.background));
    assert_eq!(first(&dark, "text", "fill"), hex(dark_style.ink));
    for (tag, attribute) in [
        ("rect", "fill"),
        ("text", "fill"),
        ("path", "fill"),
        ("circle", "fill"),
    ] {
        assert_ne!(
            first(&light, tag, attribute),
            first(&dark, tag, attribute),
            "{tag} {attribute} is the same in both themes"
        );
    }
    // Light text on the dark theme's sea, dark text on the light one's.
    let luminance =
        |c: Color| 0.2126 * f64::from(c.r) + 0.7152 * f64::from(c.g) + 0.0722 * f64::from(c.b);
    assert!(luminance(dark_style.ink) > luminance(dark_style.background) + 150.0);
    let light_style = Style::light();
    assert!(luminance(light_style.ink) + 150.0 < luminance(light_style.background));
}

#[test]
fn markup_in_the_words_is_escaped() {
    let m = map(560.0, 700.0, Lang::En);
    let text = svg::write(
        &scene_of(&m),
        m.projected(),
        Words {
            title: "Tianjin <Binhai> & \"friends\"",
            desc: "</desc><script>alert(1)</script>",
            lang: Lang::En,
            form: Form::File,
        },
    );
    let doc = roxmltree::Document::parse(&text).expect("parses");
    assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .expect("title");
    assert_eq!(title.text(), Some("Tianjin <Binhai> & \"friends\""));
}

#[test]
fn the_render_command_writes_the_picture_and_refuses_bad_options_in_plain_words() {
    let dir = std::env::temp_dir().join(format!("jjm-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = dir.join("map.svg");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_jingjinji-map"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .output()
            .expect("runs")
    };
    let ok = run(&[
        "render",
        "--out",
        out.to_str().expect("path"),
        "--select",
        "xiongan",
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let written = std::fs::read_to_string(&out).expect("written");
    assert_eq!(
        written,
        picture_of(&request(560.0, 700.0, Lang::En, Some("xiongan")))
    );

    for (args, message) in [
        (vec!["render"], "render needs --out <file.svg>"),
        (
            vec!["render", "--out", "x.svg", "--width", "10"],
            "--width takes a size in CSS pixels from 64 to 8192, not \"10\"",
        ),
        (vec!["render", "--out", "x.svg", "--lang", "fr"], "fr"),
        (
            vec!["render", "--out", "x.svg", "--theme"],
            "--theme needs a value",
        ),
        (
            vec!["render", "--out", "x.svg", "--theme", "sepia"],
            "--theme is light, dark or contrast, not \"sepia\"",
        ),
        (
            vec!["render", "--out", "x.svg", "--select", "atlantis"],
            "no place has the id \"atlantis\"",
        ),
        (
            vec!["render", "only-one.geojson", "--out", "x.svg"],
            "both data files or neither",
        ),
    ] {
        let r = run(&args);
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?} said: {stderr}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_zh_en_picture_names_places_in_both_languages() {
    let mut r = request(560.0, 700.0, Lang::Zh, None);
    r.bilingual = true;
    let text = picture_of(&r);
    let doc = roxmltree::Document::parse(&text).expect("parses");
    let labels = texts_of(&doc);
    for name in ["北京", "Beijing", "天津", "Tianjin"] {
        assert!(labels.contains(&name), "{name} missing from {labels:?}");
    }
}

#[test]
fn control_characters_in_the_data_never_reach_the_picture_the_page_or_the_panel() {
    // `\b`, `\f` and `\u0001` are valid JSON escapes, but XML 1.0 forbids the characters
    // they stand for: a name holding them must still give a well-formed SVG, and plain text.
    let features = common::FEATURES
        .replacen(
            "\"name_en\":\"Tianjin\"",
            "\"name_en\":\"Tian\\bji\\fn\\u0001\"",
            1,
        )
        .replacen("\"short_en\":\"Tianjin\"", "\"short_en\":\"\\fTianjin\"", 1);
    assert_ne!(features, common::FEATURES, "Tianjin's name was found");
    let policies = common::POLICIES.replacen("\"en\": \"", "\"en\": \"\\u0002", 1);
    let dir = std::env::temp_dir().join(format!("jjm-controls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (f, p, out) = (
        dir.join("places.geojson"),
        dir.join("policies.json"),
        dir.join("map.svg"),
    );
    std::fs::write(&f, &features).expect("write");
    std::fs::write(&p, &policies).expect("write");
    let run = |args: &[&str]| {
        let r = Command::new(env!("CARGO_BIN_EXE_jingjinji-map"))
            .args(args)
            .output()
            .expect("runs");
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        String::from_utf8(r.stdout).expect("UTF-8")
    };
    let (f, p) = (f.to_str().expect("path"), p.to_str().expect("path"));
    run(&["render", f, p, "--out", out.to_str().expect("path")]);
    let svg = std::fs::read_to_string(&out).expect("written");
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    let labels = texts_of(&doc);
    assert!(labels.contains(&"Tianjin"), "{labels:?}");
    let html = run(&["fallback", f, p, "--lang", "en"]);
    assert!(html.contains("Tianjin"), "{html}");
    assert!(!html.chars().any(|c| c.is_control() && c != '\n'), "{html}");
    // The dataset the panel and the labels read holds no control characters either.
    let data = jingjinji_map::data::load::load(&features, Some(&policies)).expect("loads");
    let tianjin = &data.places[data.index_of("tianjin").expect("tianjin")];
    assert_eq!(tianjin.name.en, "Tianjin");
    // The policies' first English text, where the test put a U+0002.
    let sources = &data.policies.as_ref().expect("policies").sources;
    let (_, source) = sources.iter().next().expect("a source");
    assert_eq!(source.publisher.en, "Securities Times");
    std::fs::remove_dir_all(&dir).ok();
}
