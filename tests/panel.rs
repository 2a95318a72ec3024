//! The details panel in both languages: overview, places, completeness of the shipped content.

mod common;

use common::map;
use jingjinji_map::data::model::Kind;
use jingjinji_map::i18n::Lang;
use jingjinji_map::ui::map::Map;
use jingjinji_map::ui::panel::{content, human_date, PanelContent};

/// What the panel shows for the map's state.
fn panel(m: &Map) -> PanelContent {
    content(m.data(), m.selected(), m.lang())
}

fn all_text(c: &jingjinji_map::ui::panel::PanelContent) -> String {
    let mut t = vec![c.kicker.clone(), c.title.clone(), c.summary.clone()];
    t.extend(c.note.clone());
    t.extend(c.source.clone());
    for s in &c.sections {
        t.push(s.heading.clone());
        for e in &s.entries {
            t.extend(e.date.clone());
            t.push(e.text.clone());
        }
    }
    t.join("\n")
}

#[test]
fn overview_names_issuer_date_and_four_measures() {
    let m = map(400.0, 500.0, Lang::En);
    let c = panel(&m);
    assert_eq!(c.id, None);
    assert!(c
        .kicker
        .contains("Standing Committee of the Beijing Municipal People's Congress"));
    assert!(c.kicker.contains("12 Dec 2023"));
    assert!(c.title.contains("Coordinated Innovation Community"));
    assert_eq!(c.sections[0].entries.len(), 4);
    assert!(c.sections[0].ordered);
    assert!(c
        .source
        .as_deref()
        .unwrap()
        .contains("Securities Times, 22 Feb 2024"));
    let text = all_text(&c);
    for fact in [
        "86 reform tasks",
        "more than 80 departments",
        "179",
        "234",
        "more than 200",
        "15 matters",
        "2021–2025",
        "by 2025",
    ] {
        assert!(text.contains(fact), "overview lacks {fact:?}");
    }
}

#[test]
fn overview_in_chinese() {
    let m = map(400.0, 500.0, Lang::Zh);
    let c = panel(&m);
    assert!(c.kicker.contains("北京市人民代表大会常务委员会"));
    assert!(c.kicker.contains("2023年12月12日"));
    assert!(c.title.contains("协同创新共同体"));
    assert!(c.source.as_deref().unwrap().contains("证券时报"));
}

#[test]
fn xiongan_panel_in_both_languages() {
    let mut m = map(400.0, 500.0, Lang::En);
    m.select(Some("xiongan")).unwrap();
    let en = all_text(&panel(&m));
    assert!(en.contains("Xiong'an New Area"));
    assert!(en.contains("non-capital functions"));
    assert!(en.contains("Location approximate"));
    assert!(en.contains("Apr 2017"));
    m.set_lang(Lang::Zh);
    let zh = all_text(&panel(&m));
    assert!(zh.contains("雄安新区"));
    assert!(zh.contains("非首都功能"));
    assert!(zh.contains("位置为近似"));
    assert!(zh.contains("2017年4月"));
}

#[test]
fn every_place_has_complete_sourced_bilingual_details() {
    for lang in [Lang::En, Lang::Zh] {
        let mut m = map(400.0, 500.0, lang);
        let ids: Vec<(String, Kind, bool)> = m
            .data()
            .places
            .iter()
            .filter(|p| p.kind.selectable())
            .map(|p| (p.id.clone(), p.kind, p.approximate))
            .collect();
        assert_eq!(ids.len(), 14);
        for (id, kind, approximate) in ids {
            m.select(Some(&id)).unwrap();
            let c = panel(&m);
            assert_eq!(c.id.as_deref(), Some(id.as_str()));
            assert!(
                !c.title.is_empty() && !c.summary.is_empty(),
                "{id} {lang:?}"
            );
            assert!(
                !c.sections.is_empty() && !c.sections[0].entries.is_empty(),
                "{id} has no points"
            );
            assert!(c.source.is_some(), "{id} is not sourced");
            assert_eq!(c.note.is_some(), approximate, "{id}");
            if kind == Kind::Park {
                assert!(approximate, "parks are placed at their host town");
            }
        }
    }
}

#[test]
fn unknown_ids_are_refused_and_context_is_not_selectable() {
    let mut m = map(400.0, 500.0, Lang::En);
    assert_eq!(
        m.select(Some("atlantis")).unwrap_err().to_string(),
        "no place has the id \"atlantis\""
    );
    assert!(m.select(Some("context-shandong")).is_err());
    assert!(m.select(Some("tianjin")).unwrap());
    assert!(
        !m.select(Some("tianjin")).unwrap(),
        "same selection is no change"
    );
    assert!(m.select(None).unwrap());
    assert_eq!(m.selected_id(), None);
}

#[test]
fn regions_lists_every_selectable_place() {
    let m = map(400.0, 500.0, Lang::En);
    let ids: Vec<String> = m.selectable_places().into_iter().map(|r| r.id).collect();
    for id in [
        "beijing",
        "tianjin",
        "hebei",
        "sanhe-dachang-xianghe",
        "tongzhou",
        "xiongan",
    ] {
        assert!(ids.contains(&id.to_string()), "{id}");
    }
    assert_eq!(ids.iter().filter(|i| i.starts_with("park-")).count(), 8);
    assert!(!ids.iter().any(|i| i.starts_with("context-")));
}

#[test]
fn dates_read_naturally() {
    assert_eq!(human_date("2023-12-12", Lang::En), "12 Dec 2023");
    assert_eq!(human_date("2016-05", Lang::En), "May 2016");
    assert_eq!(human_date("2021", Lang::Zh), "2021年");
    assert_eq!(human_date("2023-09", Lang::Zh), "2023年9月");
}

#[test]
fn another_region_reads_in_its_own_words() {
    let data = jingjinji_map::data::load::load(
        include_str!("../data/examples/shanghai-suzhou.geojson"),
        Some(include_str!(
            "../data/examples/shanghai-suzhou.policies.json"
        )),
    )
    .unwrap();
    let mut m = Map::new(data, Lang::En);
    let overview = all_text(&panel(&m));
    assert!(!overview.contains("four measures"), "{overview}");
    assert!(!overview.contains("Decision"), "{overview}");
    assert_eq!(panel(&m).sections[0].heading, "Key points");
    m.select(Some("suzhou")).unwrap();
    let c = panel(&m);
    assert_eq!(c.kicker, "Partner city");
    assert!(!all_text(&c).contains("Zhongguancun"));
    m.set_lang(Lang::Zh);
    assert_eq!(panel(&m).kicker, "合作城市");
}

#[test]
fn data_without_words_gets_generic_ones() {
    // The default data with its `title`, `kinds` and `words` removed: nothing region-specific remains.
    let features = common::FEATURES
        .replacen("\"kinds\"", "\"unused_kinds\"", 1)
        .replacen("\"title_", "\"unused_title_", 2);
    let mut policies: serde_json::Value = serde_json::from_str(common::POLICIES).unwrap();
    policies.as_object_mut().unwrap().remove("words");
    let data = jingjinji_map::data::load::load(&features, Some(&policies.to_string())).unwrap();
    let mut m = Map::new(data, Lang::En);
    assert_eq!(panel(&m).sections[0].heading, "Measures");
    m.select(Some("park-baoding")).unwrap();
    assert_eq!(panel(&m).kicker, "Partner park");
    assert_eq!(m.title(), "Interactive map");
}

#[test]
fn the_demo_pages_no_script_fallback_matches_the_data() {
    // Readers without JavaScript or WebAssembly get the list inside the element; it must say
    // what the map says. Regenerate with `jingjinji-map fallback data/places.geojson
    // data/policies.json` and paste it between the markers.
    let page = include_str!("../www/index.html");
    let marker = page.find("<!-- fallback:start").unwrap();
    let start = marker + page[marker..].find("-->\n").unwrap() + 4;
    let end = page.find("\n<!-- fallback:end -->").unwrap();
    let want = jingjinji_map::ui::fallback::html(&common::shipped(), Lang::En);
    assert_eq!(
        &page[start..end],
        want,
        "www/index.html's fallback is out of date"
    );
    assert!(want.contains("R&amp;D"), "text is escaped");
    assert_eq!(want.matches("<li>").count(), 14, "every place is listed");
}
