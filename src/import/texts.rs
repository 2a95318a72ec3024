//! The reporters' texts, from a spreadsheet saved as CSV (UTF-8, a byte-order mark allowed):
//! a header row, then a row per place (`id`, `summary_en`, `summary_zh`, and optionally
//! `points_en`, `points_zh`, one point per line in the cell, `source_publisher`,
//! `source_title`, `source_date`); a row with the id `overview` fills the overview panel.

use crate::import::ids::widget_id;
use std::collections::BTreeMap;
use std::path::Path;

/// The columns every row needs.
pub const REQUIRED: [&str; 3] = ["id", "summary_en", "summary_zh"];
/// The columns a row may have.
pub const OPTIONAL: [&str; 5] = [
    "points_en",
    "points_zh",
    "source_publisher",
    "source_title",
    "source_date",
];

/// Where a text comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    /// Who published it.
    pub publisher: String,
    /// Its title.
    pub title: String,
    /// When (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub date: String,
}

/// One row's texts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// English summary.
    pub summary_en: String,
    /// Chinese summary.
    pub summary_zh: String,
    /// Points, each `(en, zh)`.
    pub points: Vec<(String, String)>,
    /// Its source, if the row gives one.
    pub source: Option<Source>,
}

/// The spreadsheet's texts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Texts {
    /// The overview row's, if any.
    pub overview: Option<Row>,
    /// Each place's, by widget id.
    pub places: BTreeMap<String, Row>,
}

/// Reads the CSV at `path` for the places `ids`.
pub fn read(path: &Path, ids: &[String], warnings: &mut Vec<String>) -> Result<Texts, String> {
    let at = path.display();
    let bytes = std::fs::read(path).map_err(|e| format!("{at}: {e}"))?;
    parse(&bytes, ids, warnings).map_err(|e| format!("{at}: {e}"))
}

/// The lines of a cell, trimmed, empty ones left out.
fn lines(cell: &str) -> Vec<String> {
    cell.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Reads CSV `bytes` for the places `ids`.
pub fn parse(bytes: &[u8], ids: &[String], warnings: &mut Vec<String>) -> Result<Texts, String> {
    let text = crate::data::load::decode_text(
        bytes,
        "CSV UTF-8 (in Excel: \"CSV UTF-8 (Comma delimited)\")",
    )?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("its header row cannot be read: {e}"))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    for name in REQUIRED {
        if column(name).is_none() {
            return Err(format!(
                "has no column \"{name}\"; its header has: {}",
                header.join(", ")
            ));
        }
    }
    for extra in header
        .iter()
        .filter(|h| !REQUIRED.contains(&h.as_str()) && !OPTIONAL.contains(&h.as_str()))
    {
        warnings.push(format!("the texts' column \"{extra}\" is not used"));
    }
    let mut texts = Texts::default();
    for (k, record) in reader.records().enumerate() {
        let line = k + 2;
        let record = record.map_err(|e| format!("row {line} cannot be read: {e}"))?;
        let cell = |name: &str| {
            column(name)
                .and_then(|c| record.get(c))
                .unwrap_or_default()
                .trim()
                .to_string()
        };
        let raw = cell("id");
        if raw.is_empty() && record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let id = widget_id(&raw);
        let (en, zh) = (lines(&cell("points_en")), lines(&cell("points_zh")));
        if en.len() != zh.len() {
            return Err(format!(
                "row {line} (\"{raw}\"): points_en has {} point(s) and points_zh {}: give each point in both",
                en.len(),
                zh.len()
            ));
        }
        let source = [
            cell("source_publisher"),
            cell("source_title"),
            cell("source_date"),
        ];
        let source = match source {
            [p, t, d] if p.is_empty() && t.is_empty() && d.is_empty() => None,
            [publisher, title, date] => Some(Source {
                publisher,
                title,
                date,
            }),
        };
        let row = Row {
            summary_en: cell("summary_en"),
            summary_zh: cell("summary_zh"),
            points: en.into_iter().zip(zh).collect(),
            source,
        };
        for (name, text) in [
            ("summary_en", &row.summary_en),
            ("summary_zh", &row.summary_zh),
        ] {
            if text.is_empty() {
                warnings.push(format!(
                    "row {line} (\"{raw}\") has an empty {name}: its panel shows a placeholder"
                ));
            }
        }
        if id == "overview" {
            texts.overview = Some(row);
        } else if ids.contains(&id) {
            if texts.places.insert(id.clone(), row).is_some() {
                return Err(format!("row {line}: \"{raw}\" has a row already"));
            }
        } else {
            return Err(format!(
                "row {line}: \"{raw}\" is no place on the map (the places are: {})",
                ids.join(", ")
            ));
        }
    }
    for id in ids.iter().filter(|id| !texts.places.contains_key(*id)) {
        warnings.push(format!(
            "place \"{id}\" has no row in the texts: its panel shows a placeholder"
        ));
    }
    Ok(texts)
}
