//! Why the typed read refused a feature, in the format's words and at its JSON path: a
//! second look at the feature as plain JSON values, taken only when the typed read failed
//! (so a good file never pays for it).

use serde_json::{Map, Value as Json};

use crate::data::features::unsupported;
use crate::data::json_error;
use crate::data::props::{kind_of, position};
use crate::data::report::{DataFile, Location, Report};
use crate::data::strict_json::Strict;

/// Reports what is wrong with feature `i` (the slice `raw` of the file's `text`), which the
/// typed read refused with `error`; that message, if the second look finds nothing more
/// precise.
pub fn feature(i: usize, raw: &str, text: &str, error: &serde_json::Error, report: &mut Report) {
    let value: Json = match serde_json::from_str::<Strict>(raw) {
        Ok(Strict(value)) => value,
        // Deeper than JSON values may nest here, say, or a member given twice.
        Err(e) => {
            let offset = json_error::offset_in(text, raw);
            json_error::report_syntax(DataFile::Features, text, offset, &e, report);
            return;
        }
    };
    let id_hint = value
        .get("properties")
        .and_then(|p| p.get("id"))
        .and_then(Json::as_str);
    let at = Location::feature(i, id_hint);
    let Json::Object(members) = &value else {
        report.error(
            at,
            format!("must be a GeoJSON Feature object, not {}", kind_of(&value)),
        );
        return;
    };
    let problem = shape_problem(members, &at);
    let (at, message) = problem.unwrap_or_else(|| {
        (
            at,
            format!("is not a GeoJSON Feature: {}", json_error::plain(error)),
        )
    });
    report.error(at, message);
}

/// The first problem of shape in a feature's members.
fn shape_problem(members: &Map<String, Json>, at: &Location) -> Option<(Location, String)> {
    if members.get("type").and_then(Json::as_str) != Some("Feature") {
        return Some((at.at("type"), "expected \"type\": \"Feature\"".into()));
    }
    match members.get("properties") {
        None | Some(Json::Null | Json::Object(_)) => {}
        Some(other) => {
            let message = format!("must be an object, not {}", kind_of(other));
            return Some((at.at("properties"), message));
        }
    }
    let geometry = match members.get("geometry") {
        None | Some(Json::Null) => return None,
        Some(Json::Object(g)) => g,
        Some(other) => {
            let message = format!("must be a GeoJSON geometry object, not {}", kind_of(other));
            return Some((at.at("geometry"), message));
        }
    };
    let at = at.at("geometry");
    let depth = match geometry.get("type") {
        None => {
            let message = "is missing: use Point, Polygon or MultiPolygon".to_string();
            return Some((at.at("type"), message));
        }
        Some(Json::String(t)) => match t.as_str() {
            "Point" => 0,
            "Polygon" => 2,
            "MultiPolygon" => 3,
            other => return Some((at.at("type"), unsupported(other))),
        },
        Some(other) => {
            let message = format!("must be a string, not {}", kind_of(other));
            return Some((at.at("type"), message));
        }
    };
    let coordinates = geometry.get("coordinates").unwrap_or(&Json::Null);
    nesting_problem(coordinates, depth, &at.at("coordinates"))
}

/// The first problem in `value`, which should be positions nested `depth` arrays deep (a
/// Point's position is 0 deep, a Polygon's 2, a MultiPolygon's 3).
fn nesting_problem(value: &Json, depth: u8, at: &Location) -> Option<(Location, String)> {
    if depth == 0 {
        let numbers: Option<Vec<f64>> = value
            .as_array()
            .and_then(|items| items.iter().map(Json::as_f64).collect());
        let mut report = Report::default();
        position(numbers.as_deref().unwrap_or(&[]), at, &mut report);
        return report
            .problems
            .into_iter()
            .next()
            .map(|p| (p.at, p.message));
    }
    let Json::Array(items) = value else {
        let what = match depth {
            3 => "must be an array of polygons",
            2 => "must be an array of rings",
            _ => "a ring must be an array of positions",
        };
        return Some((at.clone(), what.into()));
    };
    items
        .iter()
        .enumerate()
        .find_map(|(k, item)| nesting_problem(item, depth - 1, &at.at(format!("[{k}]"))))
}
