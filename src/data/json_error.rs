//! serde_json's errors as the data format's messages: where (line and column in the whole
//! file, even for a feature read from a slice of it; or the JSON path of a typed read) and
//! what, in plain words a data editor can act on.

use crate::data::report::{DataFile, Location, Report};

/// serde_json's phrases for text that is not JSON, and ours. Anything not listed is shown as
/// serde_json says it.
const PLAIN: &[(&str, &str)] = &[
    (
        "EOF while parsing a value",
        "the text ends where a value should be",
    ),
    (
        "EOF while parsing an object",
        "the text ends inside an object: a } is missing",
    ),
    (
        "EOF while parsing a list",
        "the text ends inside an array: a ] is missing",
    ),
    (
        "EOF while parsing a string",
        "the text ends inside a string: a \" is missing",
    ),
    (
        "expected value",
        "expected a value (a string, number, object, array, true, false or null)",
    ),
    (
        "key must be a string",
        "expected a member name in double quotes",
    ),
    (
        "trailing comma",
        "a comma before a closing bracket (JSON allows none)",
    ),
    ("expected `,` or `}`", "expected , or } after a member"),
    ("expected `,` or `]`", "expected , or ] after an item"),
    ("expected `:`", "expected : after a member name"),
    (
        "trailing characters",
        "more text after the end of the JSON value",
    ),
    (
        "recursion limit exceeded",
        "arrays and objects nest too deeply (more than 128 levels)",
    ),
    (
        "lone leading surrogate in hex escape",
        "a \\u escape is half of a UTF-16 pair without its other half",
    ),
    (
        "unexpected end of hex escape",
        "a \\u escape is half of a UTF-16 pair without its other half",
    ),
    (
        "invalid unicode code point",
        "a \\u escape is not a character (half of a UTF-16 pair, or not paired right)",
    ),
    (
        "control character (\\u0000-\\u001F) found while parsing a string",
        "a control character inside a string: write it as an escape such as \\n",
    ),
    ("invalid escape", "an unknown escape after \\ in a string"),
];

/// serde_json's message without its " at line L column C" (the location is ours to print).
fn bare(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text.get(..cut).unwrap_or(&text).to_string(),
        None => text,
    }
}

/// `error`'s message in plain words.
pub fn plain(error: &serde_json::Error) -> String {
    let message = bare(error);
    PLAIN
        .iter()
        .find(|(theirs, _)| *theirs == message)
        .map_or(message, |(_, ours)| (*ours).to_string())
}

/// The line and column (1-based, in characters) of byte `offset` of `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    // A byte search, not `rfind`: that one is the wasm's only use of `memrchr`.
    let start = before
        .bytes()
        .rposition(|b| b == b'\n')
        .map_or(0, |n| n + 1);
    let column = before.get(start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// The largest character boundary of `text` at or before byte `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where in `text` the slice `part` (a piece of it, such as one feature) begins, in bytes.
pub fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .checked_sub(text.as_ptr() as usize)
        .filter(|&n| n <= text.len())
        .unwrap_or(0)
}

/// Reports text that is not JSON, or a member given twice (`strict_json`): `error` came from
/// reading `part`, which starts `offset` bytes into the whole file's `text`, so the line and
/// column are the file's.
pub fn report_syntax(
    file: DataFile,
    text: &str,
    offset: usize,
    error: &serde_json::Error,
    report: &mut Report,
) {
    // A server's error page, or an address that leads to a web page, comes back as HTML
    // where the data should be.
    if text.trim_start().starts_with('<') {
        report.error(
            Location::file(file),
            "is a web page, not JSON: check its address",
        );
        return;
    }
    // serde_json counts lines in the slice it read and columns in bytes (from 0 at the end
    // of the text): back to a byte offset in the file, then to a line and a column in
    // characters, as an editor shows them.
    let part = text.get(offset..).unwrap_or_default();
    let line_start = if error.line() <= 1 {
        0
    } else {
        // Bytes, as in `line_col`: a char pattern would link a searcher only this uses.
        part.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .nth(error.line() - 2)
            .map_or(part.len(), |(n, _)| n + 1)
    };
    let at = offset + line_start + error.column().saturating_sub(1);
    let (line, column) = line_col(text, floor_char_boundary(text, at));
    report.error(
        Location::file(file).with_line_col(line, column),
        // A problem serde_json met in valid JSON (a member given twice) is told as itself.
        if is_syntax(error) {
            format!("not valid JSON: {}", plain(error))
        } else {
            plain(error)
        },
    );
}

/// Whether `error` is about the text (not JSON) rather than its shape.
pub fn is_syntax(error: &serde_json::Error) -> bool {
    matches!(
        error.classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof
    )
}

/// What the whole text holds, as far as a reader of its members needs to know.
pub enum Root {
    /// An object (or text that does not start like JSON's other values, for the typed read
    /// to report).
    Object,
    /// Another JSON value: `"an array"`, `"a string"`….
    Other(&'static str),
    /// Not JSON: already reported.
    NotJson,
}

/// What `text` holds at its root, asked before the features file's typed read (a struct
/// read with serde also accepts an array of its members in order, which no data file means).
pub fn root(file: DataFile, text: &str, report: &mut Report) -> Root {
    let first = text.trim_start().bytes().next();
    if matches!(first, Some(b'{') | None) {
        return Root::Object;
    }
    match serde_json::from_str::<crate::data::strict_json::Strict>(text) {
        Ok(value) => Root::Other(crate::data::props::kind_of(&value.0)),
        Err(e) => {
            report_syntax(file, text, 0, &e, report);
            Root::NotJson
        }
    }
}
