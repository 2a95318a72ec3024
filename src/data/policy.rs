//! The policy file: its shape (see `data/README.md` and `data/policies.schema.json`), read
//! from parsed JSON with every problem located, and the content checks (both languages
//! present, dates, cited sources exist).

use crate::data::json::Json;
use crate::data::keyed::Keyed;
use crate::data::props::Props;
use crate::data::report::{DataFile, Location, Report};
use crate::i18n::Text;

/// All policy content: the Decision's overview, per-place details, a timeline and sources.
#[derive(Debug, Clone, PartialEq)]
pub struct Policies {
    /// JSON Schema reference; ignored.
    pub schema: Option<String>,
    /// Cited sources by key.
    pub sources: Keyed<String, Source>,
    /// What is shown when nothing is selected.
    pub overview: Overview,
    /// Details per place id.
    pub places: Keyed<String, PlacePolicy>,
    /// Dated milestones, each tagged with the places it concerns.
    pub milestones: Vec<Milestone>,
    /// The policy's own words for the panel's headings and hint.
    pub words: PanelWords,
}

/// Panel words that depend on the policy being mapped; each falls back to a generic phrase.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PanelWords {
    /// Heading over the overview's measures, e.g. "The four measures".
    pub measures_heading: Option<Text>,
    /// Heading over a place's points, e.g. "What the Decision says".
    pub points_heading: Option<Text>,
    /// How to explore, under the overview.
    pub overview_hint: Option<Text>,
}

/// A cited source.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Who published it.
    pub publisher: Text,
    /// Its headline or title.
    pub title: Text,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
}

/// The overview of the Decision.
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
pub struct PlacePolicy {
    /// One or two sentences.
    pub summary: Text,
    /// The measures or facts that concern this place.
    pub points: Vec<Text>,
    /// Key of the source in `sources`.
    pub source: String,
}

/// A dated event on the timeline.
#[derive(Debug, Clone, PartialEq)]
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

/// The member names of each object of the file, for reporting misspelt members.
const TOP: &[&str] = &[
    "$schema",
    "sources",
    "overview",
    "places",
    "milestones",
    "words",
];
const SOURCE: &[&str] = &["publisher", "title", "date"];
const OVERVIEW: &[&str] = &["title", "issuer", "date", "summary", "measures", "source"];
const PLACE: &[&str] = &["summary", "points", "source"];
const MILESTONE: &[&str] = &["date", "text", "places", "source"];
const WORDS: &[&str] = &["measures_heading", "points_heading", "overview_hint"];

fn at(path: impl AsRef<str>) -> Location {
    Location::path(DataFile::Policies, path.as_ref())
}

/// A required string member.
fn string(props: &mut Props, key: &str, report: &mut Report) -> Option<String> {
    match props.required(key, report)? {
        Json::String(s) => Some(s.clone()),
        other => {
            report.error(
                props.at(key),
                format!("must be a string, not {}", other.kind()),
            );
            props.ok = false;
            None
        }
    }
}

/// An array member (absent: empty when `optional`), each item read by `item`.
fn array<T>(
    props: &mut Props,
    key: &str,
    optional: bool,
    report: &mut Report,
    mut item: impl FnMut(&Json, Location, &mut Report) -> Option<T>,
) -> Option<Vec<T>> {
    let value = match props.get(key) {
        None if optional => return Some(Vec::new()),
        _ => props.required(key, report)?,
    };
    let Some(items) = value.as_array() else {
        report.error(
            props.at(key),
            format!("must be an array, not {}", value.kind()),
        );
        props.ok = false;
        return None;
    };
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (k, v) in items.iter().enumerate() {
        match item(v, props.at(key).at(format!("[{k}]")), report) {
            Some(t) => out.push(t),
            None => ok = false,
        }
    }
    props.ok &= ok;
    ok.then_some(out)
}

/// An object member keyed by name (sources, places), each value read by `item`.
fn map<T>(
    props: &mut Props,
    key: &str,
    report: &mut Report,
    mut item: impl FnMut(&Json, Location, &mut Report) -> Option<T>,
) -> Option<Keyed<String, T>> {
    let value = props.required(key, report)?;
    let Some(members) = value.as_object() else {
        report.error(
            props.at(key),
            format!("must be an object, not {}", value.kind()),
        );
        props.ok = false;
        return None;
    };
    let mut out = Keyed::new();
    let mut ok = true;
    for (name, v) in members {
        match item(v, props.at(key).at(name), report) {
            Some(t) => {
                out.insert(name.clone(), t);
            }
            None => ok = false,
        }
    }
    props.ok &= ok;
    ok.then_some(out)
}

fn text_item(v: &Json, at: Location, report: &mut Report) -> Option<Text> {
    crate::data::props::text(v, at, report)
}

fn string_item(v: &Json, at: Location, report: &mut Report) -> Option<String> {
    match v {
        Json::String(s) => Some(s.clone()),
        other => {
            report.error(at, format!("must be a string, not {}", other.kind()));
            None
        }
    }
}

fn read_source(v: &Json, at: Location, report: &mut Report) -> Option<Source> {
    let mut p = Props::of(v, at, report)?;
    p.deny_unknown(SOURCE, report);
    let source = Source {
        publisher: p.required_text("publisher", report)?,
        title: p.required_text("title", report)?,
        date: string(&mut p, "date", report)?,
    };
    p.ok.then_some(source)
}

fn read_overview(v: &Json, at: Location, report: &mut Report) -> Option<Overview> {
    let mut p = Props::of(v, at, report)?;
    p.deny_unknown(OVERVIEW, report);
    let title = p.required_text("title", report);
    let issuer = p.required_text("issuer", report);
    let date = string(&mut p, "date", report);
    let summary = p.required_text("summary", report);
    let measures = array(&mut p, "measures", false, report, text_item);
    let source = string(&mut p, "source", report);
    let overview = Overview {
        title: title?,
        issuer: issuer?,
        date: date?,
        summary: summary?,
        measures: measures?,
        source: source?,
    };
    p.ok.then_some(overview)
}

fn read_place(v: &Json, at: Location, report: &mut Report) -> Option<PlacePolicy> {
    let mut p = Props::of(v, at, report)?;
    p.deny_unknown(PLACE, report);
    let summary = p.required_text("summary", report);
    let points = array(&mut p, "points", true, report, text_item);
    let source = string(&mut p, "source", report);
    let place = PlacePolicy {
        summary: summary?,
        points: points?,
        source: source?,
    };
    p.ok.then_some(place)
}

fn read_milestone(v: &Json, at: Location, report: &mut Report) -> Option<Milestone> {
    let mut p = Props::of(v, at, report)?;
    p.deny_unknown(MILESTONE, report);
    let date = string(&mut p, "date", report);
    let text = p.required_text("text", report);
    let places = array(&mut p, "places", true, report, string_item);
    let source = string(&mut p, "source", report);
    let milestone = Milestone {
        date: date?,
        text: text?,
        places: places?,
        source: source?,
    };
    p.ok.then_some(milestone)
}

fn read_words(p: &mut Props, report: &mut Report) -> Option<PanelWords> {
    let Some(value) = p.get("words") else {
        return Some(PanelWords::default());
    };
    let mut w = Props::of(value, p.at("words"), report)?;
    w.deny_unknown(WORDS, report);
    let words = PanelWords {
        measures_heading: w.optional_text("measures_heading", report),
        points_heading: w.optional_text("points_heading", report),
        overview_hint: w.optional_text("overview_hint", report),
    };
    w.ok.then_some(words)
}

impl Policies {
    /// Reads the parsed policy file, reporting every problem of shape at its JSON path
    /// (missing and misspelt members, wrong types); `None` if any.
    pub fn read(root: &Json, report: &mut Report) -> Option<Policies> {
        let mut p = Props::of(root, at(""), report)?;
        p.deny_unknown(TOP, report);
        let schema = p.optional_str("$schema");
        let sources = map(&mut p, "sources", report, read_source);
        let overview = p
            .required("overview", report)
            .and_then(|v| read_overview(v, at("overview"), report));
        let places = map(&mut p, "places", report, read_place);
        let milestones = array(&mut p, "milestones", true, report, read_milestone);
        let words = read_words(&mut p, report);
        let policies = Policies {
            schema,
            sources: sources?,
            overview: overview?,
            places: places?,
            milestones: milestones?,
            words: words?,
        };
        p.ok.then_some(policies)
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
