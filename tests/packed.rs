//! The packed forms the JavaScript painter and panel read: every item, ring and panel line
//! survives the trip through flat numbers and strings.

mod common;

use common::map;
use jingjinji_map::geo::shapes::PlaneShape;
use jingjinji_map::i18n::Lang;
use jingjinji_map::render::scene::{self, Item};
use jingjinji_map::render::style::Style;
use jingjinji_map::ui::packed::{self, op, HEADER};
use jingjinji_map::ui::panel;

/// How many values follow each opcode (the layout documented in `ui::packed::op`).
fn arity(code: f64) -> usize {
    match code {
        c if c == op::AREA => 4,
        c if c == op::RECT => 7,
        c if c == op::CIRCLE => 8,
        c if c == op::LABEL => 8,
        other => panic!("unknown opcode {other}"),
    }
}

#[test]
fn every_item_of_the_scene_is_packed_with_its_strings() {
    let mut m = map(560.0, 700.0, Lang::Zh);
    m.select(Some("tongzhou")).unwrap();
    let s = scene::build(&m.frame(&Style::default()).unwrap());
    let p = packed::scene(&s, 2.0);
    assert_eq!(
        &p.numbers[..5],
        &[560.0, 700.0, s.view.scale, s.view.tx, s.view.ty]
    );
    assert_eq!(p.numbers[6], packed::rgba(s.background));
    assert_eq!(
        packed::rgba(jingjinji_map::render::style::Color::hex(0xdce8ef)),
        3_706_253_311.0
    );
    let mut codes = Vec::new();
    let mut labels = Vec::new();
    let mut k = HEADER;
    while k < p.numbers.len() {
        let code = p.numbers[k];
        let values = &p.numbers[k + 1..k + 1 + arity(code)];
        if code == op::LABEL {
            labels.push(p.strings[values[0] as usize].clone());
            assert!(p.strings[values[3] as usize].contains("px"), "a font");
        }
        codes.push(code);
        k += 1 + arity(code);
    }
    assert_eq!(k, p.numbers.len(), "the last item ends the list");
    let expected: Vec<f64> = s
        .items
        .iter()
        .map(|it| match it {
            Item::Area { .. } => op::AREA,
            Item::Rect { .. } => op::RECT,
            Item::Circle { .. } => op::CIRCLE,
            Item::Label { .. } => op::LABEL,
        })
        .collect();
    assert_eq!(codes, expected);
    let texts: Vec<String> = s
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Label { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(labels, texts);
    assert!(labels.iter().any(|l| l == "北京"), "{labels:?}");
    // Strings are kept once each, however often a colour recurs.
    let mut unique = p.strings.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), p.strings.len());
}

#[test]
fn outlines_unpack_to_the_projected_rings() {
    let m = map(560.0, 700.0, Lang::En);
    let projected = m.projected();
    // A level so fine that nothing is thinned: the rings come back exactly.
    let flat = packed::paths(projected, 60);
    let mut k = 0;
    for shape in &projected.shapes {
        let rings = flat[k] as usize;
        k += 1;
        match shape {
            PlaneShape::Point(_) => assert_eq!(rings, 0),
            PlaneShape::Area(polys) => {
                let originals: Vec<_> = polys.iter().flat_map(|p| &p.rings).collect();
                assert_eq!(rings, originals.len());
                for ring in originals {
                    let n = flat[k] as usize;
                    assert_eq!(n, ring.len());
                    for (v, p) in ring.iter().enumerate() {
                        assert_eq!([flat[k + 1 + 2 * v], flat[k + 2 + 2 * v]], [p.x, p.y]);
                    }
                    k += 1 + 2 * n;
                }
            }
        }
    }
    assert_eq!(k, flat.len());
    // The shipped outlines are already simplified for the whole region on a phone, so they
    // are thinned only where they would be drawn smaller still, as in a thumbnail.
    let whole = m.view().unwrap().scale;
    let level = jingjinji_map::geo::simplify::detail_level;
    assert_eq!(
        packed::paths(projected, level(2.0 * whole)).len(),
        flat.len()
    );
    let thumbnail = packed::paths(projected, level(0.1 * whole));
    assert!(
        thumbnail.len() * 3 < flat.len() * 2,
        "{} vs {}",
        thumbnail.len(),
        flat.len()
    );
}

#[test]
fn the_panel_unpacks_to_its_content() {
    let mut m = map(560.0, 700.0, Lang::En);
    m.select(Some("xiongan")).unwrap();
    let content = panel::content(m.data(), m.selected(), Lang::En);
    let s = packed::panel(&content);
    assert_eq!(s[0], "xiongan");
    assert_eq!(s[2], content.title);
    assert_eq!(s[6], content.hint);
    let mut k = 7;
    for section in &content.sections {
        assert_eq!(s[k], section.heading);
        assert_eq!(s[k + 1], if section.ordered { "1" } else { "0" });
        assert_eq!(s[k + 2], section.entries.len().to_string());
        k += 3;
        for entry in &section.entries {
            assert_eq!(s[k], entry.date.clone().unwrap_or_default());
            assert_eq!(s[k + 1], entry.text);
            k += 2;
        }
    }
    assert_eq!(k, s.len());
    assert!(!content.sections.is_empty());
}
