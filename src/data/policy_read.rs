//! The policy file's JSON read into `data::policy`'s types, every problem of shape reported
//! at its JSON path (`overview.title.en: is missing (required)`), in `check` and in the
//! widget alike.
//!
//! Why from JSON values rather than through the types' own `serde` derive: the file is small
//! (tens of KB), the JSON value reader is in the download already for the features'
//! properties, and a derived reader per type was 7.1 KB of the gzipped wasm (this one is
//! 3.3 KB); it also stopped at the first problem, where this reports each. An object's
//! members are read in key order (`serde_json`'s map), so problems and the keyed entries
//! (`sources`, `places`) come in that order, not the file's.

use serde_json::{Map, Value as Json};

use crate::data::keyed::Keyed;
use crate::data::policy::{Milestone, Overview, PanelWords, PlacePolicy, Policies, Source};
use crate::data::props::kind_of;
use crate::data::report::{DataFile, Location, Report};
use crate::i18n::{visible, Text};

/// The members each object of the format may have, in the order they are checked.
const POLICIES: &[&str] = &[
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
const TEXT: &[&str] = &["zh", "en"];

/// Reads the file's root object (`root`) into [`Policies`], or `None` with every problem of
/// shape in `report`.
pub fn policies(root: &Json, report: &mut Report) -> Option<Policies> {
    let mut read = Reader { report, ok: true };
    let at = Location::file(DataFile::Policies);
    let members = read.object(root, &at, "an object", POLICIES)?;
    let schema = match members.get("$schema") {
        None | Some(Json::Null) => None,
        Some(value) => read.string(value, &at.at("$schema")),
    };
    let sources = read.required(members, &at, "sources", |r, v, at| {
        r.keyed(v, at, |r, v, at| {
            let m = r.object(v, at, "an object", SOURCE)?;
            let publisher = r.required(m, at, "publisher", Reader::text);
            let title = r.required(m, at, "title", Reader::text);
            let date = r.required(m, at, "date", Reader::string);
            let (Some(publisher), Some(title), Some(date)) = (publisher, title, date) else {
                return None;
            };
            Some(Source {
                publisher,
                title,
                date,
            })
        })
    });
    let overview = read.required(members, &at, "overview", |r, v, at| {
        let m = r.object(v, at, "an object", OVERVIEW)?;
        let title = r.required(m, at, "title", Reader::text);
        let issuer = r.required(m, at, "issuer", Reader::text);
        let date = r.required(m, at, "date", Reader::string);
        let summary = r.required(m, at, "summary", Reader::text);
        let measures = r.required(m, at, "measures", |r, v, at| r.list(v, at, Reader::text));
        let source = r.required(m, at, "source", Reader::string);
        let (Some(title), Some(issuer), Some(date), Some(summary), Some(measures), Some(source)) =
            (title, issuer, date, summary, measures, source)
        else {
            return None;
        };
        Some(Overview {
            title,
            issuer,
            date,
            summary,
            measures,
            source,
        })
    });
    let places = read.required(members, &at, "places", |r, v, at| {
        r.keyed(v, at, |r, v, at| {
            let m = r.object(v, at, "an object", PLACE)?;
            let summary = r.required(m, at, "summary", Reader::text);
            let points = r.optional(m, at, "points", |r, v, at| r.list(v, at, Reader::text));
            let source = r.required(m, at, "source", Reader::string);
            let (Some(summary), Some(points), Some(source)) = (summary, points, source) else {
                return None;
            };
            Some(PlacePolicy {
                summary,
                points: points.unwrap_or_default(),
                source,
            })
        })
    });
    let milestones = read.optional(members, &at, "milestones", |r, v, at| {
        r.list(v, at, |r, v, at| {
            let m = r.object(v, at, "an object", MILESTONE)?;
            let date = r.required(m, at, "date", Reader::string);
            let text = r.required(m, at, "text", Reader::text);
            let places = r.optional(m, at, "places", |r, v, at| r.list(v, at, Reader::string));
            let source = r.required(m, at, "source", Reader::string);
            let (Some(date), Some(text), Some(places), Some(source)) = (date, text, places, source)
            else {
                return None;
            };
            Some(Milestone {
                date,
                text,
                places: places.unwrap_or_default(),
                source,
            })
        })
    });
    let words = read.optional(members, &at, "words", |r, v, at| {
        let m = r.object(v, at, "an object", WORDS)?;
        let mut text = |key| match m.get(key) {
            None | Some(Json::Null) => Some(None),
            Some(v) => r.text(v, &at.at(key)).map(Some),
        };
        Some(PanelWords {
            measures_heading: text("measures_heading")?,
            points_heading: text("points_heading")?,
            overview_hint: text("overview_hint")?,
        })
    });
    // One tuple matched, not a `?` per member: a failure drops what was read once.
    let (Some(sources), Some(overview), Some(places), Some(milestones), Some(words)) =
        (sources, overview, places, milestones, words)
    else {
        return None;
    };
    let policies = Policies {
        schema,
        sources,
        overview,
        places,
        milestones: milestones.unwrap_or_default(),
        words: words.unwrap_or_default(),
    };
    read.ok.then_some(policies)
}

/// Reads values into the types, reporting each problem.
struct Reader<'r> {
    report: &'r mut Report,
    /// False once any problem was reported.
    ok: bool,
}

/// How one value is read (a string, a text, a source…), at its path.
type Read<'a, T> = fn(&mut Reader<'a>, &Json, &Location) -> Option<T>;

impl<'r> Reader<'r> {
    fn error(&mut self, at: &Location, message: String) {
        self.report.error(at.clone(), message);
        self.ok = false;
    }

    /// `value` as an object (`what` names it in the error) whose members are all among
    /// `known`.
    fn object<'v>(
        &mut self,
        value: &'v Json,
        at: &Location,
        what: &str,
        known: &[&str],
    ) -> Option<&'v Map<String, Json>> {
        let Json::Object(members) = value else {
            self.error(at, format!("must be {what}, not {}", kind_of(value)));
            return None;
        };
        for key in members.keys().filter(|k| !known.contains(&k.as_str())) {
            self.error(
                &at.at(key),
                format!("unknown field `{key}`: expected {}", one_of(known)),
            );
        }
        Some(members)
    }

    /// Member `key` of `members` (at `at`), which must be there, read by `read`.
    fn required<T>(
        &mut self,
        members: &Map<String, Json>,
        at: &Location,
        key: &str,
        read: Read<'r, T>,
    ) -> Option<T> {
        let at = at.at(key);
        match members.get(key) {
            Some(value) => read(self, value, &at),
            None => {
                self.error(&at, "is missing (required)".into());
                None
            }
        }
    }

    /// Member `key` of `members` (at `at`), if there, read by `read`: `Some(None)` if absent,
    /// `None` if wrong.
    fn optional<T>(
        &mut self,
        members: &Map<String, Json>,
        at: &Location,
        key: &str,
        read: Read<'r, T>,
    ) -> Option<Option<T>> {
        match members.get(key) {
            Some(value) => read(self, value, &at.at(key)).map(Some),
            None => Some(None),
        }
    }

    fn string(&mut self, value: &Json, at: &Location) -> Option<String> {
        match value {
            Json::String(s) => Some(s.clone()),
            other => {
                self.error(at, format!("must be a string, not {}", kind_of(other)));
                None
            }
        }
    }

    /// `{ "zh": …, "en": … }`, each as a reader will see it.
    fn text(&mut self, value: &Json, at: &Location) -> Option<Text> {
        let m = self.object(value, at, "an object with zh and en", TEXT)?;
        let zh = self.required(m, at, "zh", Reader::string);
        let en = self.required(m, at, "en", Reader::string);
        Some(Text {
            zh: visible(&zh?),
            en: visible(&en?),
        })
    }

    /// An array, each item read by `item`.
    fn list<T>(&mut self, value: &Json, at: &Location, item: Read<'r, T>) -> Option<Vec<T>> {
        let Json::Array(items) = value else {
            self.error(at, format!("must be an array, not {}", kind_of(value)));
            return None;
        };
        let read: Vec<Option<T>> = items
            .iter()
            .enumerate()
            .map(|(k, v)| item(self, v, &at.at(format!("[{k}]"))))
            .collect();
        read.into_iter().collect()
    }

    /// An object keyed by id, each value read by `item`.
    fn keyed<T>(
        &mut self,
        value: &Json,
        at: &Location,
        item: Read<'r, T>,
    ) -> Option<Keyed<String, T>> {
        let Json::Object(members) = value else {
            self.error(at, format!("must be an object, not {}", kind_of(value)));
            return None;
        };
        let mut out = Keyed::new();
        let mut ok = true;
        for (key, v) in members {
            match item(self, v, &at.at(key)) {
                Some(read) => out.insert(key.clone(), read),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }
}

/// serde's words for the members a format allows (`zh` or `en`; one of `a`, `b`, `c`).
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} or {b}"),
        _ => format!("one of {}", crate::i18n::join(&quoted, ", ")),
    }
}
