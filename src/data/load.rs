//! Text → validated [`Dataset`]: reads both files (GeoJSON through `serde_json` and
//! `geojson`'s types, the policies through serde types), checks them against each other, and
//! reports every problem with its place, so that bad data gives a clear message, not a crash.

use crate::data::features;
use crate::data::model::{Dataset, Place};
use crate::data::policy::Policies;
use crate::data::report::{DataFile, Location, Report};

/// Largest input text we accept, in bytes: room for a million positions (the benchmark's
/// stress data), far below what hangs a phone.
pub const MAX_TEXT_BYTES: usize = 32 * 1024 * 1024;
/// Most features in one file.
pub const MAX_FEATURES: usize = 5_000;
/// Most positions over all features: the benchmark's stress data has just over a million.
pub const MAX_POSITIONS: usize = 2_000_000;

/// How much data is accepted. The defaults suit a phone; `check` can raise them for a big
/// national dataset (`--max-bytes`, `--max-features`, `--max-positions`), and a page can
/// lower them (the element's `max-bytes`, `max-features` and `max-positions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of text per file.
    pub bytes: usize,
    /// Features in the features file.
    pub features: usize,
    /// Positions over all features.
    pub positions: usize,
}

impl Limits {
    /// The widget's limits.
    pub const DEFAULT: Limits = Limits {
        bytes: MAX_TEXT_BYTES,
        features: MAX_FEATURES,
        positions: MAX_POSITIONS,
    };

    /// The widget's limits as a page sets them: each number lowers its limit; one below 1
    /// (or not a number) leaves it as it is, and none raises it, so a page cannot make a
    /// reader's phone take more than the map allows.
    pub fn lowered_to(bytes: f64, features: f64, positions: f64) -> Limits {
        let lower = |asked: f64, own: usize| {
            if asked >= 1.0 {
                (asked as usize).min(own)
            } else {
                own
            }
        };
        let own = Limits::DEFAULT;
        Limits {
            bytes: lower(bytes, own.bytes),
            features: lower(features, own.features),
            positions: lower(positions, own.positions),
        }
    }
}

/// Checks both texts and returns the dataset (if usable) with every problem found.
pub fn check(features: &str, policies: Option<&str>) -> (Option<Dataset>, Report) {
    check_within(features, policies, &Limits::DEFAULT)
}

/// [`check`] within other limits.
pub fn check_within(
    features: &str,
    policies: Option<&str>,
    limits: &Limits,
) -> (Option<Dataset>, Report) {
    let mut report = Report::default();
    let (places, words) = if too_big(DataFile::Features, features, limits.bytes, &mut report) {
        Default::default()
    } else {
        features::read(features, limits, &mut report)
    };
    let features_ok = report.error_count() == 0;
    let policies = policies.and_then(|text| read_policies(text, limits, &mut report));
    if let (Some(pol), true) = (&policies, features_ok) {
        cross_check(&places, pol, &mut report);
    }
    let dataset = (report.error_count() == 0).then_some(Dataset {
        places,
        attribution: words.attribution,
        title: words.title,
        kinds: words.kinds,
        policies,
    });
    (dataset, report)
}

/// Loads data, failing with the report of every problem if any is an error; warnings are
/// dropped. (`crate::Error` wraps the report for one-line messages.)
pub fn load(features: &str, policies: Option<&str>) -> Result<Dataset, Report> {
    load_within(features, policies, &Limits::DEFAULT)
}

/// [`load`] within other limits.
pub fn load_within(
    features: &str,
    policies: Option<&str>,
    limits: &Limits,
) -> Result<Dataset, Report> {
    match check_within(features, policies, limits) {
        (Some(dataset), _) => Ok(dataset),
        (None, report) => Err(report),
    }
}

/// Bytes as text: UTF-8, with or without a byte-order mark (as Windows tools write it).
/// Anything else is refused in words that name the encoding when they can tell (UTF-16 is
/// what some Windows tools' "Unicode" export writes) and say how to save it (`save_as`:
/// "UTF-8", or a spreadsheet's menu item). The one reader of text for the widget, `check`
/// and `import` alike.
pub fn decode_text<'a>(bytes: &'a [u8], save_as: &str) -> Result<&'a str, String> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(format!("is UTF-16 text: save it as {save_as}"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "is not UTF-8 text (byte {} is not): save it as {save_as}",
            e.valid_up_to() + 1
        )
    })
}

/// The text of a data file read as bytes ([`decode_text`]), or the report of why not.
pub fn text_of(file: DataFile, bytes: &[u8]) -> Result<&str, Report> {
    decode_text(bytes, "UTF-8").map_err(|message| {
        let mut report = Report::default();
        report.error(Location::file(file), message);
        report
    })
}

/// The report of a file over the size limit: its size if known (`None`: it was still
/// arriving when it passed the limit, and was not read further).
pub fn over_limit(file: DataFile, size: Option<usize>, limit: usize) -> Report {
    let mut report = Report::default();
    let message = match size {
        Some(size) => format!("the file is {size} bytes; the limit is {limit}"),
        None => format!("the file is more than {limit} bytes; the limit is {limit}"),
    };
    report.error(Location::file(file), message);
    report
}

/// Records an error and returns true if `text` is over the size limit.
fn too_big(file: DataFile, text: &str, limit: usize, report: &mut Report) -> bool {
    let big = text.len() > limit;
    if big {
        report
            .problems
            .extend(over_limit(file, Some(text.len()), limit).problems);
    }
    big
}

fn read_policies(text: &str, limits: &Limits, report: &mut Report) -> Option<Policies> {
    if too_big(DataFile::Policies, text, limits.bytes, report) {
        return None;
    }
    let before = report.error_count();
    let policies = Policies::read(text, report)?;
    policies.validate(report);
    (report.error_count() == before).then_some(policies)
}

/// Warnings for policies and places that do not meet.
fn cross_check(places: &[Place], policies: &Policies, report: &mut Report) {
    // A scan rather than a sorted index: the policy file names tens of places, and a sort
    // here would add its own sorting code to the wasm.
    let known = |id: &str| places.iter().any(|p| p.id == id);
    let pol = |path: String| Location::path(DataFile::Policies, path);
    for id in policies.places.keys() {
        if !known(id) {
            report.warn(
                pol(format!("places.{id}")),
                "names a place that is not in the features file",
            );
        }
    }
    for (k, m) in policies.milestones.iter().enumerate() {
        for id in &m.places {
            if !known(id) {
                report.warn(
                    pol(format!("milestones[{k}].places")),
                    format!("\"{id}\" is not in the features file"),
                );
            }
        }
    }
    for (i, p) in places.iter().enumerate() {
        if p.kind.selectable() && !policies.places.contains_key(&p.id) {
            report.warn(
                Location::feature(i, Some(&p.id)),
                "has no entry in the policy file: its panel will show only its name",
            );
        }
    }
}
