//! The newsroom's boundary file, read as it comes (Natural Earth, GADM, a government portal,
//! a GIS desk): GeoJSON areas with that source's own property names. Everything the widget's
//! format needs but the file does not say is asked of the command's flags.

use crate::import::ids::{as_text, chinese_name, widget_id};
use crate::import::Options;
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

/// The members of a file's root that say what it is, and its features as text.
#[derive(Deserialize)]
struct Root<'a> {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(borrow, default)]
    features: Option<&'a RawValue>,
    /// Esri JSON's.
    #[serde(rename = "spatialReference", default)]
    spatial_reference: Option<IgnoredAny>,
    /// Esri JSON's.
    #[serde(rename = "geometryType", default)]
    geometry_type: Option<IgnoredAny>,
}

/// A polygon: its rings of `[lon, lat]`, the exterior first.
pub type Polygon = Vec<Vec<[f64; 2]>>;

/// One area of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// Its id as the file gives it.
    pub raw_id: String,
    /// Its id as the widget's.
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// Whether it is one of the story's places (else context).
    pub place: bool,
    /// Its polygons.
    pub polygons: Vec<Polygon>,
}

/// The file's areas.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// In the file's order.
    pub areas: Vec<Area>,
}

impl Found {
    /// The places' widget ids.
    pub fn place_ids(&self) -> Vec<String> {
        self.areas
            .iter()
            .filter(|a| a.place)
            .map(|a| a.id.clone())
            .collect()
    }
}

/// Reads `text`, the newsroom's file, with the properties `o` names.
pub fn read(text: &str, o: &Options, warnings: &mut Vec<String>) -> Result<Found, String> {
    // The collection's members, its features kept as slices of the text: a file of hundreds
    // of megabytes is never one tree of JSON values (several times its size), only one
    // feature at a time.
    let syntax = |e: serde_json::Error| {
        format!(
            "is not valid JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        )
    };
    let root: Root = match serde_json::from_str(text) {
        Ok(root) => root,
        // Valid JSON of another shape, or not JSON at all (a cheap second look says which).
        Err(e) if e.is_data() => {
            serde_json::from_str::<IgnoredAny>(text).map_err(syntax)?;
            return Err(
                "must be a GeoJSON FeatureCollection: a JSON object with \"type\" and \"features\""
                    .into(),
            );
        }
        Err(e) => return Err(syntax(e)),
    };
    let kind = root.kind.as_deref();
    if kind == Some("Topology") {
        return Err(
            "is TopoJSON, not GeoJSON: convert it first, for example with \
                    `npx -p topojson-client topo2geo <object>=out.geojson < in.json` \
                    or `mapshaper in.json -o format=geojson out.geojson`"
                .into(),
        );
    }
    let features: Option<Vec<&RawValue>> = root
        .features
        .and_then(|f| serde_json::from_str(f.get()).ok());
    let first_has_attributes = features
        .as_ref()
        .and_then(|f| f.first())
        .and_then(|f| serde_json::from_str::<Value>(f.get()).ok())
        .is_some_and(|f| f.get("attributes").is_some());
    if root.spatial_reference.is_some() || root.geometry_type.is_some() || first_has_attributes {
        return Err(
            "is Esri JSON, not GeoJSON: convert it first, for example with \
                    `ogr2ogr -f GeoJSON out.geojson in.json`"
                .into(),
        );
    }
    if kind != Some("FeatureCollection") {
        return Err("must be a GeoJSON FeatureCollection (its \"type\" says otherwise)".into());
    }
    let features = features.ok_or("has no \"features\" array")?;
    if features.is_empty() {
        return Err("has no features".into());
    }
    // One feature at a time: what it says, and the property names the file uses (for the
    // error that names them when a flag names none).
    let mut names: Vec<String> = Vec::new();
    let mut feature_level_ids = false;
    let mut raws = Vec::with_capacity(features.len());
    for (n, raw) in features.iter().enumerate() {
        let feature: Value = serde_json::from_str(raw.get())
            .map_err(|e| format!("feature {n} is not a JSON object: {e}"))?;
        feature_level_ids |= feature.get("id").is_some();
        let keys = feature
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|p| p.keys());
        for key in keys {
            if !names.contains(key) {
                names.push(key.clone());
            }
        }
        raws.push(Raw::read(n, &feature, o)?);
    }
    let wanted = [Some(&o.id), Some(&o.name_en), o.name_zh.as_ref()];
    for name in wanted.into_iter().flatten() {
        // `--id id` may name the feature's own `id` member (RFC 7946), which converters such
        // as topojson-client write instead of a property.
        if !(name == FEATURE_ID && feature_level_ids) {
            require_property(&names, name)?;
        }
    }
    let mut gaps = Gaps::default();
    let chosen = chosen_places(&raws, o)?;
    let mut areas: Vec<Area> = Vec::new();
    for (raw, place) in raws.into_iter().zip(chosen) {
        let Some(area) = raw.area(place, o, &mut gaps)? else {
            continue;
        };
        if let Some(twin) = areas.iter().find(|a| a.id == area.id) {
            return Err(format!(
                "features \"{}\" and \"{}\" both become the id \"{}\": ids must differ",
                twin.raw_id, area.raw_id, area.id
            ));
        }
        areas.push(area);
    }
    gaps.warn(o, warnings);
    if o.name_zh.is_none() {
        warnings.push("no --name-zh: the Chinese names are the English ones".into());
    }
    Ok(Found { areas })
}

/// The name of RFC 7946's feature-level identifier, which `--id id` reads when no feature
/// has an `id` property.
const FEATURE_ID: &str = "id";

/// Which features are the story's places: those `--places` names (by the file's id or the
/// widget's), else all of them.
fn chosen_places(raws: &[Raw], o: &Options) -> Result<Vec<bool>, String> {
    let Some(places) = &o.places else {
        return Ok(vec![true; raws.len()]);
    };
    let mut chosen = vec![false; raws.len()];
    for wanted in places {
        let hit = raws.iter().position(|r| {
            r.id.as_deref()
                .is_some_and(|id| id == wanted || widget_id(id) == widget_id(wanted))
        });
        match hit.and_then(|k| chosen.get_mut(k)) {
            Some(c) => *c = true,
            None => {
                return Err(format!(
                    "--places names \"{wanted}\", which no feature's \"{}\" is",
                    o.id
                ))
            }
        }
    }
    Ok(chosen)
}

/// A feature's geometry as import reads it.
enum Shape {
    /// Its polygons (a `GeometryCollection`'s polygon members merged into one area).
    Areas(Vec<Polygon>),
    /// No area: a `null` geometry, empty coordinates, or points and lines only (why, in
    /// words).
    Nothing(String),
}

/// What one feature of the file says, before it is known to be a place or context.
struct Raw {
    /// Its index in the file.
    n: usize,
    id: Option<String>,
    name_en: Option<String>,
    name_zh: Option<String>,
    shape: Shape,
    /// Points and lines left out of a `GeometryCollection`.
    dropped_members: usize,
}

/// What the file leaves out, gathered for one warning line each.
#[derive(Default)]
struct Gaps {
    no_zh: Vec<String>,
    no_en: Vec<String>,
    no_id: Vec<String>,
    no_area: Vec<String>,
    members: Vec<String>,
}

/// `names` as a short list for a warning: the first five, then how many more.
fn listed(names: &[String]) -> String {
    let mut out = names.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > 5 {
        out.push_str(&format!(" and {} more", names.len() - 5));
    }
    out
}

/// "1 feature has" or "3 features have".
fn features_have(k: usize) -> String {
    if k == 1 {
        "1 feature has".into()
    } else {
        format!("{k} features have")
    }
}

impl Gaps {
    fn warn(&self, o: &Options, warnings: &mut Vec<String>) {
        let zh = o.name_zh.as_deref().unwrap_or("");
        let lines = [
            (
                &self.no_zh,
                format!("no \"{zh}\""),
                "their English names are used",
            ),
            (
                &self.no_en,
                format!("no \"{}\"", o.name_en),
                "their Chinese names are used",
            ),
            (
                &self.no_id,
                format!("no \"{}\"", o.id),
                "they are context, with ids context-N",
            ),
            (&self.no_area, "no area".to_string(), "they are left out"),
            (
                &self.members,
                "points or lines in a GeometryCollection".to_string(),
                "those members are left out",
            ),
        ];
        for (names, what, done) in lines {
            if !names.is_empty() {
                let have = features_have(names.len());
                warnings.push(format!("{have} {what}: {}; {done}", listed(names)));
            }
        }
    }
}

impl Raw {
    /// Reads feature `n`'s id, names and geometry with the properties `o` names; a gap is
    /// `None` here, and judged once the feature is known to be a place or context.
    fn read(n: usize, feature: &Value, o: &Options) -> Result<Raw, String> {
        let props = feature.get("properties").and_then(Value::as_object);
        let value = |name: &str| props.and_then(|p| p.get(name)).and_then(as_text);
        let id = value(&o.id).or_else(|| {
            (o.id == FEATURE_ID)
                .then(|| feature.get("id").and_then(as_text))
                .flatten()
        });
        let (shape, dropped_members) = geometry(feature.get("geometry"), n)?;
        Ok(Raw {
            n,
            id,
            name_en: value(&o.name_en),
            name_zh: o
                .name_zh
                .as_deref()
                .and_then(value)
                .map(|z| chinese_name(&z)),
            shape,
            dropped_members,
        })
    }

    /// The feature as the file names it, for messages: `feature 3 (Qinghai)`.
    fn describe(&self) -> String {
        match self
            .name_en
            .as_ref()
            .or(self.name_zh.as_ref())
            .or(self.id.as_ref())
        {
            Some(name) => format!("feature {} ({name})", self.n),
            None => format!("feature {}", self.n),
        }
    }

    /// The feature as an area of the map: a place must say everything (an error names the
    /// gap); context fills its gaps (recorded in `gaps`), and without an area is left out.
    fn area(self, place: bool, o: &Options, gaps: &mut Gaps) -> Result<Option<Area>, String> {
        let who = self.describe();
        let missing = |name: &str| format!("{who} has no value for the property \"{name}\"");
        if self.dropped_members > 0 {
            gaps.members.push(who.clone());
        }
        let polygons = match self.shape {
            Shape::Areas(polygons) => polygons,
            Shape::Nothing(why) if place => {
                return Err(format!("{who} is one of the places, but {why}"))
            }
            Shape::Nothing(_) => {
                gaps.no_area.push(who);
                return Ok(None);
            }
        };
        if place {
            let raw_id = self.id.ok_or_else(|| missing(&o.id))?;
            let name_en = self.name_en.ok_or_else(|| missing(&o.name_en))?;
            let name_zh = match (&o.name_zh, self.name_zh) {
                (Some(p), None) => return Err(missing(p)),
                (_, zh) => zh.unwrap_or_else(|| name_en.clone()),
            };
            return checked_area(self.n, raw_id, name_en, name_zh, true, polygons).map(Some);
        }
        let raw_id = match self.id {
            Some(id) => id,
            None => {
                gaps.no_id.push(who.clone());
                // Written out as `context-N`, as every context area's id is prefixed.
                self.n.to_string()
            }
        };
        if o.name_zh.is_some() && self.name_zh.is_none() {
            gaps.no_zh.push(who.clone());
        }
        if self.name_en.is_none() {
            gaps.no_en.push(who);
        }
        let name_en = self
            .name_en
            .clone()
            .or_else(|| self.name_zh.clone())
            .unwrap_or_else(|| raw_id.clone());
        let name_zh = self.name_zh.unwrap_or_else(|| name_en.clone());
        checked_area(self.n, raw_id, name_en, name_zh, false, polygons).map(Some)
    }
}

/// An area with its widget id, which must have a letter or digit.
fn checked_area(
    n: usize,
    raw_id: String,
    name_en: String,
    name_zh: String,
    place: bool,
    polygons: Vec<Polygon>,
) -> Result<Area, String> {
    let id = widget_id(&raw_id);
    if id.chars().all(|c| c == '-') {
        return Err(format!(
            "feature {n}: its id \"{raw_id}\" has no letter or digit to make a widget id of"
        ));
    }
    Ok(Area {
        raw_id,
        id,
        name_en,
        name_zh,
        place,
        polygons,
    })
}

/// An error naming the file's properties (`names`), closest first, unless `name` is one.
fn require_property(names: &[String], name: &str) -> Result<(), String> {
    if names.iter().any(|n| n == name) {
        return Ok(());
    }
    let mut names: Vec<&str> = names.iter().map(String::as_str).collect();
    let lower = name.to_lowercase();
    names.sort_by(|a, b| {
        let d = |s: &str| strsim::damerau_levenshtein(&s.to_lowercase(), &lower);
        d(a).cmp(&d(b)).then(a.cmp(b))
    });
    Err(format!(
        "no feature has the property \"{name}\"; the file's properties are (closest first): {}",
        names.join(", ")
    ))
}

/// A feature's areas, checked to be longitude/latitude, and how many points or lines a
/// `GeometryCollection` held (left out). A `null` geometry, empty coordinates, or points and
/// lines alone are no area.
fn geometry(g: Option<&Value>, n: usize) -> Result<(Shape, usize), String> {
    let Some(g) = g.filter(|g| !g.is_null()) else {
        return Ok((Shape::Nothing("its geometry is null".into()), 0));
    };
    let kind = g.get("type").and_then(Value::as_str);
    let (mut polygons, mut dropped) = (Vec::new(), 0);
    if kind == Some("GeometryCollection") {
        let members = g.get("geometries").and_then(Value::as_array);
        for member in members.into_iter().flatten() {
            match member.get("type").and_then(Value::as_str) {
                Some("Polygon" | "MultiPolygon") => polygons.extend(areas_of(member, n)?),
                _ => dropped += 1,
            }
        }
    } else if matches!(kind, Some("Polygon" | "MultiPolygon")) {
        polygons = areas_of(g, n)?;
    } else {
        let is_empty = g
            .get("coordinates")
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty);
        if !is_empty
            && !matches!(
                kind,
                Some("Point" | "MultiPoint" | "LineString" | "MultiLineString")
            )
        {
            return Err(format!(
                "feature {n}: its geometry is {}; import takes Polygon and MultiPolygon areas",
                kind.unwrap_or("of no type")
            ));
        }
    }
    polygons.retain(|p| p.first().is_some_and(|ring| !ring.is_empty()));
    if polygons.is_empty() {
        let why = if dropped > 0 {
            "its GeometryCollection holds only points or lines, not an area".to_string()
        } else if is_lines_or_points(kind) {
            format!(
                "its geometry is {}, not an area; import takes Polygon and MultiPolygon areas",
                kind.unwrap_or("")
            )
        } else {
            "its geometry is empty".to_string()
        };
        return Ok((Shape::Nothing(why), dropped));
    }
    for ring in polygons.iter().flatten() {
        if let Some(p) = ring
            .iter()
            .find(|p| !crate::data::model::LonLat::in_range(p[0], p[1]))
        {
            return Err(format!(
                "feature {n} has the position [{}, {}], which is not longitude/latitude: the file looks \
                 projected (a CRS such as EPSG:3857 or a national grid). Reproject it to WGS 84 first, \
                 for example with `ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson` or \
                 `mapshaper in.geojson -proj wgs84 -o out.geojson`",
                p[0], p[1]
            ));
        }
    }
    Ok((Shape::Areas(polygons), dropped))
}

/// Whether a geometry type is points or lines.
fn is_lines_or_points(kind: Option<&str>) -> bool {
    matches!(
        kind,
        Some("Point" | "MultiPoint" | "LineString" | "MultiLineString")
    )
}

/// The polygons of a `Polygon` or `MultiPolygon` (empty coordinates: none).
fn areas_of(g: &Value, n: usize) -> Result<Vec<Polygon>, String> {
    let coords = g
        .get("coordinates")
        .ok_or_else(|| format!("feature {n}: its geometry has no coordinates"))?;
    if coords.as_array().is_some_and(Vec::is_empty) {
        return Ok(Vec::new());
    }
    match g.get("type").and_then(Value::as_str) {
        Some("Polygon") => Ok(vec![polygon(coords, n)?]),
        _ => coords
            .as_array()
            .ok_or_else(|| format!("feature {n}: a MultiPolygon's coordinates must be an array"))?
            .iter()
            .map(|p| polygon(p, n))
            .collect(),
    }
}

fn polygon(v: &Value, n: usize) -> Result<Polygon, String> {
    let bad = || {
        format!(
            "feature {n}: a polygon must be an array of rings of [longitude, latitude] positions"
        )
    };
    v.as_array()
        .ok_or_else(bad)?
        .iter()
        .map(|ring| {
            ring.as_array()
                .ok_or_else(bad)?
                .iter()
                .map(|p| match p.as_array().map(Vec::as_slice) {
                    Some([x, y, ..]) => {
                        Ok([x.as_f64().ok_or_else(bad)?, y.as_f64().ok_or_else(bad)?])
                    }
                    _ => Err(bad()),
                })
                .collect()
        })
        .collect()
}
