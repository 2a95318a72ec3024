//! Problems found in map data: each has a severity and says where it is.

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

/// One problem, with the place it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Where: e.g. `features: feature 3 (id "beijing"): geometry.coordinates[0]`.
    pub at: String,
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
    pub fn error(&mut self, at: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Error, at.into(), message.into());
    }

    /// Records a warning.
    pub fn warn(&mut self, at: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Warning, at.into(), message.into());
    }

    fn push(&mut self, severity: Severity, at: String, message: String) {
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
