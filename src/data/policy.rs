//! The policy file's schema (see `data/README.md` and `data/policies.schema.json`).

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
