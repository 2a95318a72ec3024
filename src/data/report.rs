//! Problems found in map data: each has a severity, a structured location (file, feature,
//! JSON path, line and column) and a message in words a data editor can act on.

use std::fmt;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The data cannot be used.
    Error,
    /// The data works, but something looks wrong.
    Warning,
}

impl Severity {
    /// `error` or `warning`, as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Which of the two input files a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFile {
    /// The GeoJSON places.
    Features,
    /// The policy text.
    Policies,
    /// A newsroom's figures (the `values` CSV).
    Values,
}

impl DataFile {
    /// `features` or `policies`, as printed when the file has no path.
    pub fn as_str(self) -> &'static str {
        match self {
            DataFile::Features => "features",
            DataFile::Policies => "policies",
            DataFile::Values => "values",
        }
    }
}

/// One feature of the features file, by position and (if it has one) id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureRef {
    /// Index in the `features` array.
    pub index: usize,
    /// Its `properties.id`, if that is a string.
    pub id: Option<String>,
}

/// Where a problem is. Printed as `feature 3 (id "beijing"): geometry.coordinates[0]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file.
    pub file: DataFile,
    /// The feature, for problems inside one.
    pub feature: Option<FeatureRef>,
    /// JSON path inside the feature (or the file, if no feature): `properties.id`,
    /// `geometry.coordinates[0][3]`, `places.tianjin.summary`; empty for the whole.
    pub path: String,
    /// Line and column (1-based) for problems found while parsing the text.
    pub line_col: Option<(usize, usize)>,
}

impl Location {
    /// The whole of `file`.
    pub fn file(file: DataFile) -> Location {
        Location {
            file,
            feature: None,
            path: String::new(),
            line_col: None,
        }
    }

    /// A path inside `file`, outside any feature.
    pub fn path(file: DataFile, path: impl Into<String>) -> Location {
        Location {
            path: path.into(),
            ..Location::file(file)
        }
    }

    /// Feature `index` (with its id, if known) of the features file.
    pub fn feature(index: usize, id: Option<&str>) -> Location {
        Location {
            feature: Some(FeatureRef {
                index,
                id: id.map(str::to_string),
            }),
            ..Location::file(DataFile::Features)
        }
    }

    /// The same place, at `path` below this one (`.`-joined).
    pub fn at(&self, path: impl AsRef<str>) -> Location {
        let path = path.as_ref();
        let joined = match (self.path.is_empty(), path.as_bytes().first() == Some(&b'[')) {
            (true, _) => path.to_string(),
            (false, true) => format!("{}{path}", self.path),
            (false, false) => format!("{}.{path}", self.path),
        };
        Location {
            path: joined,
            ..self.clone()
        }
    }

    /// The same place, with a line and column.
    pub fn with_line_col(self, line: usize, column: usize) -> Location {
        Location {
            line_col: Some((line, column)),
            ..self
        }
    }

    /// The location within its file, without the file's name: empty for the whole file.
    pub fn within_file(&self) -> String {
        let mut parts = Vec::new();
        if let Some(f) = &self.feature {
            parts.push(match &f.id {
                Some(id) => format!("feature {} (id \"{id}\")", f.index),
                None => format!("feature {}", f.index),
            });
        }
        if !self.path.is_empty() {
            parts.push(self.path.clone());
        }
        let mut out = crate::i18n::join(&parts, ": ");
        if let Some((line, column)) = self.line_col {
            if out.is_empty() {
                out = format!("line {line}, column {column}");
            } else {
                out.push_str(&format!(" (line {line}, column {column})"));
            }
        }
        out
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = self.within_file();
        if inner.is_empty() {
            write!(f, "{}", self.file.as_str())
        } else {
            write!(f, "{}: {inner}", self.file.as_str())
        }
    }
}

/// One problem, with the place it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Where.
    pub at: Location,
    /// What is wrong, in words a data editor can act on.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.severity.as_str(),
            self.at,
            self.message
        )
    }
}

/// All problems found in one check.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// In the order found.
    pub problems: Vec<Problem>,
}

impl Report {
    /// Records an error.
    pub fn error(&mut self, at: Location, message: impl Into<String>) {
        self.push(Severity::Error, at, message.into());
    }

    /// Records a warning.
    pub fn warn(&mut self, at: Location, message: impl Into<String>) {
        self.push(Severity::Warning, at, message.into());
    }

    fn push(&mut self, severity: Severity, at: Location, message: String) {
        self.problems.push(Problem {
            severity,
            at,
            message,
        });
    }

    /// How many errors (not warnings).
    pub fn error_count(&self) -> usize {
        self.errors().count()
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    /// The first error as text, for one-line messages.
    pub fn first_error(&self) -> String {
        self.errors()
            .next()
            .map(|p| format!("{}: {}", p.at, p.message))
            .unwrap_or_else(|| "none".to_string())
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.problems {
            writeln!(f, "{p}")?;
        }
        Ok(())
    }
}
