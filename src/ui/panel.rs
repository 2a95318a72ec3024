//! The details panel's content as plain data, in the reader's language: the Decision's
//! overview when nothing is selected, otherwise what the Decision means for the place.

use crate::data::model::{Kind, Place};
use crate::data::policy::{Policies, Source};
use crate::i18n::{Lang, Text};
use crate::ui::map::Map;

/// One entry of a list: optional date, then text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Entry {
    /// Human-readable date, if dated.
    pub date: Option<String>,
    /// The text.
    pub text: String,
}

/// A headed list in the panel.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Section {
    /// Heading.
    pub heading: String,
    /// Whether the order matters (numbered list).
    pub ordered: bool,
    /// Entries.
    pub entries: Vec<Entry>,
}

/// Everything the panel shows.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PanelContent {
    /// Selected place id, or `None` for the overview.
    pub id: Option<String>,
    /// Small line above the title (kind, or issuer and date).
    pub kicker: String,
    /// Title.
    pub title: String,
    /// Caveat such as "location approximate".
    pub note: Option<String>,
    /// Lead paragraph.
    pub summary: String,
    /// Lists.
    pub sections: Vec<Section>,
    /// The citation line.
    pub source: Option<String>,
    /// A hint on how to go back or explore.
    pub hint: String,
}

fn ui(lang: Lang, en: &'static str, zh: &'static str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Zh => zh.to_string(),
    }
}

/// Undated entries from bilingual texts.
fn plain(texts: &[Text], lang: Lang) -> Vec<Entry> {
    texts
        .iter()
        .map(|t| Entry {
            date: None,
            text: t.get(lang).to_string(),
        })
        .collect()
}

/// Formats `YYYY[-MM[-DD]]` for readers.
pub fn human_date(date: &str, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<u32> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    let month = |m: u32| {
        MONTHS
            .get((m as usize).wrapping_sub(1))
            .copied()
            .unwrap_or("?")
    };
    match (lang, parts.as_slice()) {
        (Lang::En, [y]) => format!("{y}"),
        (Lang::En, [y, m]) => format!("{} {y}", month(*m)),
        (Lang::En, [y, m, d]) => format!("{d} {} {y}", month(*m)),
        (Lang::Zh, [y]) => format!("{y}年"),
        (Lang::Zh, [y, m]) => format!("{y}年{m}月"),
        (Lang::Zh, [y, m, d]) => format!("{y}年{m}月{d}日"),
        _ => date.to_string(),
    }
}

fn cite(policies: &Policies, key: &str, lang: Lang) -> Option<String> {
    let Source {
        publisher,
        title,
        date,
    } = policies.sources.get(key)?;
    Some(match lang {
        Lang::En => format!(
            "Source: {}, {}, “{}”. Summary in our own words.",
            publisher.en,
            human_date(date, lang),
            title.en
        ),
        // The zh title may describe the report rather than quote a headline, so no 《》.
        Lang::Zh => format!(
            "来源：{}，{}，{}。内容由地图编者概括。",
            publisher.zh,
            human_date(date, lang),
            title.zh
        ),
    })
}

fn kind_line(place: &Place, lang: Lang) -> String {
    match place.kind {
        Kind::Province => ui(lang, "Province-level region", "省级行政区"),
        Kind::Counties => ui(
            lang,
            "Hebei counties bordering Tongzhou",
            "与通州接壤的河北三县",
        ),
        Kind::Wing => ui(lang, "One of Beijing's “new two wings”", "北京“新两翼”之一"),
        Kind::Park => ui(lang, "Zhongguancun partner park", "中关村合作园区"),
        Kind::Context => ui(lang, "Neighbouring area", "周边地区"),
    }
}

/// The panel content for the map's current selection.
pub fn content(map: &Map) -> PanelContent {
    let lang = map.lang();
    let data = map.data();
    let place = map.selected().and_then(|i| data.places.get(i));
    let policies = data.policies.as_ref();
    let milestones = |filter: &dyn Fn(&[String]) -> bool| -> Vec<Entry> {
        policies
            .map(|p| {
                p.milestones
                    .iter()
                    .filter(|m| filter(&m.places))
                    .map(|m| Entry {
                        date: Some(human_date(&m.date, lang)),
                        text: m.text.get(lang).to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let timeline = |entries: Vec<Entry>| Section {
        heading: ui(lang, "Timeline", "大事记"),
        ordered: false,
        entries,
    };
    match place {
        None => {
            let Some(p) = policies else {
                return PanelContent {
                    id: None,
                    kicker: String::new(),
                    title: ui(lang, "Map", "地图"),
                    note: None,
                    summary: String::new(),
                    sections: Vec::new(),
                    source: None,
                    hint: ui(
                        lang,
                        "Select a place on the map.",
                        "点击地图上的地点查看详情。",
                    ),
                };
            };
            let o = &p.overview;
            let mut sections = vec![Section {
                heading: ui(lang, "The four measures", "四项主要举措"),
                ordered: true,
                entries: plain(&o.measures, lang),
            }];
            let all = milestones(&|_| true);
            if !all.is_empty() {
                sections.push(timeline(all));
            }
            PanelContent {
                id: None,
                kicker: format!("{} · {}", o.issuer.get(lang), human_date(&o.date, lang)),
                title: o.title.get(lang).to_string(),
                note: None,
                summary: o.summary.get(lang).to_string(),
                sections,
                source: cite(p, &o.source, lang),
                hint: ui(
                    lang,
                    "Select a region or a marker on the map to see what the Decision means there.",
                    "点击地图上的区域或标记，查看《决定》对该地的意义。",
                ),
            }
        }
        Some(place) => {
            let note = place.approximate.then(|| match (&place.host, lang) {
                (Some(h), Lang::En) => format!("Location approximate: marked at {}.", h.en),
                (Some(h), Lang::Zh) => format!("位置为近似：标在{}。", h.zh),
                (None, _) => ui(lang, "Location approximate.", "位置为近似。"),
            });
            let policy = policies.and_then(|p| p.places.get(&place.id));
            let mut sections = Vec::new();
            if let Some(pp) = policy {
                if !pp.points.is_empty() {
                    sections.push(Section {
                        heading: ui(lang, "What the Decision says", "《决定》要点"),
                        ordered: false,
                        entries: plain(&pp.points, lang),
                    });
                }
            }
            let own = milestones(&|ids| ids.contains(&place.id));
            if !own.is_empty() {
                sections.push(timeline(own));
            }
            PanelContent {
                id: Some(place.id.clone()),
                kicker: kind_line(place, lang),
                title: place.name.get(lang).to_string(),
                note,
                summary: policy
                    .map(|pp| pp.summary.get(lang).to_string())
                    .unwrap_or_default(),
                sections,
                source: policy.and_then(|pp| policies.and_then(|p| cite(p, &pp.source, lang))),
                hint: ui(
                    lang,
                    "Select empty space on the map to return to the overview.",
                    "点击地图空白处返回概览。",
                ),
            }
        }
    }
}
