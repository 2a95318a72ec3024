//! A newsroom's figures: a CSV (comma- or tab-separated, UTF-8, a byte-order mark allowed)
//! with an `id` column of place ids and one or more numeric columns, read with `csv-core`,
//! and one column matched to the map's places. Everything a newsroom can get wrong is a
//! warning that names it or an error that says where; nothing here panics.

use crate::data::ids::widget_id;
use crate::data::model::Place;
use crate::i18n::decimal;

/// The most rows a values file may have (a county-level file of a whole country has a few
/// thousand).
pub const MAX_ROWS: usize = 100_000;

/// The values file, read: its header and its rows, cells as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The header's names, the id column's among them.
    pub header: Vec<String>,
    /// Which header entry is the id column.
    id_column: usize,
    /// The rows below the header.
    rows: Vec<Row>,
}

/// One row of the file.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    /// Its line in the file (1: the header).
    line: u64,
    /// Its cells, as many as the header has (missing ones are empty).
    cells: Vec<String>,
}

/// One column's figures for the map: a value (or none) for each place, in the dataset's
/// order, and what the reader of the file should be told.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// The column shown.
    pub column: String,
    /// Place `i`'s figure, `None` where the file has none or a cell that is not a number.
    pub values: Vec<Option<f64>>,
    /// One line for each kind of thing that was skipped or guessed.
    pub warnings: Vec<String>,
}

/// Why a values file cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ValuesError {
    /// Not text, or no rows.
    #[error("the values file {0}")]
    Text(String),
    /// The CSV itself is broken.
    #[error("the values file cannot be read at line {line}: {message}")]
    Csv {
        /// Where.
        line: u64,
        /// What.
        message: String,
    },
    /// No column is called `id`.
    #[error("the values file has no \"id\" column (its columns: {})", .0.join(", "))]
    NoIdColumn(Vec<String>),
    /// No column holds a number.
    #[error("the values file has no column of numbers (its columns: {})", .0.join(", "))]
    NoNumbers(Vec<String>),
    /// The column asked for does not exist.
    #[error("the values file has no column \"{asked}\"; its columns, closest first: {}", .columns.join(", "))]
    UnknownColumn {
        /// The name asked for.
        asked: String,
        /// The file's value columns, the closest name to `asked` first.
        columns: Vec<String>,
    },
    /// Two rows are for the same place.
    #[error("the values file has two rows for the place \"{id}\": lines {first} and {second}")]
    DuplicateId {
        /// The place.
        id: String,
        /// The first row's line.
        first: u64,
        /// The second row's line.
        second: u64,
    },
    /// A cell that reads as a number that is not one.
    #[error(
        "the values file's line {line}, column \"{column}\": \"{text}\" is not a finite number"
    )]
    NotFinite {
        /// Where.
        line: u64,
        /// Which column.
        column: String,
        /// The cell.
        text: String,
    },
    /// More rows than the map takes.
    #[error("the values file has more than {0} rows")]
    TooManyRows(usize),
}

/// A cell, read as a figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// A number (`12.5%` reads as 12.5: the unit says what it is).
    Number(f64),
    /// Empty, or words such as `n/a` or `–`: no data.
    Gap,
    /// `NaN` or an infinity: refused.
    NotFinite,
}

/// Reads a cell as a figure: `1234`, `-3.5`, `1.2e6`, `1,234` and `1 234` (thousands
/// grouped by commas or spaces) and `12.5%`; anything else is a gap, and `NaN` or an
/// infinity is refused. A decimal comma (`1,5`) is not a number here: it is a gap, named in
/// the warning, rather than a figure a thousand times too big.
pub fn read_cell(text: &str) -> Cell {
    let text = text.trim_matches(|c: char| c.is_whitespace());
    let text = text
        .strip_suffix('%')
        .map_or(text, |t| t.trim_end_matches(char::is_whitespace));
    if text.is_empty() {
        return Cell::Gap;
    }
    let lower = text.to_ascii_lowercase();
    let bare = lower.trim_start_matches(['+', '-']);
    if ["nan", "inf", "infinity"].contains(&bare) {
        return Cell::NotFinite;
    }
    let plain: String = ungrouped(text).unwrap_or_else(|| text.to_string());
    // Rust's parser also takes words (`inf`) and a bare sign-less dot; only digits, sign,
    // dot and exponent reach it.
    if !plain
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        || !plain.chars().any(|c| c.is_ascii_digit())
    {
        return Cell::Gap;
    }
    // serde_json's number reader, already in the wasm for the features file (core's own
    // would add its tables); JSON wants no `+` and digits either side of a point.
    let json = plain.trim_start_matches('+').replace("-.", "-0.");
    let json = match json.strip_prefix('.') {
        Some(rest) => format!("0.{rest}"),
        None => json,
    };
    let json = json.replace(".e", ".0e").replace(".E", ".0E");
    let json = json
        .strip_suffix('.')
        .map_or(json.clone(), |j| format!("{j}.0"));
    match serde_json::from_str::<f64>(&json) {
        Ok(v) if v.is_finite() => Cell::Number(v),
        Ok(_) => Cell::NotFinite,
        // Too big for a double (`1e999`) reads as an error there, an infinity here.
        Err(_) if json.contains(['e', 'E']) => Cell::NotFinite,
        Err(_) => Cell::Gap,
    }
}

/// `1,234,567.5` or `1 234 567` without its group separators, if it is grouped by threes.
fn ungrouped(text: &str) -> Option<String> {
    let sep = text
        .chars()
        .find(|c| matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))?;
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let groups: Vec<&str> = whole.split(sep).collect();
    let first_ok = groups
        .first()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.chars().all(|c| c.is_ascii_digit()));
    let rest_ok = groups
        .iter()
        .skip(1)
        .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()));
    if groups.len() < 2 || !first_ok || !rest_ok {
        return None;
    }
    let mut out = format!("{sign}{}", groups.concat());
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// Reads the values file's bytes; `max_rows` caps its rows.
pub fn read_table(bytes: &[u8], max_rows: usize) -> Result<Table, ValuesError> {
    let text = crate::data::load::decode_text(bytes, "UTF-8 CSV").map_err(ValuesError::Text)?;
    let first_line = text.lines().next().unwrap_or("");
    // Tab-separated if the header has tabs and no commas (a spreadsheet's "copy").
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut records: Vec<(u64, Vec<String>)> = Vec::new();
    let mut input = text.as_bytes();
    let mut field: Vec<u8> = Vec::new();
    let mut out = [0u8; 1024];
    let mut record: Vec<String> = Vec::new();
    let mut record_line = 1;
    loop {
        if record.is_empty() && field.is_empty() {
            record_line = reader.line();
        }
        let (result, read, written) = reader.read_field(input, &mut out);
        input = input.get(read..).unwrap_or(&[]);
        field.extend_from_slice(out.get(..written).unwrap_or(&[]));
        match result {
            csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {}
            csv_core::ReadFieldResult::Field { record_end } => {
                let line = record_line;
                let cell = String::from_utf8(std::mem::take(&mut field)).map_err(|_| {
                    ValuesError::Csv {
                        line,
                        message: "a cell is not UTF-8 text".to_string(),
                    }
                })?;
                record.push(cell);
                if record_end {
                    let cells = std::mem::take(&mut record);
                    // A blank line is no row.
                    if !(cells.len() == 1 && cells.iter().all(|c| c.trim().is_empty())) {
                        if records.len() > max_rows {
                            return Err(ValuesError::TooManyRows(max_rows));
                        }
                        records.push((line, cells));
                    }
                }
            }
            csv_core::ReadFieldResult::End => break,
        }
    }
    let mut records = records.into_iter();
    let Some((_, header)) = records.next() else {
        return Err(ValuesError::Text("is empty".to_string()));
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let id_column = header
        .iter()
        .position(|h| h.eq_ignore_ascii_case("id"))
        .ok_or_else(|| ValuesError::NoIdColumn(header.clone()))?;
    let rows = records
        .map(|(line, mut cells)| {
            cells.resize(header.len(), String::new());
            Row { line, cells }
        })
        .collect();
    Ok(Table {
        header,
        id_column,
        rows,
    })
}

impl Table {
    /// The columns that hold at least one number, in the file's order.
    pub fn value_columns(&self) -> Vec<String> {
        (0..self.header.len())
            .filter(|&c| c != self.id_column)
            .filter(|&c| {
                self.rows.iter().any(|r| {
                    // A NaN is a number column's cell gone wrong: the column counts, and
                    // the cell is refused when it is shown.
                    matches!(
                        r.cells.get(c).map(|t| read_cell(t)),
                        Some(Cell::Number(_) | Cell::NotFinite)
                    )
                })
            })
            .filter_map(|c| self.header.get(c).cloned())
            .collect()
    }

    /// The rows' number.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the file has no rows below its header.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Column `column` (none: the first column of numbers) matched to `places` by id.
    pub fn figures(&self, column: Option<&str>, places: &[Place]) -> Result<Figures, ValuesError> {
        self.figures_of(&self.matching(places)?, column)
    }

    /// Each row's place, found once for all columns: a duplicate is an error, and ids
    /// that name no place or lost their leading zeros are warnings.
    pub fn matching(&self, places: &[Place]) -> Result<Matching, ValuesError> {
        let mut rows = Vec::with_capacity(self.rows.len());
        let mut seen: Vec<Option<u64>> = vec![None; places.len()];
        let (mut unknown, mut unpadded) = (Vec::new(), Vec::new());
        // The places in the order of their ids, once, for a binary search: a scan per row was
        // 9 million comparisons for 3,000 rows. (An unstable sort and a search: the size
        // build's heapsort is a few hundred bytes, a HashMap and its hasher 2.6 KB gzipped.)
        let id = |k: &usize| places.get(*k).map_or("", |p| p.id.as_str());
        let mut by_id: Vec<usize> = (0..places.len()).collect();
        by_id.sort_unstable_by(|a, b| id(a).cmp(id(b)));
        for row in &self.rows {
            let raw = row.cells.get(self.id_column).map_or("", |s| s.trim());
            let Some((i, guessed)) = find(places, &by_id, raw) else {
                unknown.push(if raw.is_empty() {
                    format!("line {} (no id)", row.line)
                } else {
                    format!("\"{raw}\"")
                });
                rows.push(None);
                continue;
            };
            let id = places.get(i).map_or("", |p| p.id.as_str());
            if let Some(first) = seen.get(i).copied().flatten() {
                return Err(ValuesError::DuplicateId {
                    id: id.to_string(),
                    first,
                    second: row.line,
                });
            }
            if let Some(s) = seen.get_mut(i) {
                *s = Some(row.line);
            }
            if guessed {
                unpadded.push(format!("{raw} → {id}"));
            }
            rows.push(Some((i, id.to_string())));
        }
        let mut warnings = Vec::new();
        if !unpadded.is_empty() {
            warnings.push(format!(
                "{} lost {} leading zeros (as a spreadsheet does to codes) and matched the one place they fit: {}",
                count(unpadded.len(), "id", "ids"),
                if unpadded.len() == 1 { "its" } else { "their" },
                listed(&unpadded)
            ));
        }
        if !unknown.is_empty() {
            warnings.push(format!(
                "{} no place on the map, left out: {}",
                if unknown.len() == 1 {
                    "1 row names".to_string()
                } else {
                    format!("{} rows name", unknown.len())
                },
                listed(&unknown)
            ));
        }
        Ok(Matching {
            rows,
            places: places.len(),
            warnings,
        })
    }

    /// Column `column` (none: the first column of numbers) for the places `matching` found.
    pub fn figures_of(
        &self,
        matching: &Matching,
        column: Option<&str>,
    ) -> Result<Figures, ValuesError> {
        let columns = self.value_columns();
        let name = match column.map(str::trim).filter(|c| !c.is_empty()) {
            Some(asked) => {
                if !columns.iter().any(|c| c == asked) {
                    return Err(ValuesError::UnknownColumn {
                        asked: asked.to_string(),
                        columns: closest_first(asked, columns),
                    });
                }
                asked.to_string()
            }
            None => columns
                .first()
                .cloned()
                .ok_or_else(|| ValuesError::NoNumbers(self.header.clone()))?,
        };
        let c = self.header.iter().position(|h| *h == name).unwrap_or(0);
        let mut values = vec![None; matching.places];
        let mut gaps = Vec::new();
        for (row, place) in self.rows.iter().zip(&matching.rows) {
            let Some((i, id)) = place else {
                continue;
            };
            let text = row.cells.get(c).map_or("", String::as_str);
            match read_cell(text) {
                Cell::Number(v) => {
                    if let Some(slot) = values.get_mut(*i) {
                        *slot = Some(v);
                    }
                }
                Cell::Gap => gaps.push(if text.trim().is_empty() {
                    format!("{id} (empty)")
                } else {
                    format!("{id} (\"{}\")", text.trim())
                }),
                Cell::NotFinite => {
                    return Err(ValuesError::NotFinite {
                        line: row.line,
                        column: name,
                        text: text.trim().to_string(),
                    })
                }
            }
        }
        let mut warnings = Vec::new();
        if !gaps.is_empty() {
            warnings.push(format!(
                "{} in \"{name}\" {} no number, shown as no data: {}",
                count(gaps.len(), "cell", "cells"),
                if gaps.len() == 1 { "has" } else { "have" },
                listed(&gaps)
            ));
        }
        warnings.extend(matching.warnings.iter().cloned());
        Ok(Figures {
            column: name,
            values,
            warnings,
        })
    }
}

/// Which place each row of a values file is for, and what matching them had to say.
#[derive(Debug, Clone, PartialEq)]
pub struct Matching {
    /// Row `r`'s place index and id, if it names one.
    rows: Vec<Option<(usize, String)>>,
    /// How many places the map has.
    places: usize,
    /// Ids that name no place, or were matched without their leading zeros.
    warnings: Vec<String>,
}

/// A row's place: by the id as written, as `import` turns a source's id into a widget id,
/// or, for a code a spreadsheet stripped of its leading zeros, by the one place whose code
/// it is once padded (a scan, only for a row no id matched); and whether it took the padding.
/// `by_id`: the places' indices in the order of their ids.
fn find(places: &[Place], by_id: &[usize], raw: &str) -> Option<(usize, bool)> {
    if raw.is_empty() {
        return None;
    }
    let id = |k: &usize| places.get(*k).map_or("", |p| p.id.as_str());
    let exact = |wanted: &str| {
        let at = by_id.binary_search_by(|k| id(k).cmp(wanted)).ok()?;
        by_id.get(at).copied()
    };
    if let Some(i) = exact(raw).or_else(|| exact(&widget_id(raw))) {
        return Some((i, false));
    }
    if !raw.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let bare = raw.trim_start_matches('0');
    let mut fits = places.iter().enumerate().filter(|(_, p)| {
        p.id.len() > raw.len()
            && p.id.chars().all(|c| c.is_ascii_digit())
            && p.id.trim_start_matches('0') == bare
    });
    match (fits.next(), fits.next()) {
        (Some((i, _)), None) => Some((i, true)),
        _ => None,
    }
}

/// `columns` with the one nearest `asked` (by edit distance, ignoring case) first.
fn closest_first(asked: &str, columns: Vec<String>) -> Vec<String> {
    let asked = asked.to_ascii_lowercase();
    let distance: Vec<f64> = columns
        .iter()
        .map(|c| strsim::levenshtein(&asked, &c.to_ascii_lowercase()) as f64)
        .collect();
    crate::data::order::ascending(&distance)
        .into_iter()
        .filter_map(|k| columns.get(k).cloned())
        .collect()
}

/// `n thing(s)`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The first few of `items`, then how many more.
fn listed(items: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut out = items
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > SHOWN {
        out.push_str(&format!(" and {} more", items.len() - SHOWN));
    }
    out
}

impl Figures {
    /// The figures that are there, in no order.
    pub fn present(&self) -> Vec<f64> {
        self.values.iter().flatten().copied().collect()
    }

    /// How many places have a figure, as words (`17 of 20 places have a figure`).
    pub fn coverage(&self) -> String {
        let n = self.values.iter().flatten().count();
        if n == 0 {
            return format!(
                "none of {} places has a figure in \"{}\"",
                self.values.len(),
                self.column
            );
        }
        format!(
            "{} of {} places have a figure in \"{}\" (from {} to {})",
            n,
            self.values.len(),
            self.column,
            decimal(self.present().into_iter().fold(f64::INFINITY, f64::min), 6),
            decimal(
                self.present().into_iter().fold(f64::NEG_INFINITY, f64::max),
                6
            ),
        )
    }
}
