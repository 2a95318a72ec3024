//! Reading the members of a feature's `properties` (and the collection's own members), which
//! GeoJSON leaves free-form, with the data format's rules: required strings, optional flags,
//! numbers, positions and zh/en pairs, each problem reported at its member's path.

use serde_json::{Map, Value as Json};

use crate::data::model::LonLat;
use crate::data::report::{Location, Report};
use crate::i18n::{decimal, visible, Text};

/// What a JSON value is, in the words of a message ("must be a string, not an array").
pub fn kind_of(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "true or false",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

/// The members of one JSON object (a feature's `properties`, the collection, a policy).
pub struct Props<'a> {
    members: &'a Map<String, Json>,
    at: Location,
    /// False once any member was reported as an error.
    pub ok: bool,
}

impl<'a> Props<'a> {
    /// Reads `members`, which sit at `at` (member paths are appended to it).
    pub fn new(members: &'a Map<String, Json>, at: Location) -> Props<'a> {
        Props {
            members,
            at,
            ok: true,
        }
    }

    /// Where member `key` is.
    pub fn at(&self, key: &str) -> Location {
        self.at.at(key)
    }

    /// Member `key`, if present.
    pub fn get(&self, key: &str) -> Option<&'a Json> {
        self.members.get(key)
    }

    fn error(&mut self, key: &str, message: impl Into<String>, report: &mut Report) {
        report.error(self.at.at(key), message);
        self.ok = false;
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
            Json::String(s) if !s.trim().is_empty() => Some(visible(s)),
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
        self.get(key).and_then(Json::as_str).map(visible)
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
            Some(Json::Number(a)) if a.as_f64().is_some_and(|a| a > 0.0) => a.as_f64(),
            Some(_) => {
                self.error(key, format!("must be a positive number of {what}"), report);
                None
            }
        }
    }

    /// An optional whole number below `limit` (an index into a list of `what`).
    pub fn optional_index(
        &mut self,
        key: &str,
        limit: usize,
        what: &str,
        report: &mut Report,
    ) -> Option<usize> {
        match self.get(key) {
            None | Some(Json::Null) => None,
            Some(Json::Number(n)) if n.as_u64().is_some_and(|n| n < limit as u64) => {
                n.as_u64().map(|n| n as usize)
            }
            Some(_) => {
                self.error(
                    key,
                    format!("must be a whole number from 0 to {} ({what})", limit - 1),
                    report,
                );
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
                    zh: visible(zh),
                    en: visible(en),
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
}

/// A GeoJSON position `[lon, lat, …]` (extra members such as altitude are ignored).
pub fn position(p: &[f64], at: &Location, report: &mut Report) -> Option<LonLat> {
    match p {
        [lon, lat, ..] if lon.is_finite() && lat.is_finite() => {
            if !LonLat::in_range(*lon, *lat) {
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
