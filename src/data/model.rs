//! The validated dataset: places with their kind, bilingual names and shape, the words the
//! data gives for its kinds of place, and the policies.

use crate::data::keyed::Keyed;
use crate::data::policy::Policies;
use crate::i18n::{Lang, Text};

/// Longitude/latitude in degrees (WGS84), as in GeoJSON.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LonLat {
    /// Degrees east.
    pub lon: f64,
    /// Degrees north.
    pub lat: f64,
}

impl LonLat {
    /// Whether (`lon`, `lat`) is a longitude/latitude at all: within ±180° and ±90°. The one
    /// range check for the loader, `check` and `import` (a projected file fails it).
    pub fn in_range(lon: f64, lat: f64) -> bool {
        (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)
    }
}

/// A position as exact integers: rounded to 1e-7° (about 1 cm), so that a border two
/// neighbours give with float noise still counts as one. The one position key for the
/// widget's neighbours (`geo::adjacency`) and `import`'s shared borders.
pub fn position_key(lon: f64, lat: f64) -> (i64, i64) {
    ((lon * 1e7).round() as i64, (lat * 1e7).round() as i64)
}

/// Twice the signed area of a ring (positive: counter-clockwise), given closed or open:
/// the one shoelace sum for the loader's winding check and `import`'s.
pub fn ring_area2<P: Copy>(ring: &[P], xy: impl Fn(P) -> (f64, f64)) -> f64 {
    let n = ring.len();
    (0..n)
        .filter_map(|i| Some((xy(*ring.get(i)?), xy(*ring.get((i + 1) % n)?))))
        .map(|((ax, ay), (bx, by))| ax * by - bx * ay)
        .sum()
}

/// What a place is; decides its style and whether it can be selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A province-level unit: Beijing, Tianjin, Hebei.
    Province,
    /// A group of counties shown on its own (the Sanhe–Dachang–Xianghe exclave).
    Counties,
    /// One of Beijing's "two wings": Tongzhou, Xiong'an.
    Wing,
    /// A Zhongguancun partner park.
    Park,
    /// A neighbouring area drawn for context only; not selectable.
    Context,
}

impl Kind {
    /// Whether its areas take one of [`TINTS`] tints (so that neighbours differ); context
    /// areas are all one grey.
    pub fn is_tinted(self) -> bool {
        matches!(self, Kind::Province | Kind::Counties)
    }

    /// Parses the `kind` property.
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "province" => Kind::Province,
            "counties" => Kind::Counties,
            "wing" => Kind::Wing,
            "park" => Kind::Park,
            "context" => Kind::Context,
            _ => return None,
        })
    }

    /// The `kind` property value.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Province => "province",
            Kind::Counties => "counties",
            Kind::Wing => "wing",
            Kind::Park => "park",
            Kind::Context => "context",
        }
    }

    /// Whether a reader can select places of this kind.
    pub fn selectable(self) -> bool {
        self != Kind::Context
    }

    /// Every kind, in the order the data format lists them.
    pub const ALL: [Kind; 5] = [
        Kind::Province,
        Kind::Counties,
        Kind::Wing,
        Kind::Park,
        Kind::Context,
    ];

    /// A name that fits any region, for data that does not name its kinds.
    pub fn generic_name(self) -> Text {
        match self {
            Kind::Province => Text::new("Province-level region", "省级行政区"),
            Kind::Counties => Text::new("Group of counties", "县域"),
            Kind::Wing => Text::new("Priority area", "重点区域"),
            Kind::Park => Text::new("Partner park", "合作园区"),
            Kind::Context => Text::new("Neighbouring area", "周边地区"),
        }
    }
}

/// What the data calls one kind of place (the features file's `kinds` member).
#[derive(Debug, Clone, PartialEq)]
pub struct KindWords {
    /// The kind of one place, shown above its name in the panel.
    pub name: Text,
    /// The legend entry for the kind's symbol, if it differs from `name`.
    pub legend: Option<Text>,
}

/// A polygon: one outer ring and any holes, each ring closed (first == last).
#[derive(Debug, Clone, PartialEq)]
pub struct Polygon {
    /// The outer boundary.
    pub exterior: Vec<LonLat>,
    /// Holes cut out of it.
    pub holes: Vec<Vec<LonLat>>,
}

/// Where a place is.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// One or more polygons.
    Area(Vec<Polygon>),
    /// A single point (a seat or host town).
    Point(LonLat),
}

/// How many tints each theme has for the areas of one kind: four are always enough for
/// neighbours to differ on a map (the four-colour theorem), and few enough to tell apart.
pub const TINTS: usize = 4;

/// One place on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Stable id, e.g. `beijing`, `park-baoding`.
    pub id: String,
    /// What it is.
    pub kind: Kind,
    /// Its name.
    pub name: Text,
    /// Short map label, when the name is too long to print on the map.
    pub short: Option<Text>,
    /// The district or town hosting it (parks, wings).
    pub host: Option<Text>,
    /// True when the location or shape is only approximate.
    pub approximate: bool,
    /// Area in km², used to draw an area-true extent circle around a point.
    pub area_km2: Option<f64>,
    /// Where to put its label, if not at the shape's centre.
    pub label: Option<LonLat>,
    /// Which of the theme's tints the area takes (`tint`, 0 to [`TINTS`] − 1); none: the
    /// map picks one that its neighbours do not have.
    pub tint: Option<usize>,
    /// Where the shape came from (e.g. `naturalearth`, `geonames:1792520`).
    pub source: Option<String>,
    /// The shape.
    pub shape: Shape,
}

impl Place {
    /// The label text in `lang`: the short form if any, else the name.
    pub fn label_text(&self, lang: Lang) -> &str {
        self.short.as_ref().unwrap_or(&self.name).get(lang)
    }
}

/// Validated map data.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// Places in drawing order (as in the file).
    pub places: Vec<Place>,
    /// The credit line shown under the map (`attribution`, and `attribution_zh` if given).
    pub attribution: Option<Text>,
    /// What the map shows, in a phrase: the canvas's accessible name (`title_zh`/`title_en`).
    pub title: Option<Text>,
    /// The data's words for its kinds of place (`kinds`).
    pub kinds: Keyed<Kind, KindWords>,
    /// Policy content, if a policy file was given.
    pub policies: Option<Policies>,
}

impl Dataset {
    /// Indices of the places the map frames: the selectable ones, or all if none is.
    pub fn framed(&self) -> impl Iterator<Item = usize> + '_ {
        let any_selectable = self.places.iter().any(|p| p.kind.selectable());
        self.places
            .iter()
            .enumerate()
            .filter(move |(_, p)| !any_selectable || p.kind.selectable())
            .map(|(i, _)| i)
    }

    /// The data's name for `kind` (shown above a place's name), else a generic one.
    pub fn kind_name(&self, kind: Kind) -> Text {
        self.kinds
            .get(&kind)
            .map_or_else(|| kind.generic_name(), |w| w.name.clone())
    }

    /// The legend entry for `kind`: its legend words, else its name.
    pub fn kind_legend(&self, kind: Kind) -> Text {
        self.kinds
            .get(&kind)
            .and_then(|w| w.legend.clone())
            .unwrap_or_else(|| self.kind_name(kind))
    }

    /// The index of the first place with `id`.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.places.iter().position(|p| p.id == id)
    }
}
