//! The value layer as a page drives it: the values file's table is kept, with the
//! attributes that say how to show it (as text, decoded by serde from the page's options), so
//! that changing `value`, `classes` or `palette` re-classes without reading the file again.

use crate::data::values::{read_table, Matching, Table};
use crate::i18n::{Lang, Ui};
use crate::render::style::Theme;
pub use crate::render::values::ValueSettings;
use crate::render::values::{ValueKind, ValueLayer};
use serde::ser::{Serialize, SerializeMap};

/// A values file read and matched to the places, and how it is to be shown.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueSource {
    /// The file's rows.
    pub table: Table,
    /// Each row's place, found once.
    pub matching: Matching,
    /// The attributes.
    pub settings: ValueSettings,
}

impl ValueSource {
    /// Reads a values file's bytes (at most `max_rows` rows) and finds each row's place.
    pub fn read(
        bytes: &[u8],
        places: &[crate::data::model::Place],
        settings: ValueSettings,
        max_rows: usize,
    ) -> crate::Result<ValueSource> {
        let unusable = |e: crate::data::values::ValuesError| crate::Error::Values(e.to_string());
        let table = read_table(bytes, max_rows).map_err(unusable)?;
        let matching = table.matching(places).map_err(unusable)?;
        Ok(ValueSource {
            table,
            matching,
            settings,
        })
    }

    /// The layer, classed as the settings say (the file is not read or matched again).
    pub fn layer(&self) -> crate::Result<ValueLayer> {
        let options = self.settings.options().map_err(crate::Error::Values)?;
        let figures = self
            .table
            .figures_of(&self.matching, options.column.as_deref())
            .map_err(|e| crate::Error::Values(e.to_string()))?;
        Ok(ValueLayer::new(figures, options))
    }
}

/// One entry of the legend as the page's `legend()` answers it.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    /// Lower bound (none for the no-data entry).
    pub from: Option<f64>,
    /// Upper bound (none for the no-data entry).
    pub to: Option<f64>,
    /// Its colour, as CSS.
    pub colour: String,
    /// Its words.
    pub label: String,
    /// How many places it holds.
    pub count: usize,
    /// Whether this is the entry for places without a figure.
    pub no_data: bool,
}

/// A place's figure as the page's `valueFor(id)` and the `select` event answer it.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueFor {
    /// The figure.
    pub value: f64,
    /// In words, with its unit, in the map's language.
    pub text: String,
    /// Its class, from 1 (none on a continuous scale or for counts).
    pub class: Option<usize>,
}

// The answers the page gets are serialized as maps with their member names, not by serde's
// derive: serde-wasm-bindgen turns a struct's field names into JavaScript strings through a
// cache (a hash map) that costs the download 1 KB gzipped, where a map's names are strings
// like any other. The objects the page sees are the same.

impl Serialize for ValueFor {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("value", &self.value)?;
        m.serialize_entry("text", &self.text)?;
        m.serialize_entry("class", &self.class)?;
        m.end()
    }
}

impl Serialize for LegendEntry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry("from", &self.from)?;
        m.serialize_entry("to", &self.to)?;
        m.serialize_entry("colour", &self.colour)?;
        m.serialize_entry("label", &self.label)?;
        m.serialize_entry("count", &self.count)?;
        m.serialize_entry("no_data", &self.no_data)?;
        m.end()
    }
}

/// The legend: each class, then "No data" when a place has no figure.
pub fn legend(
    layer: &ValueLayer,
    lang: Lang,
    theme: Theme,
    no_data: crate::render::display::Color,
) -> Vec<LegendEntry> {
    let mut out: Vec<LegendEntry> = layer
        .legend(lang, theme)
        .into_iter()
        .map(|c| LegendEntry {
            from: Some(c.from),
            to: Some(c.to),
            colour: c.colour.css(),
            label: c.label,
            count: c.count,
            no_data: false,
        })
        .collect();
    let missing = layer.no_data();
    if missing > 0 {
        out.push(LegendEntry {
            from: None,
            to: None,
            colour: no_data.css(),
            label: Ui::NoData.get(lang).to_string(),
            count: missing,
            no_data: true,
        });
    }
    out
}

/// Place `i`'s figure with its class.
pub fn value_for(layer: &ValueLayer, i: usize, lang: Lang) -> Option<ValueFor> {
    let value = layer.value(i)?;
    let class = (layer.options.kind == ValueKind::Rate)
        .then(|| layer.class_of(i).map(|c| c + 1))
        .flatten();
    Some(ValueFor {
        value,
        text: layer.words(value, lang),
        class,
    })
}

/// Place `i`'s figure as a reader hears or reads it: `4.2 %, class 2 of 5` (`4.2%，第2档，共5档`),
/// or `no data`.
pub fn spoken(layer: &ValueLayer, i: usize, lang: Lang) -> String {
    let Some(v) = value_for(layer, i, lang) else {
        return Ui::NoData.get(lang).to_ascii_lowercase();
    };
    let k = layer.classes.count();
    match (v.class, lang) {
        (Some(c), Lang::En) => format!("{}, class {c} of {k}", v.text),
        (Some(c), Lang::Zh) => format!("{}，第{c}档，共{k}档", v.text),
        (None, _) => v.text,
    }
}
