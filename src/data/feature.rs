//! One GeoJSON feature as the map reads it: its free-form properties, and its geometry's
//! type and coordinates (into the `geojson` crate's `Position` and `PolygonType`). Each is read
//! member by member rather than by a derived reader, which would also read a feature or a
//! geometry written as an array (GeoJSON never does) in code every download carries; a
//! geometry's coordinates are read in the same pass when its `type` comes first, as GeoJSON
//! writers put it.

use crate::data::strict_json::StrictObject;
use geojson::{PolygonType, Position};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value as Json};

/// One feature: the properties GeoJSON leaves free-form, and its geometry.
pub(super) struct Feature<'a> {
    pub(super) properties: Option<Map<String, Json>>,
    /// `None` when absent, `Some(None)` when null.
    pub(super) geometry: Option<Option<Geometry<'a>>>,
}

/// The members of a feature the map reads.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum FeatureMember {
    Type,
    Properties,
    Geometry,
    #[serde(other)]
    Other,
}

/// Read member by member, as the geometry is: a derived reader would also read a feature
/// written as an array, which GeoJSON never does, in code every download carries.
impl<'de> Deserialize<'de> for Feature<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Feature<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a GeoJSON Feature object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                use serde::de::Error;
                let (mut kind, mut properties, mut geometry) = (None, None, None);
                while let Some(member) = map.next_key()? {
                    match member {
                        FeatureMember::Type if kind.is_some() => {
                            return Err(A::Error::duplicate_field("type"))
                        }
                        FeatureMember::Type => kind = Some(map.next_value::<String>()?),
                        FeatureMember::Properties if properties.is_some() => {
                            return Err(A::Error::duplicate_field("properties"))
                        }
                        FeatureMember::Properties => {
                            properties =
                                Some(map.next_value::<Option<StrictObject>>()?.map(|o| o.0))
                        }
                        FeatureMember::Geometry if geometry.is_some() => {
                            return Err(A::Error::duplicate_field("geometry"))
                        }
                        FeatureMember::Geometry => geometry = Some(map.next_value()?),
                        FeatureMember::Other => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                match kind.as_deref() {
                    Some("Feature") => Ok(Feature {
                        properties: properties.flatten(),
                        geometry,
                    }),
                    Some(other) => Err(A::Error::invalid_value(
                        serde::de::Unexpected::Str(other),
                        &"\"Feature\"",
                    )),
                    None => Err(A::Error::missing_field("type")),
                }
            }
        }
        d.deserialize_map(Visit)
    }
}

/// A geometry: its type, and its coordinates. GeoJSON writers put `type` first, and then the
/// coordinates are read as the type says in the same pass over the text; when they come
/// first they are kept as text until the type says what they must be.
pub(super) struct Geometry<'a> {
    /// Its `type`.
    pub(super) kind: String,
    coordinates: Coords<'a>,
}

/// A geometry's coordinates, read or still text.
enum Coords<'a> {
    Read(Coordinates),
    Text(&'a RawValue),
    Missing,
}

/// The members of a geometry the map reads.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum GeometryMember {
    Type,
    Coordinates,
    #[serde(other)]
    Other,
}

impl<'de> Deserialize<'de> for Geometry<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Geometry<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a GeoJSON geometry object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                use serde::de::Error;
                let mut kind: Option<String> = None;
                let mut coordinates = Coords::Missing;
                while let Some(member) = map.next_key()? {
                    match member {
                        GeometryMember::Type if kind.is_some() => {
                            return Err(A::Error::duplicate_field("type"))
                        }
                        GeometryMember::Type => kind = Some(map.next_value()?),
                        GeometryMember::Coordinates if !matches!(coordinates, Coords::Missing) => {
                            return Err(A::Error::duplicate_field("coordinates"))
                        }
                        GeometryMember::Coordinates => {
                            coordinates = match kind.as_deref() {
                                Some("Point") => {
                                    Coords::Read(Coordinates::Point(map.next_value()?))
                                }
                                Some("Polygon") => {
                                    Coords::Read(Coordinates::Polygon(map.next_value()?))
                                }
                                Some("MultiPolygon") => {
                                    Coords::Read(Coordinates::MultiPolygon(map.next_value()?))
                                }
                                _ => Coords::Text(map.next_value()?),
                            }
                        }
                        GeometryMember::Other => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                let kind = kind.ok_or_else(|| A::Error::missing_field("type"))?;
                Ok(Geometry { kind, coordinates })
            }
        }
        d.deserialize_map(Visit)
    }
}

/// A geometry's coordinates, read into geojson's types for the three the map draws.
pub(super) enum Coordinates {
    Point(Position),
    Polygon(PolygonType),
    MultiPolygon(Vec<PolygonType>),
}

impl Geometry<'_> {
    /// The coordinates' text (`null` if there are none or they were read already).
    pub(super) fn coordinates_text(&self) -> &str {
        match self.coordinates {
            Coords::Text(c) => c.get(),
            _ => "null",
        }
    }

    /// The coordinates, read as the type says (if they are not yet); `Ok(None)` for a type
    /// the map does not draw.
    pub(super) fn coordinates(&mut self) -> Result<Option<Coordinates>, serde_json::Error> {
        match std::mem::replace(&mut self.coordinates, Coords::Missing) {
            Coords::Read(read) => return Ok(Some(read)),
            other => self.coordinates = other,
        }
        let text = self.coordinates_text();
        Ok(Some(match self.kind.as_str() {
            "Point" => Coordinates::Point(serde_json::from_str(text)?),
            "Polygon" => Coordinates::Polygon(serde_json::from_str(text)?),
            "MultiPolygon" => Coordinates::MultiPolygon(serde_json::from_str(text)?),
            _ => return Ok(None),
        }))
    }
}
