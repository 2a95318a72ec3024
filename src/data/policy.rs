//! The policy file: its schema (see `data/README.md` and `data/policies.schema.json`) and the
//! checks serde cannot express (both languages present, dates, cited sources exist).

use crate::data::report::{DataFile, Location, Report};
use crate::i18n::Text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// All policy content: the Decision's overview, per-place details, a timeline and sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policies {
    /// JSON Schema reference; ignored.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Cited sources by key.
    pub sources: BTreeMap<String, Source>,
    /// What is shown when nothing is selected.
    pub overview: Overview,
    /// Details per place id.
    pub places: BTreeMap<String, PlacePolicy>,
    /// Dated milestones, each tagged with the places it concerns.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// The policy's own words for the panel's headings and hint.
    #[serde(default)]
    pub words: PanelWords,
}

/// Panel words that depend on the policy being mapped; each falls back to a generic phrase.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PanelWords {
    /// Heading over the overview's measures, e.g. "The four measures".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measures_heading: Option<Text>,
    /// Heading over a place's points, e.g. "What the Decision says".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points_heading: Option<Text>,
    /// How to explore, under the overview.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overview_hint: Option<Text>,
}

/// A cited source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Who published it.
    pub publisher: Text,
    /// Its headline or title.
    pub title: Text,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
}

/// The overview of the Decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overview {
    /// The Decision's title.
    pub title: Text,
    /// Who issued it.
    pub issuer: Text,
    /// When it was issued, `YYYY-MM-DD` or `YYYY-MM`.
    pub date: String,
    /// A plain-language summary.
    pub summary: Text,
    /// The measures, in order.
    pub measures: Vec<Text>,
    /// Key of the source in `sources`.
    pub source: String,
}

/// What the Decision means for one place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacePolicy {
    /// One or two sentences.
    pub summary: Text,
    /// The measures or facts that concern this place.
    #[serde(default)]
    pub points: Vec<Text>,
    /// Key of the source in `sources`.
    pub source: String,
}

/// A dated event on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// What happened.
    pub text: Text,
    /// Ids of the places it concerns (empty: the whole region).
    #[serde(default)]
    pub places: Vec<String>,
    /// Key of the source in `sources`.
    pub source: String,
}

/// Whether `s` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with plausible numbers.
pub fn is_partial_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize, lo: u32, hi: u32| {
        p.len() == len
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
    };
    match parts.as_slice() {
        [y] => num(y, 4, 1900, 2100),
        [y, m] => num(y, 4, 1900, 2100) && num(m, 2, 1, 12),
        [y, m, d] => num(y, 4, 1900, 2100) && num(m, 2, 1, 12) && num(d, 2, 1, 31),
        _ => false,
    }
}

impl Policies {
    /// Reports what the schema cannot: empty texts, bad dates, citations of unknown sources.
    pub fn validate(&self, report: &mut Report) {
        let at = |path: String| Location::path(DataFile::Policies, path);
        let need_source = |path: String, key: &str, report: &mut Report| {
            if !self.sources.contains_key(key) {
                report.error(
                    at(path),
                    format!("cites {key:?}, which is not in \"sources\""),
                );
            }
        };
        let need_text = |path: String, t: &Text, report: &mut Report| {
            if t.zh.trim().is_empty() || t.en.trim().is_empty() {
                report.error(at(path), "needs text in both zh and en");
            }
        };
        let need_date = |path: String, date: &str, report: &mut Report| {
            if !is_partial_date(date) {
                report.error(
                    at(path),
                    format!("{date:?} is not a YYYY, YYYY-MM or YYYY-MM-DD date"),
                );
            }
        };
        for (key, source) in &self.sources {
            need_text(format!("sources.{key}.title"), &source.title, report);
            need_text(
                format!("sources.{key}.publisher"),
                &source.publisher,
                report,
            );
            need_date(format!("sources.{key}.date"), &source.date, report);
        }
        let overview = &self.overview;
        need_text("overview.title".into(), &overview.title, report);
        need_text("overview.issuer".into(), &overview.issuer, report);
        need_text("overview.summary".into(), &overview.summary, report);
        need_date("overview.date".into(), &overview.date, report);
        if overview.measures.is_empty() {
            report.error(at("overview.measures".into()), "lists no measures");
        }
        for (k, measure) in overview.measures.iter().enumerate() {
            need_text(format!("overview.measures[{k}]"), measure, report);
        }
        need_source("overview.source".into(), &overview.source, report);
        for (id, place) in &self.places {
            need_text(format!("places.{id}.summary"), &place.summary, report);
            for (k, t) in place.points.iter().enumerate() {
                need_text(format!("places.{id}.points[{k}]"), t, report);
            }
            need_source(format!("places.{id}.source"), &place.source, report);
        }
        for (k, milestone) in self.milestones.iter().enumerate() {
            need_date(format!("milestones[{k}].date"), &milestone.date, report);
            need_text(format!("milestones[{k}].text"), &milestone.text, report);
            need_source(format!("milestones[{k}].source"), &milestone.source, report);
        }
        let words = &self.words;
        for (key, text) in [
            ("measures_heading", &words.measures_heading),
            ("points_heading", &words.points_heading),
            ("overview_hint", &words.overview_hint),
        ] {
            if let Some(t) = text {
                need_text(format!("words.{key}"), t, report);
            }
        }
    }
}
