//! Reading a JSON object's members with the data format's rules (required strings, optional
//! flags, numbers, positions and zh/en pairs), reporting each problem at its member's path.

use crate::data::model::LonLat;
use crate::data::report::{Location, Report};
use crate::i18n::Text;
use serde_json::{Map, Value};

/// The members of one JSON object (a feature's `properties`, the collection, a `kinds` entry).
pub struct Props<'a> {
    members: &'a Map<String, Value>,
    at: Location,
    /// False once any member was reported as an error.
    pub ok: bool,
}

impl<'a> Props<'a> {
    /// Reads `members`, which sit at `at` (member paths are appended to it).
    pub fn new(members: &'a Map<String, Value>, at: Location) -> Props<'a> {
        Props {
            members,
            at,
            ok: true,
        }
    }

    fn error(&mut self, key: &str, message: impl Into<String>, report: &mut Report) {
        report.error(self.at.at(key), message);
        self.ok = false;
    }

    /// A member that must be a non-empty string.
    pub fn required_str(&mut self, key: &str, report: &mut Report) -> Option<String> {
        match self.members.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::String(_)) => {
                self.error(key, "must not be empty", report);
                None
            }
            Some(_) => {
                self.error(key, "must be a string", report);
                None
            }
            None => {
                self.error(key, "is missing (required)", report);
                None
            }
        }
    }

    /// An optional string; anything else is ignored (free-form provenance members).
    pub fn optional_str(&self, key: &str) -> Option<String> {
        self.members
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
    }

    /// An optional `true`/`false`, false when absent.
    pub fn optional_bool(&mut self, key: &str, report: &mut Report) -> bool {
        match self.members.get(key) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.error(key, "must be true or false", report);
                false
            }
        }
    }

    /// An optional positive number; `what` names its unit in the error.
    pub fn optional_positive(&mut self, key: &str, what: &str, report: &mut Report) -> Option<f64> {
        match self.members.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => match v.as_f64() {
                Some(a) if a.is_finite() && a > 0.0 => Some(a),
                _ => {
                    self.error(key, format!("must be a positive number of {what}"), report);
                    None
                }
            },
        }
    }

    /// An optional `[longitude, latitude]`.
    pub fn optional_position(&mut self, key: &str, report: &mut Report) -> Option<LonLat> {
        match self.members.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Array(items)) => {
                let numbers: Option<Vec<f64>> = items.iter().map(Value::as_f64).collect();
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
        let zh = self.members.get(&format!("{prefix}_zh"));
        let en = self.members.get(&format!("{prefix}_en"));
        match (zh, en) {
            (None, None) => None,
            (Some(Value::String(zh)), Some(Value::String(en)))
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
}

/// A GeoJSON position `[lon, lat, …]` (extra members such as altitude are ignored).
pub fn position(p: &[f64], at: &Location, report: &mut Report) -> Option<LonLat> {
    match p {
        [lon, lat, ..] if lon.is_finite() && lat.is_finite() => {
            if !(-180.0..=180.0).contains(lon) || !(-90.0..=90.0).contains(lat) {
                report.error(
                    at.clone(),
                    format!("[{lon}, {lat}] is not a longitude/latitude (WGS84 degrees, longitude first)"),
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
