//! The features file's top level, a GeoJSON FeatureCollection, read member by member in one
//! of two ways (`data::features` chooses):
//!
//! - **In one pass**, each feature read and made a place as it is met: the way a good file is
//!   read. The pass gives up at the first thing it cannot take (text that is not JSON, a
//!   member of the wrong type, more features than the limit).
//! - **Carefully**, each feature kept as its slice of the text (`RawValue`), to be read on its
//!   own: a feature the types refuse is then reported at its line, column and JSON path, and
//!   the others still read. That costs a second pass over every coordinate, so it is taken
//!   only for a file the one pass gave up on, from the top: what the reader of a file is told
//!   never depends on which read took it. Problems that do not stop a read (a missing
//!   property, a clockwise ring) are found by the same code either way.

use crate::data::strict_json::Strict;
use serde::de::{DeserializeSeed, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value as Json};
use std::fmt;

use crate::data::feature::Feature;
use crate::data::features::{place_of, Gathered};
use crate::data::load::Limits;
use crate::data::report::Report;

/// The collection's members, as read.
pub struct Collection<'a> {
    /// Its `type`.
    pub kind: Option<Json>,
    /// Its `features`, if it has them.
    pub features: Option<FeatureList<'a>>,
    /// The members the format defines besides these two (`attribution`, `attribution_zh`,
    /// `title_zh`, `title_en`, `kinds`); a null one is as if absent.
    pub members: Map<String, Json>,
}

/// The `features` member.
pub enum FeatureList<'a> {
    /// Read in one pass: how many features there were.
    Read(usize),
    /// Read carefully: each feature's text.
    Slices(Vec<&'a RawValue>),
    /// Not an array (for the careful read's error that says so).
    NotArray,
}

/// What the one pass gathers from the features as it meets them.
pub struct OnePass<'l> {
    limits: &'l Limits,
    /// The places so far.
    pub(super) gathered: Gathered,
    /// The features' problems.
    pub(super) report: Report,
}

impl OnePass<'_> {
    /// Nothing gathered yet, within `limits`.
    pub fn new(limits: &Limits) -> OnePass<'_> {
        OnePass {
            limits,
            gathered: Gathered::new(limits),
            report: Report::default(),
        }
    }
}

/// Reads the collection in `text`: in one pass if `one_pass` is given, else carefully.
pub fn read<'a>(
    text: &'a str,
    one_pass: Option<&mut OnePass>,
) -> Result<Collection<'a>, serde_json::Error> {
    let mut json = serde_json::Deserializer::from_str(text);
    let collection = json.deserialize_map(Members { one_pass })?;
    json.end()?;
    Ok(collection)
}

/// The collection's members the map reads.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Member {
    Type,
    Features,
    Attribution,
    AttributionZh,
    TitleZh,
    TitleEn,
    Kinds,
    #[serde(other)]
    Other,
}

/// The collection object's visitor.
struct Members<'p, 'l> {
    one_pass: Option<&'p mut OnePass<'l>>,
}

impl<'de> Visitor<'de> for Members<'_, '_> {
    type Value = Collection<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON FeatureCollection object")
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Collection<'de>, A::Error> {
        let twice = || A::Error::custom("a member given twice");
        let mut collection = Collection {
            kind: None,
            features: None,
            members: Map::new(),
        };
        while let Some(member) = map.next_key::<Member>()? {
            let name = match member {
                Member::Type if collection.kind.is_some() => return Err(twice()),
                Member::Type => {
                    collection.kind = Some(map.next_value::<Strict>()?.0);
                    continue;
                }
                Member::Features if collection.features.is_some() => return Err(twice()),
                Member::Features => {
                    collection.features = Some(match self.one_pass.as_deref_mut() {
                        Some(pass) => FeatureList::Read(map.next_value_seed(InOnePass(pass))?),
                        None => map.next_value()?,
                    });
                    continue;
                }
                Member::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
                Member::Attribution => "attribution",
                Member::AttributionZh => "attribution_zh",
                Member::TitleZh => "title_zh",
                Member::TitleEn => "title_en",
                Member::Kinds => "kinds",
            };
            if collection.members.contains_key(name) {
                return Err(twice());
            }
            if let Some(Strict(value)) = map.next_value::<Option<Strict>>()? {
                collection.members.insert(name.to_string(), value);
            }
        }
        Ok(collection)
    }
}

/// The `features` array read in one pass: each feature read and made a place in turn. Its
/// value is how many there were.
struct InOnePass<'p, 'l>(&'p mut OnePass<'l>);

impl<'de> DeserializeSeed<'de> for InOnePass<'_, '_> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for InOnePass<'_, '_> {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of features")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let pass = self.0;
        let mut i = 0;
        while let Some(mut feature) = seq.next_element::<Feature>()? {
            if i >= pass.limits.features {
                return Err(A::Error::custom("more features than the limit"));
            }
            let coordinates = match &mut feature.geometry {
                Some(Some(g)) => g.coordinates().map_err(A::Error::custom)?,
                _ => None,
            };
            let (gathered, report) = (&mut pass.gathered, &mut pass.report);
            if let Some(place) = place_of(i, &feature, coordinates, &mut gathered.budget, report) {
                gathered.add(i, place, report);
            }
            i += 1;
        }
        Ok(i)
    }
}

/// The `features` member read carefully: each feature's text, found in one pass over the
/// file, or what it was instead of an array.
impl<'de: 'a, 'a> Deserialize<'de> for FeatureList<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = FeatureList<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array of features")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut all = Vec::new();
                while let Some(feature) = seq.next_element()? {
                    all.push(feature);
                }
                Ok(FeatureList::Slices(all))
            }
            // Anything else is read past and said to be no array.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(FeatureList::NotArray)
            }
            fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                Ok(FeatureList::NotArray)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(FeatureList::NotArray)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(FeatureList::NotArray)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(FeatureList::NotArray)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(FeatureList::NotArray)
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(FeatureList::NotArray)
            }
        }
        d.deserialize_any(Visit)
    }
}
