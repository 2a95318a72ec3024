//! The newsroom's boundary file, read as it comes (Natural Earth, GADM, a government portal,
//! a GIS desk): GeoJSON areas with that source's own property names. Everything the widget's
//! format needs but the file does not say is asked of the command's flags.

use crate::import::ids::{as_text, chinese_name, widget_id};
use crate::import::Options;
use serde_json::Value;

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
    let root: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "is not valid JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        )
    })?;
    let kind = root.get("type").and_then(Value::as_str);
    if kind == Some("Topology") {
        return Err(
            "is TopoJSON, not GeoJSON: convert it first, for example with \
                    `npx -p topojson-client topo2geo <object>=out.geojson < in.json` \
                    or `mapshaper in.json -o format=geojson out.geojson`"
                .into(),
        );
    }
    let esri = root.get("spatialReference").is_some()
        || root.get("geometryType").is_some()
        || root.pointer("/features/0/attributes").is_some();
    if esri {
        return Err(
            "is Esri JSON, not GeoJSON: convert it first, for example with \
                    `ogr2ogr -f GeoJSON out.geojson in.json`"
                .into(),
        );
    }
    if kind != Some("FeatureCollection") {
        return Err("must be a GeoJSON FeatureCollection (its \"type\" says otherwise)".into());
    }
    let features = root
        .get("features")
        .and_then(Value::as_array)
        .ok_or("has no \"features\" array")?;
    if features.is_empty() {
        return Err("has no features".into());
    }
    let wanted = [Some(&o.id), Some(&o.name_en), o.name_zh.as_ref()];
    for name in wanted.into_iter().flatten() {
        require_property(features, name)?;
    }
    let mut areas = Vec::new();
    for (n, feature) in features.iter().enumerate() {
        let props = feature.get("properties").and_then(Value::as_object);
        let value = |name: &str| props.and_then(|p| p.get(name)).and_then(as_text);
        let missing = |name: &str| format!("feature {n} has no value for the property \"{name}\"");
        let raw_id = value(&o.id).ok_or_else(|| missing(&o.id))?;
        let name_en = value(&o.name_en).ok_or_else(|| missing(&o.name_en))?;
        let name_zh = match &o.name_zh {
            Some(p) => chinese_name(&value(p).ok_or_else(|| missing(p))?),
            None => name_en.clone(),
        };
        let id = widget_id(&raw_id);
        if id.chars().all(|c| c == '-') {
            return Err(format!(
                "feature {n}: its id \"{raw_id}\" has no letter or digit to make a widget id of"
            ));
        }
        if let Some(twin) = areas.iter().find(|a: &&Area| a.id == id) {
            return Err(format!(
                "features \"{}\" and \"{raw_id}\" both become the id \"{id}\": ids must differ",
                twin.raw_id
            ));
        }
        let polygons = geometry(feature.get("geometry"), n)?;
        areas.push(Area {
            raw_id,
            id,
            name_en,
            name_zh,
            place: true,
            polygons,
        });
    }
    if o.name_zh.is_none() {
        warnings.push("no --name-zh: the Chinese names are the English ones".into());
    }
    if let Some(places) = &o.places {
        for area in &mut areas {
            area.place = false;
        }
        for wanted in places {
            let hit = areas
                .iter_mut()
                .find(|a| a.raw_id == *wanted || a.id == *wanted || a.id == widget_id(wanted));
            match hit {
                Some(area) => area.place = true,
                None => {
                    return Err(format!(
                        "--places names \"{wanted}\", which no feature's \"{}\" is",
                        o.id
                    ))
                }
            }
        }
    }
    Ok(Found { areas })
}

/// An error naming the file's properties, closest first, unless some feature has `name`.
fn require_property(features: &[Value], name: &str) -> Result<(), String> {
    let mut names: Vec<&str> = Vec::new();
    for f in features {
        for key in f
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|p| p.keys())
        {
            if key == name {
                return Ok(());
            }
            if !names.contains(&key.as_str()) {
                names.push(key);
            }
        }
    }
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

/// A feature's areas, checked to be longitude/latitude.
fn geometry(g: Option<&Value>, n: usize) -> Result<Vec<Polygon>, String> {
    let g = g.ok_or_else(|| format!("feature {n} has no geometry"))?;
    let coords = g
        .get("coordinates")
        .ok_or_else(|| format!("feature {n}: its geometry has no coordinates"))?;
    let polygons: Vec<Polygon> = match g.get("type").and_then(Value::as_str) {
        Some("Polygon") => vec![polygon(coords, n)?],
        Some("MultiPolygon") => coords
            .as_array()
            .ok_or_else(|| format!("feature {n}: a MultiPolygon's coordinates must be an array"))?
            .iter()
            .map(|p| polygon(p, n))
            .collect::<Result<_, _>>()?,
        other => {
            return Err(format!(
                "feature {n}: its geometry is {}; import takes Polygon and MultiPolygon areas",
                other.unwrap_or("of no type")
            ))
        }
    };
    for ring in polygons.iter().flatten() {
        if let Some(p) = ring
            .iter()
            .find(|p| p[0].abs() > 180.0 || p[1].abs() > 90.0)
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
    Ok(polygons)
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
