//! The details panel's content as plain data, in the reader's language: the Decision's
//! overview when nothing is selected, otherwise what the Decision means for the place.

use crate::data::model::{Dataset, Place};
use crate::data::policy::{Policies, Source};
use crate::i18n::{dash_parts, digits, Lang, Text, Ui};

/// One entry of a list: optional date, then text.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Human-readable date, if dated.
    pub date: Option<String>,
    /// The text.
    pub text: String,
}

/// A headed list in the panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Heading.
    pub heading: String,
    /// Whether the order matters (numbered list).
    pub ordered: bool,
    /// Entries.
    pub entries: Vec<Entry>,
}

/// Everything the panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelContent {
    /// Selected place id, or `None` for the overview.
    pub id: Option<String>,
    /// Small line above the title (kind, or issuer and date).
    pub kicker: String,
    /// Title.
    pub title: String,
    /// Caveat such as "location approximate".
    pub note: Option<String>,
    /// The place's figure on a value map (`rate: 4.2 %, class 2 of 5`).
    pub figure: Option<String>,
    /// Lead paragraph.
    pub summary: String,
    /// Lists.
    pub sections: Vec<Section>,
    /// The citation line.
    pub source: Option<String>,
    /// A hint on how to go back or explore.
    pub hint: String,
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

/// Formats `YYYY[-MM[-DD]]` for readers ("12 Dec 2023", "2023年12月12日"). Written with
/// string pieces rather than `format!` and integer formatting, which cost the wasm bytes.
pub fn human_date(date: &str, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    // Each part as written, without leading zeros ("05" → "5"), and as a number.
    let parts: Vec<(&str, u32)> = dash_parts(date)
        .into_iter()
        .filter_map(|p| {
            let n = digits(p)?;
            let zeros = p.bytes().take_while(|&b| b == b'0').count();
            let trimmed = p.get(zeros.min(p.len() - 1)..).unwrap_or(p);
            Some((trimmed, n))
        })
        .collect();
    let (Some(&(year, _)), month, day, None) =
        (parts.first(), parts.get(1), parts.get(2), parts.get(3))
    else {
        return date.to_string();
    };
    let mut out = String::new();
    match lang {
        Lang::En => {
            if let Some((d, _)) = day {
                out.push_str(d);
                out.push(' ');
            }
            if let Some((_, m)) = month {
                let name = MONTHS.get((*m as usize).wrapping_sub(1));
                out.push_str(name.copied().unwrap_or("?"));
                out.push(' ');
            }
            out.push_str(year);
        }
        Lang::Zh => {
            out.push_str(year);
            out.push('年');
            if let Some((m, _)) = month {
                out.push_str(m);
                out.push('月');
            }
            if let Some((d, _)) = day {
                out.push_str(d);
                out.push('日');
            }
        }
    }
    out
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

/// What the panel shows for the current selection: the overview, or one place's details.
pub fn content(data: &Dataset, selected: Option<usize>, lang: Lang) -> PanelContent {
    match selected.and_then(|i| data.places.get(i)) {
        None => overview(data, lang),
        Some(place) => place_details(data, place, lang),
    }
}

/// The dated milestones whose places pass `filter`, in file order.
fn milestones(data: &Dataset, lang: Lang, filter: impl Fn(&[String]) -> bool) -> Vec<Entry> {
    data.policies
        .iter()
        .flat_map(|p| &p.milestones)
        .filter(|m| filter(&m.places))
        .map(|m| Entry {
            date: Some(human_date(&m.date, lang)),
            text: m.text.get(lang).to_string(),
        })
        .collect()
}

/// A "Timeline" section, if there are entries.
fn timeline(entries: Vec<Entry>, lang: Lang) -> Option<Section> {
    (!entries.is_empty()).then(|| Section {
        heading: Ui::Timeline.get(lang).to_string(),
        ordered: false,
        entries,
    })
}

/// The policy's word for `chosen` in `lang`, or the generic interface words.
fn word(chosen: Option<&Text>, generic: Ui, lang: Lang) -> String {
    chosen
        .map_or_else(|| generic.get(lang), |t| t.get(lang))
        .to_string()
}

/// The Decision's overview, shown when nothing is selected.
fn overview(data: &Dataset, lang: Lang) -> PanelContent {
    let Some(policies) = data.policies.as_ref() else {
        return PanelContent {
            id: None,
            kicker: String::new(),
            title: Ui::MapTitle.get(lang).to_string(),
            note: None,
            figure: None,
            summary: String::new(),
            sections: Vec::new(),
            source: None,
            hint: Ui::OverviewHint.get(lang).to_string(),
        };
    };
    let overview = &policies.overview;
    let words = &policies.words;
    let mut sections = vec![Section {
        heading: word(words.measures_heading.as_ref(), Ui::MeasuresHeading, lang),
        ordered: true,
        entries: plain(&overview.measures, lang),
    }];
    sections.extend(timeline(milestones(data, lang, |_| true), lang));
    PanelContent {
        id: None,
        kicker: format!(
            "{} · {}",
            overview.issuer.get(lang),
            human_date(&overview.date, lang)
        ),
        title: overview.title.get(lang).to_string(),
        note: None,
        figure: None,
        summary: overview.summary.get(lang).to_string(),
        sections,
        source: cite(policies, &overview.source, lang),
        hint: word(words.overview_hint.as_ref(), Ui::OverviewHint, lang),
    }
}

/// What the policy means for one place.
fn place_details(data: &Dataset, place: &Place, lang: Lang) -> PanelContent {
    let note = place.approximate.then(|| match (&place.host, lang) {
        (Some(h), Lang::En) => format!("Location approximate: marked at {}.", h.en),
        (Some(h), Lang::Zh) => format!("位置为近似：标在{}。", h.zh),
        (None, _) => Ui::LocationApproximate.get(lang).to_string(),
    });
    let policies = data.policies.as_ref();
    let policy = policies.and_then(|p| p.places.get(&place.id));
    let mut sections = Vec::new();
    if let (Some(policies), Some(policy)) = (policies, policy) {
        if !policy.points.is_empty() {
            sections.push(Section {
                heading: word(
                    policies.words.points_heading.as_ref(),
                    Ui::PointsHeading,
                    lang,
                ),
                ordered: false,
                entries: plain(&policy.points, lang),
            });
        }
    }
    sections.extend(timeline(
        milestones(data, lang, |ids| ids.contains(&place.id)),
        lang,
    ));
    PanelContent {
        id: Some(place.id.clone()),
        kicker: data.kind_name(place.kind).get(lang).to_string(),
        title: place.name.get(lang).to_string(),
        note,
        figure: None,
        summary: policy
            .map(|p| p.summary.get(lang).to_string())
            .unwrap_or_default(),
        sections,
        source: policy.and_then(|p| policies.and_then(|all| cite(all, &p.source, lang))),
        hint: Ui::PlaceHint.get(lang).to_string(),
    }
}
