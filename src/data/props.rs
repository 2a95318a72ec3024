//! Reading a JSON object's members with the data format's rules (required strings, optional
//! flags, numbers, positions, zh/en pairs, bilingual texts, no unknown members), reporting
//! each problem at its member's path.

use crate::data::json::Json;
use crate::data::model::LonLat;
use crate::data::report::{Location, Report};
use crate::i18n::{decimal, Text};

/// The members of one JSON object (a feature's `properties`, the collection, a policy).
pub struct Props<'a> {
    members: &'a [(String, Json)],
    at: Location,
    /// False once any member was reported as an error.
    pub ok: bool,
}

impl<'a> Props<'a> {
    /// Reads `members`, which sit at `at` (member paths are appended to it).
    pub fn new(members: &'a [(String, Json)], at: Location) -> Props<'a> {
        Props {
            members,
            at,
            ok: true,
        }
    }

    /// Reads `value` as an object, reporting at `at` if it is not one.
    pub fn of(value: &'a Json, at: Location, report: &mut Report) -> Option<Props<'a>> {
        match value.as_object() {
            Some(members) => Some(Props::new(members, at)),
            None => {
                report.error(at, format!("must be an object, not {}", value.kind()));
                None
            }
        }
    }

    /// Where member `key` is.
    pub fn at(&self, key: &str) -> Location {
        self.at.at(key)
    }

    /// Member `key`, if present.
    pub fn get(&self, key: &str) -> Option<&'a Json> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn error(&mut self, key: &str, message: impl Into<String>, report: &mut Report) {
        report.error(self.at.at(key), message);
        self.ok = false;
    }

    /// Reports every member not in `allowed` (a misspelt member would otherwise be lost).
    pub fn deny_unknown(&mut self, allowed: &[&str], report: &mut Report) {
        for (key, _) in self.members {
            if !allowed.contains(&key.as_str()) {
                let expected = crate::i18n::join(allowed, "`, `");
                self.error(
                    key,
                    format!("unknown field `{key}`: expected one of `{expected}`"),
                    report,
                );
            }
        }
    }

    /// A member that must be present.
    pub fn required(&mut self, key: &str, report: &mut Report) -> Option<&'a Json> {
        let value = self.get(key);
        if value.is_none() {
            self.error(key, "is missing (required)", report);
        }
        value
    }

    /// A member that must be a non-empty string.
    pub fn required_str(&mut self, key: &str, report: &mut Report) -> Option<String> {
        match self.required(key, report)? {
            Json::String(s) if !s.trim().is_empty() => Some(s.clone()),
            Json::String(_) => {
                self.error(key, "must not be empty", report);
                None
            }
            _ => {
                self.error(key, "must be a string", report);
                None
            }
        }
    }

    /// An optional string; anything else is ignored (free-form provenance members).
    pub fn optional_str(&self, key: &str) -> Option<String> {
        self.get(key).and_then(Json::as_str).map(str::to_string)
    }

    /// An optional `true`/`false`, false when absent.
    pub fn optional_bool(&mut self, key: &str, report: &mut Report) -> bool {
        match self.get(key) {
            None | Some(Json::Null) => false,
            Some(Json::Bool(b)) => *b,
            Some(_) => {
                self.error(key, "must be true or false", report);
                false
            }
        }
    }

    /// An optional positive number; `what` names its unit in the error.
    pub fn optional_positive(&mut self, key: &str, what: &str, report: &mut Report) -> Option<f64> {
        match self.get(key) {
            None | Some(Json::Null) => None,
            Some(Json::Number(a)) if *a > 0.0 => Some(*a),
            Some(_) => {
                self.error(key, format!("must be a positive number of {what}"), report);
                None
            }
        }
    }

    /// An optional `[longitude, latitude]`.
    pub fn optional_position(&mut self, key: &str, report: &mut Report) -> Option<LonLat> {
        match self.get(key) {
            None | Some(Json::Null) => None,
            Some(Json::Array(items)) => {
                let numbers: Option<Vec<f64>> = items.iter().map(Json::as_f64).collect();
                let Some(numbers) = numbers else {
                    self.error(
                        key,
                        "must be [longitude, latitude] with numbers only",
                        report,
                    );
                    return None;
                };
                let ll = position(&numbers, &self.at.at(key), report);
                self.ok &= ll.is_some();
                ll
            }
            Some(_) => {
                self.error(key, "must be [longitude, latitude]", report);
                None
            }
        }
    }

    /// An optional `<prefix>_zh` / `<prefix>_en` pair: both non-empty strings, or neither.
    pub fn optional_pair(&mut self, prefix: &str, report: &mut Report) -> Option<Text> {
        let zh = self.get(&format!("{prefix}_zh"));
        let en = self.get(&format!("{prefix}_en"));
        match (zh, en) {
            (None, None) => None,
            (Some(Json::String(zh)), Some(Json::String(en)))
                if !zh.trim().is_empty() && !en.trim().is_empty() =>
            {
                Some(Text {
                    zh: zh.clone(),
                    en: en.clone(),
                })
            }
            _ => {
                self.error(
                    &format!("{prefix}_zh/{prefix}_en"),
                    "give both languages as non-empty strings, or neither",
                    report,
                );
                None
            }
        }
    }

    /// A required `{ "zh": …, "en": … }` text.
    pub fn required_text(&mut self, key: &str, report: &mut Report) -> Option<Text> {
        let value = self.required(key, report)?;
        let t = text(value, self.at.at(key), report);
        self.ok &= t.is_some();
        t
    }

    /// An optional `{ "zh": …, "en": … }` text.
    pub fn optional_text(&mut self, key: &str, report: &mut Report) -> Option<Text> {
        let value = self.get(key)?;
        let t = text(value, self.at.at(key), report);
        self.ok &= t.is_some();
        t
    }
}

/// A `{ "zh": …, "en": … }` text: both strings present (emptiness is checked later, with
/// the other content checks).
pub fn text(value: &Json, at: Location, report: &mut Report) -> Option<Text> {
    let mut props = Props::of(value, at, report)?;
    props.deny_unknown(&["zh", "en"], report);
    let mut lang = |key: &str, report: &mut Report| match props.required(key, report)? {
        Json::String(s) => Some(s.clone()),
        _ => {
            props.error(key, "must be a string", report);
            None
        }
    };
    let zh = lang("zh", report);
    let en = lang("en", report);
    Some(Text { zh: zh?, en: en? }).filter(|_| props.ok)
}

/// A GeoJSON position `[lon, lat, …]` (extra members such as altitude are ignored).
pub fn position(p: &[f64], at: &Location, report: &mut Report) -> Option<LonLat> {
    match p {
        [lon, lat, ..] if lon.is_finite() && lat.is_finite() => {
            if !(-180.0..=180.0).contains(lon) || !(-90.0..=90.0).contains(lat) {
                report.error(
                    at.clone(),
                    format!(
                        "[{}, {}] is not a longitude/latitude (WGS84 degrees, longitude first)",
                        decimal(*lon, 6),
                        decimal(*lat, 6)
                    ),
                );
                return None;
            }
            Some(LonLat {
                lon: *lon,
                lat: *lat,
            })
        }
        _ => {
            report.error(
                at.clone(),
                "a position needs two finite numbers [longitude, latitude]",
            );
            None
        }
    }
}
