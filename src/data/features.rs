//! The features file (GeoJSON FeatureCollection) → places, the credit line, the map's title
//! and the data's words for its kinds, with every problem located.

use crate::data::json::{self, Json};
use crate::data::keyed::Keyed;
use crate::data::load::Limits;
use crate::data::model::{Kind, KindWords, LonLat, Place, Polygon, Shape};
use crate::data::props::{position, Props};
use crate::data::report::{DataFile, Location, Report};
use crate::i18n::Text;

/// What the features file gives besides its places.
#[derive(Debug, Default)]
pub struct CollectionWords {
    /// `attribution` / `attribution_zh`.
    pub attribution: Option<Text>,
    /// `title_zh` / `title_en`.
    pub title: Option<Text>,
    /// `kinds`.
    pub kinds: Keyed<Kind, KindWords>,
}

/// Reads the features file `text`, parsed as `root` (with coordinates deferred or not: see
/// [`json::parse_deferring`]).
pub fn read(
    root: &Json,
    text: &str,
    limits: &Limits,
    report: &mut Report,
) -> (Vec<Place>, CollectionWords) {
    let mut places = Vec::new();
    let whole = Location::file(DataFile::Features);
    let Some(members) = root.as_object() else {
        report.error(whole, "expected a GeoJSON FeatureCollection object");
        return (places, CollectionWords::default());
    };
    match root.get("type").and_then(Json::as_str) {
        Some("FeatureCollection") => {}
        // What mapshaper and many news graphics tools export by default.
        Some("Topology") => {
            report.error(whole.at("type"), "is TopoJSON: convert it to GeoJSON first");
            return (places, CollectionWords::default());
        }
        _ => {
            report.error(whole.at("type"), "expected \"type\": \"FeatureCollection\"");
            return (places, CollectionWords::default());
        }
    }
    let words = collection_words(members, report);
    let Some(features) = root.get("features").and_then(Json::as_array) else {
        report.error(whole.at("features"), "expected an array of features");
        return (places, words);
    };
    if features.is_empty() {
        report.error(whole.at("features"), "the collection has no features");
    }
    if features.len() > limits.features {
        report.error(
            whole.at("features"),
            format!(
                "{} features; the limit is {}",
                features.len(),
                limits.features
            ),
        );
        return (places, words);
    }
    let mut budget = Budget {
        left: limits.positions,
        limit: limits.positions,
        told: false,
    };
    let mut seen: Vec<String> = Vec::new();
    for (i, value) in features.iter().enumerate() {
        if let Some(place) = read_feature(i, value, text, &mut budget, report) {
            // A sorted list: a hash set would cost the wasm more than it saves here.
            let first = match seen.binary_search(&place.id) {
                Ok(_) => false,
                Err(at) => {
                    seen.insert(at, place.id.clone());
                    true
                }
            };
            if !first {
                report.warn(
                    Location::feature(i, Some(&place.id)),
                    "duplicate id: only the first feature with this id can be selected",
                );
            }
            places.push(place);
        }
    }
    (places, words)
}

/// The collection's own members: credit line, title and kind words.
fn collection_words(root: &[(String, Json)], report: &mut Report) -> CollectionWords {
    let whole = Location::file(DataFile::Features);
    let root = Props::new(root, whole.clone());
    let attribution = match (root.get("attribution"), root.get("attribution_zh")) {
        (None, _) => None,
        (Some(Json::String(en)), None) => Some(Text::new(en, en)),
        (Some(Json::String(en)), Some(Json::String(zh))) => Some(Text::new(en, zh)),
        _ => {
            report.error(
                whole.at("attribution"),
                "attribution (and attribution_zh, if given) must be strings",
            );
            None
        }
    };
    let mut root = root;
    let title = root.optional_pair("title", report);
    let mut kinds = Keyed::new();
    match root.get("kinds") {
        None | Some(Json::Null) => {}
        Some(Json::Object(entries)) => {
            for (key, entry) in entries {
                let at = whole.at("kinds").at(key);
                let Some(kind) = Kind::parse(key) else {
                    report.error(
                        at,
                        format!(
                            "unknown kind \"{key}\": use province, counties, wing, park or context"
                        ),
                    );
                    continue;
                };
                let Json::Object(members) = entry else {
                    report.error(at, "must be an object with name_zh and name_en");
                    continue;
                };
                let mut props = Props::new(members, at);
                let name_zh = props.required_str("name_zh", report);
                let name_en = props.required_str("name_en", report);
                let legend = props.optional_pair("legend", report);
                if let (Some(zh), Some(en)) = (name_zh, name_en) {
                    kinds.insert(
                        kind,
                        KindWords {
                            name: Text { zh, en },
                            legend,
                        },
                    );
                }
            }
        }
        Some(_) => report.error(
            whole.at("kinds"),
            "must be an object keyed by kind (province, counties, wing, park, context)",
        ),
    }
    CollectionWords {
        attribution,
        title,
        kinds,
    }
}

/// The positions still allowed, out of the limit for the whole file; the limit is reported
/// once, at the ring that passes it.
struct Budget {
    left: usize,
    limit: usize,
    told: bool,
}

fn read_feature(
    i: usize,
    value: &Json,
    text: &str,
    budget: &mut Budget,
    report: &mut Report,
) -> Option<Place> {
    let id_hint = value
        .get("properties")
        .and_then(|p| p.get("id"))
        .and_then(Json::as_str);
    let at = Location::feature(i, id_hint);
    if value.as_object().is_none() {
        report.error(
            at,
            format!("must be a GeoJSON Feature object, not {}", value.kind()),
        );
        return None;
    }
    if value.get("type").and_then(Json::as_str) != Some("Feature") {
        report.error(at.at("type"), "expected \"type\": \"Feature\"");
        return None;
    }
    let members = match value.get("properties") {
        None | Some(Json::Null) => {
            report.error(
                at,
                "has no properties: needs at least id, kind, name_zh, name_en",
            );
            return None;
        }
        Some(Json::Object(members)) => members,
        Some(other) => {
            report.error(
                at.at("properties"),
                format!("must be an object, not {}", other.kind()),
            );
            return None;
        }
    };
    let mut props = Props::new(members, at.at("properties"));
    let id = props.required_str("id", report);
    let kind = props
        .required_str("kind", report)
        .and_then(|k| match Kind::parse(&k) {
            Some(kind) => Some(kind),
            None => {
                report.error(
                    at.at("properties.kind"),
                    format!("unknown kind \"{k}\": use province, counties, wing, park or context"),
                );
                None
            }
        });
    let name_zh = props.required_str("name_zh", report);
    let name_en = props.required_str("name_en", report);
    if let Some(id) = &id {
        let link_safe = id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !link_safe {
            report.warn(
                at.at("properties.id"),
                "ids should be lowercase ASCII letters, digits and '-' so they work in links",
            );
        }
    }
    let short = props.optional_pair("short", report);
    let host = props.optional_pair("host", report);
    let approximate = props.optional_bool("approximate", report);
    let area_km2 = props.optional_positive("area_km2", "square kilometres", report);
    let label = props.optional_position("label", report);
    let source = props.optional_str("source");
    let shape = match value.get("geometry") {
        // GeoJSON allows a feature with no location; there is nothing to draw or select.
        Some(Json::Null) => {
            report.warn(
                at.at("geometry"),
                "is null: the place is left off the map (give it a Point, Polygon or MultiPolygon)",
            );
            return None;
        }
        None => {
            report.error(
                at.at("geometry"),
                "is missing: a place needs a Point, Polygon or MultiPolygon",
            );
            None
        }
        Some(g) => read_shape(g, &at.at("geometry"), text, budget, report),
    };
    if let (Some(Kind::Context), Some(Shape::Point(_))) = (kind, &shape) {
        report.error(
            at.at("geometry"),
            "a context place must be a Polygon or MultiPolygon",
        );
        return None;
    }
    if !props.ok {
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

/// `value` as an array of `what`, or an error at `at`.
fn list<'a>(value: &'a Json, at: &Location, what: &str, report: &mut Report) -> Option<&'a [Json]> {
    match value {
        Json::Array(items) => Some(items),
        _ => {
            report.error(at.clone(), format!("must be an array of {what}"));
            None
        }
    }
}

/// A well-formed position in range, read without building a location for messages (a file
/// may hold a million positions); `None` sends it to [`read_position`] for a located error.
fn plain_position(value: &Json) -> Option<LonLat> {
    let [Json::Number(lon), Json::Number(lat), rest @ ..] = value.as_array()? else {
        return None;
    };
    let ok = rest.iter().all(|v| matches!(v, Json::Number(_)))
        && (-180.0..=180.0).contains(lon)
        && (-90.0..=90.0).contains(lat);
    ok.then_some(LonLat {
        lon: *lon,
        lat: *lat,
    })
}

/// A GeoJSON position: an array of at least two numbers.
fn read_position(value: &Json, at: &Location, report: &mut Report) -> Option<LonLat> {
    let numbers: Option<Vec<f64>> = value
        .as_array()
        .and_then(|items| items.iter().map(Json::as_f64).collect());
    position(numbers.as_deref().unwrap_or(&[]), at, report)
}

fn read_shape(
    geometry: &Json,
    at: &Location,
    text: &str,
    budget: &mut Budget,
    report: &mut Report,
) -> Option<Shape> {
    if geometry.as_object().is_none() {
        report.error(
            at.clone(),
            format!("must be a GeoJSON geometry object, not {}", geometry.kind()),
        );
        return None;
    }
    let coordinates = at.at("coordinates");
    // A deferred value is built here, one geometry at a time, and dropped when read.
    let coords = geometry
        .get("coordinates")
        .and_then(|c| json::resolve(text, c));
    let coords = coords.as_deref().unwrap_or(&Json::Null);
    match geometry.get("type").and_then(Json::as_str) {
        Some("Point") => read_position(coords, &coordinates, report).map(Shape::Point),
        Some("Polygon") => {
            let rings = list(coords, &coordinates, "rings", report)?;
            read_polygon(rings, &coordinates, budget, report).map(|p| Shape::Area(vec![p]))
        }
        Some("MultiPolygon") => {
            let polys = list(coords, &coordinates, "polygons", report)?;
            if polys.is_empty() {
                report.error(coordinates, "a MultiPolygon with no polygons");
                return None;
            }
            let mut out = Vec::with_capacity(polys.len());
            let mut ok = true;
            for (k, rings) in polys.iter().enumerate() {
                let at = coordinates.at(format!("[{k}]"));
                let polygon = list(rings, &at, "rings", report)
                    .and_then(|rings| read_polygon(rings, &at, budget, report));
                match polygon {
                    Some(p) => out.push(p),
                    None => ok = false,
                }
            }
            ok.then_some(Shape::Area(out))
        }
        Some(other @ ("LineString" | "MultiLineString" | "MultiPoint" | "GeometryCollection")) => {
            report.error(
                at.at("type"),
                format!("{other} is not supported: use Point, Polygon or MultiPolygon"),
            );
            None
        }
        Some(other) => {
            report.error(
                at.at("type"),
                format!(
                    "\"{other}\" is not a GeoJSON geometry type: use Point, Polygon or MultiPolygon"
                ),
            );
            None
        }
        None => {
            report.error(
                at.at("type"),
                "is missing: use Point, Polygon or MultiPolygon",
            );
            None
        }
    }
}

fn read_polygon(
    rings: &[Json],
    at: &Location,
    budget: &mut Budget,
    report: &mut Report,
) -> Option<Polygon> {
    if rings.is_empty() {
        report.error(at.clone(), "a polygon needs at least an outer ring");
        return None;
    }
    let mut out: Vec<Vec<LonLat>> = Vec::with_capacity(rings.len());
    for (r, ring) in rings.iter().enumerate() {
        let at = at.at(format!("[{r}]"));
        let Some(ring) = ring.as_array() else {
            report.error(at, "a ring must be an array of positions");
            return None;
        };
        if ring.len() > budget.left {
            if !budget.told {
                budget.told = true;
                report.error(
                    at,
                    format!(
                        "too many positions: the limit over all features is {}",
                        budget.limit
                    ),
                );
            }
            return None;
        }
        budget.left -= ring.len();
        if ring.len() < 4 {
            report.error(
                at,
                format!("a ring needs at least 4 positions, this has {}", ring.len()),
            );
            return None;
        }
        let mut pts = Vec::with_capacity(ring.len());
        for (k, p) in ring.iter().enumerate() {
            let ll = match plain_position(p) {
                Some(ll) => ll,
                None => read_position(p, &at.at(format!("[{k}]")), report)?,
            };
            pts.push(ll);
        }
        if pts.first() != pts.last() {
            report.error(
                at,
                "the ring is not closed: its last position must equal its first",
            );
            return None;
        }
        let area = signed_area(&pts);
        if area == 0.0 {
            report.error(at, "the ring encloses no area");
            return None;
        }
        let outer = r == 0;
        if outer != (area > 0.0) {
            report.warn(
                at,
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
