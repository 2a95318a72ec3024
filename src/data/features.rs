//! The features file (a GeoJSON FeatureCollection) → places, the credit line, the map's title
//! and the data's words for its kinds, with every problem located.
//!
//! A good file is read in one pass; any other is read again the careful way, each feature
//! kept as its slice of the text until it is read on its own, so that a feature the types
//! refuse is reported at its place in the file and the others still read (`data::collection`
//! reads the collection's members either way, `data::feature` each feature's). Each feature
//! is read, checked, turned into a [`Place`] and dropped, so however big the file only one
//! feature at a time is in memory as JSON types. What GeoJSON leaves open (kinds, ids,
//! names, closed rings, ranges, windings, limits) is ours to check, here.
//!
//! Why not `geojson::Feature` and `geojson::Geometry` whole: both read their members
//! through serde's `flatten` (to keep foreign members, which the map does not use), which
//! buffers every feature as an untyped tree before reading it, and their error type's
//! message serializes a whole feature back to JSON. Measured in the shipped wasm, the two
//! cost 9.9 KB gzipped (110.5 KB against 100.6 KB), which is over the code budget with the
//! rest of the stack, and the buffering doubles the memory a big feature takes while read.

use geojson::Position;
use serde_json::{Map, Value as Json};

use crate::data::collection::{self, FeatureList, OnePass};
use crate::data::diagnose;
use crate::data::feature::{Coordinates, Feature};
use crate::data::json_error::{self, is_syntax, Root};
use crate::data::keyed::Keyed;
use crate::data::load::Limits;
use crate::data::model::TINTS;
use crate::data::model::{Kind, KindWords, LonLat, Place, Polygon, Shape};
use crate::data::props::{position, Props};
use crate::data::report::{DataFile, Location, Report};
use crate::i18n::{visible, Text};

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

/// Reads the features file `text`.
pub fn read(text: &str, limits: &Limits, report: &mut Report) -> (Vec<Place>, CollectionWords) {
    let places = Vec::new();
    let whole = Location::file(DataFile::Features);
    match json_error::root(DataFile::Features, text, report) {
        Root::Object => {}
        Root::Other(_) => {
            report.error(whole, "expected a GeoJSON FeatureCollection object");
            return (places, CollectionWords::default());
        }
        Root::NotJson => return (places, CollectionWords::default()),
    }
    // Most files are good, and are read in one pass, each feature as it is met; a file that
    // the pass cannot take whole is read again below, the careful way, which locates every
    // problem.
    let mut one_pass = OnePass::new(limits);
    if let Ok(c) = collection::read(text, Some(&mut one_pass)) {
        let kind = c.kind.as_ref().and_then(Json::as_str);
        if kind == Some("FeatureCollection")
            && matches!(c.features, Some(FeatureList::Read(n)) if n > 0)
        {
            // The careful read reports the collection's own members before its features.
            let words = collection_words(&c.members, report);
            report.problems.extend(one_pass.report.problems);
            return (one_pass.gathered.places, words);
        }
    }
    let collection = match collection::read(text, None) {
        Ok(c) => c,
        Err(e) if is_syntax(&e) => {
            json_error::report_syntax(DataFile::Features, text, 0, &e, report);
            return (places, CollectionWords::default());
        }
        Err(_) => {
            report.error(whole, "expected a GeoJSON FeatureCollection object");
            return (places, CollectionWords::default());
        }
    };
    match collection.kind.as_ref().and_then(Json::as_str) {
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
    let words = collection_words(&collection.members, report);
    let Some(FeatureList::Slices(features)) = collection.features else {
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
    let mut gathered = Gathered::new(limits);
    for (i, raw) in features.iter().enumerate() {
        if let Some(place) = read_feature(i, raw.get(), text, &mut gathered.budget, report) {
            gathered.add(i, place, report);
        }
    }
    (gathered.places, words)
}

/// The places read so far, and what reading the rest needs to know.
pub(super) struct Gathered {
    pub(super) places: Vec<Place>,
    /// Their ids, sorted: a hash set would cost the wasm more than it saves here.
    seen: Vec<String>,
    pub(super) budget: Budget,
}

impl Gathered {
    /// None yet, within `limits`.
    pub(super) fn new(limits: &Limits) -> Gathered {
        Gathered {
            places: Vec::new(),
            seen: Vec::new(),
            budget: Budget {
                left: limits.positions,
                limit: limits.positions,
                told: false,
            },
        }
    }

    /// Adds feature `i`'s place; one whose id an earlier place has is warned of.
    pub(super) fn add(&mut self, i: usize, place: Place, report: &mut Report) {
        match self.seen.binary_search(&place.id) {
            Ok(_) => report.warn(
                Location::feature(i, Some(&place.id)),
                "duplicate id: only the first feature with this id can be selected",
            ),
            Err(at) => self.seen.insert(at, place.id.clone()),
        }
        self.places.push(place);
    }
}

/// The collection's own members: credit line, title and kind words.
pub(super) fn collection_words(root: &Map<String, Json>, report: &mut Report) -> CollectionWords {
    let whole = Location::file(DataFile::Features);
    let mut root = Props::new(root, whole.clone());
    let attribution = match (root.get("attribution"), root.get("attribution_zh")) {
        (None, _) => None,
        (Some(Json::String(en)), None) => Some(Text::new(&visible(en), &visible(en))),
        (Some(Json::String(en)), Some(Json::String(zh))) => {
            Some(Text::new(&visible(en), &visible(zh)))
        }
        _ => {
            report.error(
                whole.at("attribution"),
                "attribution (and attribution_zh, if given) must be strings",
            );
            None
        }
    };
    let title = root.optional_pair("title", report);
    let mut kinds = Keyed::new();
    match root.get("kinds") {
        None | Some(Json::Null) => {}
        Some(Json::Object(entries)) => {
            for (key, entry) in entries {
                let at = whole.at("kinds").at(key);
                let Some(kind) = Kind::parse(key) else {
                    report.error(at, unknown_kind(key));
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

/// The message for a `kind` the format does not have.
pub fn unknown_kind(kind: &str) -> String {
    format!("unknown kind \"{kind}\": use province, counties, wing, park or context")
}

/// Why the map cannot draw a geometry of type `kind`: GeoJSON's other types, and names that
/// are not GeoJSON at all, are told apart.
pub fn unsupported(kind: &str) -> String {
    match kind {
        "LineString" | "MultiLineString" | "MultiPoint" | "GeometryCollection" => {
            format!("{kind} is not supported: use Point, Polygon or MultiPolygon")
        }
        _ => {
            format!("\"{kind}\" is not a GeoJSON geometry type: use Point, Polygon or MultiPolygon")
        }
    }
}

/// The positions still allowed, out of the limit for the whole file; the limit is reported
/// once, at the ring that passes it.
pub(super) struct Budget {
    left: usize,
    limit: usize,
    told: bool,
}

/// Reads feature `i`, the slice `raw` of the file's `text`.
fn read_feature(
    i: usize,
    raw: &str,
    text: &str,
    budget: &mut Budget,
    report: &mut Report,
) -> Option<Place> {
    // Text that is not JSON is reported at its line and column in the whole file; a shape
    // that the types refuse gets a second look, at plain JSON values, that says where and why.
    let refused = |part: &str, e: serde_json::Error, report: &mut Report| {
        if is_syntax(&e) {
            let offset = json_error::offset_in(text, part);
            json_error::report_syntax(DataFile::Features, text, offset, &e, report);
        } else {
            diagnose::feature(i, raw, text, &e, report);
        }
    };
    let mut feature: Feature = match serde_json::from_str(raw) {
        Ok(f) => f,
        Err(e) => {
            refused(raw, e, report);
            return None;
        }
    };
    let coordinates = match &mut feature.geometry {
        Some(Some(g)) => match g.coordinates() {
            Ok(c) => c,
            Err(e) => {
                refused(g.coordinates_text(), e, report);
                return None;
            }
        },
        _ => None,
    };
    place_of(i, &feature, coordinates, budget, report)
}

/// Feature `i`, read, as a place (`coordinates`: its geometry's, read as its type says), or
/// `None` with its problems reported.
pub(super) fn place_of(
    i: usize,
    feature: &Feature,
    coordinates: Option<Coordinates>,
    budget: &mut Budget,
    report: &mut Report,
) -> Option<Place> {
    let id_hint = feature
        .properties
        .as_ref()
        .and_then(|p| p.get("id"))
        .and_then(Json::as_str);
    let at = Location::feature(i, id_hint);
    let Some(members) = &feature.properties else {
        report.error(
            at,
            "has no properties: needs at least id, kind, name_zh, name_en",
        );
        return None;
    };
    let mut props = Props::new(members, at.at("properties"));
    let id = props.required_str("id", report);
    let kind = props
        .required_str("kind", report)
        .and_then(|k| match Kind::parse(&k) {
            Some(kind) => Some(kind),
            None => {
                report.error(at.at("properties.kind"), unknown_kind(&k));
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
    let tint = props.optional_index(
        "tint",
        TINTS,
        "which of the theme's tints the area takes",
        report,
    );
    let source = props.optional_str("source");
    let shape = match &feature.geometry {
        Some(Some(g)) => read_shape(&g.kind, coordinates, &at.at("geometry"), budget, report),
        // GeoJSON allows a feature with no location (`"geometry": null`); there is nothing
        // to draw or select.
        Some(None) => {
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
        tint,
        source,
        shape: shape?,
    })
}

/// A GeoJSON position as longitude/latitude, or a located error. `at` makes the location
/// only when there is a problem to report: a file may hold a million positions, and on the
/// happy path a location (its path formatted and copied) would cost more than the position.
fn read_position(
    p: &Position,
    at: impl FnOnce() -> Location,
    report: &mut Report,
) -> Option<LonLat> {
    match p.as_slice() {
        [lon, lat, ..] if LonLat::in_range(*lon, *lat) => Some(LonLat {
            lon: *lon,
            lat: *lat,
        }),
        numbers => position(numbers, &at(), report),
    }
}

fn read_shape(
    kind: &str,
    geometry: Option<Coordinates>,
    at: &Location,
    budget: &mut Budget,
    report: &mut Report,
) -> Option<Shape> {
    let coordinates = at.at("coordinates");
    match geometry {
        Some(Coordinates::Point(p)) => {
            read_position(&p, || coordinates.clone(), report).map(Shape::Point)
        }
        Some(Coordinates::Polygon(rings)) => {
            read_polygon(&rings, &coordinates, budget, report).map(|p| Shape::Area(vec![p]))
        }
        Some(Coordinates::MultiPolygon(polys)) => {
            if polys.is_empty() {
                report.error(coordinates, "a MultiPolygon with no polygons");
                return None;
            }
            let mut out = Vec::with_capacity(polys.len());
            let mut ok = true;
            for (k, rings) in polys.iter().enumerate() {
                let at = coordinates.at(format!("[{k}]"));
                match read_polygon(rings, &at, budget, report) {
                    Some(p) => out.push(p),
                    None => ok = false,
                }
            }
            ok.then_some(Shape::Area(out))
        }
        None => {
            report.error(at.at("type"), unsupported(kind));
            None
        }
    }
}

fn read_polygon(
    rings: &[Vec<Position>],
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
            pts.push(read_position(p, || at.at(format!("[{k}]")), report)?);
        }
        if pts.first() != pts.last() {
            report.error(
                at,
                "the ring is not closed: its last position must equal its first",
            );
            return None;
        }
        let area = crate::data::model::ring_area2(&pts, |p| (p.lon, p.lat));
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
