//! The policy file: its shape as types that mirror `data/policies.schema.json` (see
//! `data/README.md`), read from its JSON with each problem's JSON path
//! (`data::policy_read`), and the content checks the shape cannot make (both languages
//! present, dates, cited sources exist). The same types write the file (`jingjinji-map
//! import`, through `serde`), so what is written is what is read.

use serde::Serialize;

use crate::data::json_error;
use crate::data::keyed::Keyed;
use crate::data::policy_read;
use crate::data::report::{DataFile, Location, Report};
use crate::data::strict_json::Strict;
use crate::i18n::Text;

/// All policy content: the Decision's overview, per-place details, a timeline and sources.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Policies {
    /// JSON Schema reference; ignored.
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Cited sources by key.
    pub sources: Keyed<String, Source>,
    /// What is shown when nothing is selected.
    pub overview: Overview,
    /// Details per place id.
    pub places: Keyed<String, PlacePolicy>,
    /// Dated milestones, each tagged with the places it concerns.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
    /// The policy's own words for the panel's headings and hint.
    #[serde(skip_serializing_if = "PanelWords::is_empty")]
    pub words: PanelWords,
}

/// Panel words that depend on the policy being mapped; each falls back to a generic phrase.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PanelWords {
    /// Heading over the overview's measures, e.g. "The four measures".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measures_heading: Option<Text>,
    /// Heading over a place's points, e.g. "What the Decision says".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_heading: Option<Text>,
    /// How to explore, under the overview.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overview_hint: Option<Text>,
}

/// A cited source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// Who published it.
    pub publisher: Text,
    /// Its headline or title.
    pub title: Text,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
}

/// The overview of the Decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacePolicy {
    /// One or two sentences.
    pub summary: Text,
    /// The measures or facts that concern this place.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<Text>,
    /// Key of the source in `sources`.
    pub source: String,
}

/// A dated event on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Milestone {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// What happened.
    pub text: Text,
    /// Ids of the places it concerns (empty: the whole region).
    pub places: Vec<String>,
    /// Key of the source in `sources`.
    pub source: String,
}

impl PanelWords {
    /// Whether the file gives none of them (then the member is not written).
    pub fn is_empty(&self) -> bool {
        self.measures_heading.is_none()
            && self.points_heading.is_none()
            && self.overview_hint.is_none()
    }
}

fn at(path: impl AsRef<str>) -> Location {
    Location::path(DataFile::Policies, path.as_ref())
}

/// How a text still to be written starts (`jingjinji-map import` writes such placeholders
/// where the newsroom gave no text); `check` warns about each.
pub const PLACEHOLDER: &str = "TODO:";

/// Whether `s` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with plausible numbers.
pub fn is_partial_date(s: &str) -> bool {
    let parts = crate::i18n::dash_parts(s);
    let num = |p: &str, len: usize, lo: u32, hi: u32| {
        p.len() == len
            && p.bytes().all(|b| b.is_ascii_digit())
            && crate::i18n::digits(p).is_some_and(|n| (lo..=hi).contains(&n))
    };
    match parts.as_slice() {
        [y] => num(y, 4, 1900, 2100),
        [y, m] => num(y, 4, 1900, 2100) && num(m, 2, 1, 12),
        [y, m, d] => num(y, 4, 1900, 2100) && num(m, 2, 1, 12) && num(d, 2, 1, 31),
        _ => false,
    }
}

impl Policies {
    /// Reads the policy file's text into the types above: a line and column for text that
    /// is not JSON, else each problem of shape at its path (`overview.title.en`), in plain
    /// words. The content checks are [`Policies::validate`]'s.
    pub fn read(text: &str, report: &mut Report) -> Option<Policies> {
        match json_error::root(DataFile::Policies, text, report) {
            json_error::Root::Object => {}
            json_error::Root::Other(kind) => {
                report.error(at(""), format!("must be an object, not {kind}"));
                return None;
            }
            json_error::Root::NotJson => return None,
        }
        match serde_json::from_str::<Strict>(text) {
            Ok(Strict(root)) => policy_read::policies(&root, report),
            Err(e) => {
                json_error::report_syntax(DataFile::Policies, text, 0, &e, report);
                None
            }
        }
    }

    /// Reports what the schema cannot: empty texts, bad dates, citations of unknown sources.
    pub fn validate(&self, report: &mut Report) {
        let need_source = |path: String, key: &str, report: &mut Report| {
            if !self.sources.contains_key(key) {
                report.error(
                    at(path),
                    format!("cites \"{key}\", which is not in \"sources\""),
                );
            }
        };
        let need_text = |path: String, t: &Text, report: &mut Report| {
            if t.zh.trim().is_empty() || t.en.trim().is_empty() {
                report.error(at(path), "needs text in both zh and en");
            } else if [&t.zh, &t.en].iter().any(|s| s.starts_with(PLACEHOLDER)) {
                // `jingjinji-map import` marks the texts the newsroom has still to write.
                report.warn(
                    at(path),
                    format!("is a placeholder ({PLACEHOLDER}): write the story's text here"),
                );
            }
        };
        let need_date = |path: String, date: &str, report: &mut Report| {
            if !is_partial_date(date) {
                report.error(
                    at(path),
                    format!("\"{date}\" is not a YYYY, YYYY-MM or YYYY-MM-DD date"),
                );
            }
        };
        for (key, source) in self.sources.iter() {
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
            report.error(at("overview.measures"), "lists no measures");
        }
        for (k, measure) in overview.measures.iter().enumerate() {
            need_text(format!("overview.measures[{k}]"), measure, report);
        }
        need_source("overview.source".into(), &overview.source, report);
        for (id, place) in self.places.iter() {
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
