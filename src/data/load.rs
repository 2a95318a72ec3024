//! Text → validated [`Dataset`]: parses the GeoJSON features and the policy file and
//! reports every problem with its place, so that bad data gives a clear message, not a crash.

use crate::data::model::{Dataset, Kind, Place, Polygon, Shape};
use crate::data::policy::{is_partial_date, Policies};
use crate::data::report::Report;
use crate::geo::coords::LonLat;
use crate::i18n::Text;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// Largest input text we accept, in bytes: far above real data, far below what hangs a phone.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;
/// Most features in one file.
pub const MAX_FEATURES: usize = 5_000;
/// Most positions over all features.
pub const MAX_POSITIONS: usize = 1_000_000;

/// Checks both texts and returns the dataset (if usable) with every problem found.
pub fn check(features: &str, policies: Option<&str>) -> (Option<Dataset>, Report) {
    let mut report = Report::default();
    let (places, attribution) = read_features(features, &mut report);
    let features_ok = report.error_count() == 0;
    let policies = policies.and_then(|text| read_policies(text, &mut report));
    if let (Some(pol), true) = (&policies, features_ok) {
        cross_check(&places, pol, &mut report);
    }
    let dataset = (report.error_count() == 0).then_some(Dataset {
        places,
        attribution,
        policies,
    });
    (dataset, report)
}

/// Loads data, failing with every error if any is found; warnings are dropped.
pub fn load(features: &str, policies: Option<&str>) -> crate::Result<Dataset> {
    match check(features, policies) {
        (Some(dataset), _) => Ok(dataset),
        (None, report) => Err(crate::Error::Invalid(report)),
    }
}

/// Records an error and returns true if `text` is over the size limit.
fn too_big(file: &str, text: &str, report: &mut Report) -> bool {
    let big = text.len() > MAX_TEXT_BYTES;
    if big {
        report.error(
            file,
            format!(
                "the file is {} bytes; the limit is {MAX_TEXT_BYTES}",
                text.len()
            ),
        );
    }
    big
}

fn parse_json(file: &str, text: &str, report: &mut Report) -> Option<Value> {
    if too_big(file, text, report) {
        return None;
    }
    match serde_json::from_str::<Value>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            report.error(
                format!("{file}: line {}, column {}", e.line(), e.column()),
                format!("not valid JSON: {e}"),
            );
            None
        }
    }
}

fn read_features(text: &str, report: &mut Report) -> (Vec<Place>, Option<Text>) {
    let mut places = Vec::new();
    let Some(root) = parse_json("features", text, report) else {
        return (places, None);
    };
    let Value::Object(root) = root else {
        report.error("features", "expected a GeoJSON FeatureCollection object");
        return (places, None);
    };
    if root.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        report.error("features: type", "expected \"type\": \"FeatureCollection\"");
        return (places, None);
    }
    let attribution = match (root.get("attribution"), root.get("attribution_zh")) {
        (None, _) => None,
        (Some(Value::String(en)), None) => Some(Text {
            zh: en.clone(),
            en: en.clone(),
        }),
        (Some(Value::String(en)), Some(Value::String(zh))) => Some(Text {
            zh: zh.clone(),
            en: en.clone(),
        }),
        _ => {
            report.error(
                "features: attribution",
                "attribution (and attribution_zh, if given) must be strings",
            );
            None
        }
    };
    let Some(features) = root.get("features").and_then(Value::as_array) else {
        report.error("features: features", "expected an array of features");
        return (places, attribution);
    };
    if features.is_empty() {
        report.error("features: features", "the collection has no features");
    }
    if features.len() > MAX_FEATURES {
        report.error(
            "features: features",
            format!("{} features; the limit is {MAX_FEATURES}", features.len()),
        );
        return (places, attribution);
    }
    let mut budget = MAX_POSITIONS;
    let mut seen = HashSet::new();
    for (i, value) in features.iter().enumerate() {
        if let Some(place) = read_feature(i, value, &mut budget, report) {
            if !seen.insert(place.id.clone()) {
                report.warn(
                    format!("features: feature {i} (id {:?})", place.id),
                    "duplicate id: only the first feature with this id can be selected",
                );
            }
            places.push(place);
        }
    }
    (places, attribution)
}

fn read_feature(i: usize, value: &Value, budget: &mut usize, report: &mut Report) -> Option<Place> {
    let id_hint = value
        .pointer("/properties/id")
        .and_then(Value::as_str)
        .map(|s| format!(" (id {s:?})"))
        .unwrap_or_default();
    let at = format!("features: feature {i}{id_hint}");
    let feature = match geojson::Feature::from_json_value(value.clone()) {
        Ok(f) => f,
        Err(e) => {
            report.error(at, format!("not a GeoJSON Feature: {e}"));
            return None;
        }
    };
    let Some(props) = feature.properties.as_ref() else {
        report.error(
            &at,
            "has no properties: needs at least id, kind, name_zh, name_en",
        );
        return None;
    };
    let mut props_ok = true;
    let mut need_str = |key: &str, report: &mut Report| -> Option<String> {
        match props.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::String(_)) => {
                report.error(format!("{at}: properties.{key}"), "must not be empty");
                props_ok = false;
                None
            }
            Some(_) => {
                report.error(format!("{at}: properties.{key}"), "must be a string");
                props_ok = false;
                None
            }
            None => {
                report.error(format!("{at}: properties.{key}"), "is missing (required)");
                props_ok = false;
                None
            }
        }
    };
    let id = need_str("id", report);
    let kind_text = need_str("kind", report);
    let name_zh = need_str("name_zh", report);
    let name_en = need_str("name_en", report);
    let kind = kind_text.as_deref().and_then(|k| {
        let kind = Kind::parse(k);
        if kind.is_none() {
            report.error(
                format!("{at}: properties.kind"),
                format!("unknown kind {k:?}: use province, counties, wing, park or context"),
            );
        }
        kind
    });
    if let Some(id) = &id {
        if !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            report.warn(
                format!("{at}: properties.id"),
                "ids should be lowercase ASCII letters, digits and '-' so they work in links",
            );
        }
    }
    let short = text_pair(props, "short", &at, report);
    let host = text_pair(props, "host", &at, report);
    let approximate = match props.get("approximate") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            report.error(
                format!("{at}: properties.approximate"),
                "must be true or false",
            );
            false
        }
    };
    let area_km2 = match props.get("area_km2") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_f64() {
            Some(a) if a.is_finite() && a > 0.0 => Some(a),
            _ => {
                report.error(
                    format!("{at}: properties.area_km2"),
                    "must be a positive number of square kilometres",
                );
                None
            }
        },
    };
    let label = match props.get("label") {
        None | Some(Value::Null) => None,
        Some(v) => {
            let pos: Option<Vec<f64>> = v
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_f64).collect());
            match pos
                .as_deref()
                .map(|p| position(p, &format!("{at}: properties.label"), report))
            {
                Some(Some(ll)) => Some(ll),
                Some(None) => None,
                None => {
                    report.error(
                        format!("{at}: properties.label"),
                        "must be [longitude, latitude]",
                    );
                    None
                }
            }
        }
    };
    let source = props
        .get("source")
        .and_then(Value::as_str)
        .map(str::to_string);
    let shape = match feature.geometry.as_ref() {
        None => {
            report.error(
                format!("{at}: geometry"),
                "is missing: a place needs a Point, Polygon or MultiPolygon",
            );
            None
        }
        Some(g) => read_shape(&g.value, &at, budget, report),
    };
    if let (Some(Kind::Context), Some(Shape::Point(_))) = (kind, &shape) {
        report.error(
            format!("{at}: geometry"),
            "a context place must be a Polygon or MultiPolygon",
        );
        return None;
    }
    if !props_ok {
        return None;
    }
    Some(Place {
        id: id?,
        kind: kind?,
        name: Text {
            zh: name_zh?,
            en: name_en?,
        },
        short,
        host,
        approximate,
        area_km2,
        label,
        source,
        shape: shape?,
    })
}

/// Reads an optional `<prefix>_zh` / `<prefix>_en` pair; both or neither.
fn text_pair(
    props: &Map<String, Value>,
    prefix: &str,
    at: &str,
    report: &mut Report,
) -> Option<Text> {
    let zh = props.get(&format!("{prefix}_zh"));
    let en = props.get(&format!("{prefix}_en"));
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
            report.error(
                format!("{at}: properties.{prefix}_zh/{prefix}_en"),
                "give both languages as non-empty strings, or neither",
            );
            None
        }
    }
}

fn position(p: &[f64], at: &str, report: &mut Report) -> Option<LonLat> {
    match p {
        [lon, lat, ..] if lon.is_finite() && lat.is_finite() => {
            if !(-180.0..=180.0).contains(lon) || !(-90.0..=90.0).contains(lat) {
                report.error(
                    at,
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
                at,
                "a position needs two finite numbers [longitude, latitude]",
            );
            None
        }
    }
}

fn read_shape(
    value: &geojson::Value,
    at: &str,
    budget: &mut usize,
    report: &mut Report,
) -> Option<Shape> {
    use geojson::Value as G;
    match value {
        G::Point(p) => {
            position(p, &format!("{at}: geometry.coordinates"), report).map(Shape::Point)
        }
        G::Polygon(rings) => read_polygon(
            rings,
            &format!("{at}: geometry.coordinates"),
            budget,
            report,
        )
        .map(|p| Shape::Area(vec![p])),
        G::MultiPolygon(polys) => {
            if polys.is_empty() {
                report.error(
                    format!("{at}: geometry.coordinates"),
                    "a MultiPolygon with no polygons",
                );
                return None;
            }
            let mut out = Vec::with_capacity(polys.len());
            let mut ok = true;
            for (k, rings) in polys.iter().enumerate() {
                match read_polygon(
                    rings,
                    &format!("{at}: geometry.coordinates[{k}]"),
                    budget,
                    report,
                ) {
                    Some(p) => out.push(p),
                    None => ok = false,
                }
            }
            ok.then_some(Shape::Area(out))
        }
        other => {
            report.error(
                format!("{at}: geometry.type"),
                format!(
                    "{} is not supported: use Point, Polygon or MultiPolygon",
                    other.type_name()
                ),
            );
            None
        }
    }
}

fn read_polygon(
    rings: &[Vec<Vec<f64>>],
    at: &str,
    budget: &mut usize,
    report: &mut Report,
) -> Option<Polygon> {
    if rings.is_empty() {
        report.error(at, "a polygon needs at least an outer ring");
        return None;
    }
    let mut out: Vec<Vec<LonLat>> = Vec::with_capacity(rings.len());
    for (r, ring) in rings.iter().enumerate() {
        let at = format!("{at}[{r}]");
        if ring.len() > *budget {
            report.error(
                &at,
                format!("too many positions: the limit over all features is {MAX_POSITIONS}"),
            );
            return None;
        }
        *budget -= ring.len();
        if ring.len() < 4 {
            report.error(
                &at,
                format!("a ring needs at least 4 positions, this has {}", ring.len()),
            );
            return None;
        }
        let mut pts = Vec::with_capacity(ring.len());
        for (k, p) in ring.iter().enumerate() {
            pts.push(position(p, &format!("{at}[{k}]"), report)?);
        }
        if pts.first() != pts.last() {
            report.error(
                &at,
                "the ring is not closed: its last position must equal its first",
            );
            return None;
        }
        let area = signed_area(&pts);
        if area == 0.0 {
            report.error(&at, "the ring encloses no area");
            return None;
        }
        let outer = r == 0;
        if outer != (area > 0.0) {
            report.warn(
                &at,
                if outer {
                    "outer ring is clockwise; RFC 7946 asks for counter-clockwise (drawn anyway)"
                } else {
                    "hole is counter-clockwise; RFC 7946 asks for clockwise (drawn anyway)"
                },
            );
        }
        out.push(pts);
    }
    let mut it = out.into_iter();
    let exterior = it.next()?;
    Some(Polygon {
        exterior,
        holes: it.collect(),
    })
}

/// Twice the signed area in degree² (shoelace): positive when counter-clockwise.
fn signed_area(ring: &[LonLat]) -> f64 {
    ring.windows(2)
        .map(|w| match w {
            [a, b] => a.lon * b.lat - b.lon * a.lat,
            _ => 0.0,
        })
        .sum()
}

fn read_policies(text: &str, report: &mut Report) -> Option<Policies> {
    if too_big("policies", text, report) {
        return None;
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let policies: Policies = match serde_path_to_error::deserialize(&mut de) {
        Ok(p) => p,
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let at = if path == "." || path.is_empty() {
                format!("policies: line {}, column {}", inner.line(), inner.column())
            } else {
                format!(
                    "policies: {path} (line {}, column {})",
                    inner.line(),
                    inner.column()
                )
            };
            report.error(at, inner.to_string());
            return None;
        }
    };
    let before = report.error_count();
    let sources = &policies.sources;
    let need_source = |at: String, key: &str, report: &mut Report| {
        if !sources.contains_key(key) {
            report.error(at, format!("cites {key:?}, which is not in \"sources\""));
        }
    };
    let need_text = |at: String, t: &Text, report: &mut Report| {
        if t.zh.trim().is_empty() || t.en.trim().is_empty() {
            report.error(at, "needs text in both zh and en");
        }
    };
    for (key, s) in sources {
        let at = format!("policies: sources.{key}");
        need_text(format!("{at}.title"), &s.title, report);
        need_text(format!("{at}.publisher"), &s.publisher, report);
        if !is_partial_date(&s.date) {
            report.error(
                format!("{at}.date"),
                format!("{:?} is not a YYYY-MM-DD date", s.date),
            );
        }
    }
    let o = &policies.overview;
    need_text("policies: overview.title".into(), &o.title, report);
    need_text("policies: overview.issuer".into(), &o.issuer, report);
    need_text("policies: overview.summary".into(), &o.summary, report);
    if !is_partial_date(&o.date) {
        report.error(
            "policies: overview.date",
            format!("{:?} is not a YYYY-MM-DD date", o.date),
        );
    }
    if o.measures.is_empty() {
        report.error("policies: overview.measures", "lists no measures");
    }
    for (k, m) in o.measures.iter().enumerate() {
        need_text(format!("policies: overview.measures[{k}]"), m, report);
    }
    need_source("policies: overview.source".into(), &o.source, report);
    for (id, p) in &policies.places {
        let at = format!("policies: places.{id}");
        need_text(format!("{at}.summary"), &p.summary, report);
        for (k, t) in p.points.iter().enumerate() {
            need_text(format!("{at}.points[{k}]"), t, report);
        }
        need_source(format!("{at}.source"), &p.source, report);
    }
    for (k, m) in policies.milestones.iter().enumerate() {
        let at = format!("policies: milestones[{k}]");
        if !is_partial_date(&m.date) {
            report.error(
                format!("{at}.date"),
                format!("{:?} is not a YYYY, YYYY-MM or YYYY-MM-DD date", m.date),
            );
        }
        need_text(format!("{at}.text"), &m.text, report);
        need_source(format!("{at}.source"), &m.source, report);
    }
    (report.error_count() == before).then_some(policies)
}

/// Warnings for policies and places that do not meet.
fn cross_check(places: &[Place], policies: &Policies, report: &mut Report) {
    let ids: HashSet<&str> = places.iter().map(|p| p.id.as_str()).collect();
    for id in policies.places.keys() {
        if !ids.contains(id.as_str()) {
            report.warn(
                format!("policies: places.{id}"),
                "names a place that is not in the features file",
            );
        }
    }
    for (k, m) in policies.milestones.iter().enumerate() {
        for id in &m.places {
            if !ids.contains(id.as_str()) {
                report.warn(
                    format!("policies: milestones[{k}].places"),
                    format!("{id:?} is not in the features file"),
                );
            }
        }
    }
    for p in places {
        if p.kind.selectable() && !policies.places.contains_key(&p.id) {
            report.warn(
                format!("features: place {:?}", p.id),
                "has no entry in the policy file: its panel will show only its name",
            );
        }
    }
}
