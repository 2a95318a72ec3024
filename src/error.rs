//! The one error type of the core: every failure says what went wrong and where. It sits
//! above `i18n` and `data` (it wraps their errors) and below `geo`, `render`, `ui` and `web`.

use crate::data::report::Report;
use crate::i18n::UnknownLang;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data parsed but has problems that make it unusable.
    #[error("the map data has {} error(s): {}", .0.error_count(), .0.first_error())]
    Invalid(Report),
    /// An id that names no place.
    #[error("no place has the id \"{0}\"")]
    UnknownPlace(String),
    /// A language code we do not have text for. (The code, not the `UnknownLang` itself:
    /// wrapping it as an error source would pull debug formatting into the widget.)
    #[error("{0}")]
    UnknownLang(String),
    /// A theme the map does not have.
    #[error("no theme is called \"{0}\"; use light, dark or contrast")]
    UnknownTheme(String),
    /// A values file, or a value layer's attribute, that cannot be used (the map is drawn
    /// without the layer).
    #[error("{0}")]
    Values(String),
    /// A canvas or view of zero or non-finite size.
    #[error(
        "the map has no drawable area ({}×{} CSS px)",
        crate::i18n::decimal(*.width, 1),
        crate::i18n::decimal(*.height, 1)
    )]
    EmptyView {
        /// CSS width.
        width: f64,
        /// CSS height.
        height: f64,
    },
}

impl From<UnknownLang> for Error {
    fn from(e: UnknownLang) -> Error {
        Error::UnknownLang(e.to_string())
    }
}

impl From<Report> for Error {
    fn from(report: Report) -> Error {
        Error::Invalid(report)
    }
}

/// The core's result alias.
pub type Result<T> = std::result::Result<T, Error>;
