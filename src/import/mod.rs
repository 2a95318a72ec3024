//! `jingjinji-map import`: a newsroom's boundary file and spreadsheet of texts → a checked
//! map in the widget's own format (native only). Reading the newsroom's file (`source`),
//! making ids and names (`ids`), reading the texts (`texts`), simplifying with shared
//! borders kept shared (`topology`) and writing the three files at once (`output`) are each
//! their own module; this one runs them in order.

pub mod ids;
pub mod output;
pub mod source;
pub mod texts;
pub mod topology;

use std::path::PathBuf;

/// What the command was asked to do (its flags).
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The newsroom's GeoJSON.
    pub features: PathBuf,
    /// The property holding each feature's id.
    pub id: String,
    /// The property holding each feature's English name.
    pub name_en: String,
    /// The property holding each feature's Chinese name (`traditional|simplified` allowed).
    pub name_zh: Option<String>,
    /// The story's places, by id (as in the file, or as the widget's ids); none: every
    /// feature.
    pub places: Option<Vec<String>>,
    /// The places' kind.
    pub kind: String,
    /// What the kind is called in English (`State`, `County`): the panel's kicker, the list,
    /// the pictures and the screen reader use it instead of the kind's generic words.
    pub kind_en: Option<String>,
    /// What the kind is called in Chinese (`州`, `县`).
    pub kind_zh: Option<String>,
    /// The spreadsheet of texts (CSV).
    pub texts: Option<PathBuf>,
    /// The map's title in English.
    pub title_en: Option<String>,
    /// The map's title in Chinese.
    pub title_zh: Option<String>,
    /// The credit line.
    pub attribution: Option<String>,
    /// The features file's largest gzipped size, KB.
    pub max_kb: f64,
    /// A CSV of figures to check against the places and show in the preview (`--values`).
    pub values: Option<PathBuf>,
    /// Its column to show (`--value`; none: the first column of numbers).
    pub value: Option<String>,
    /// Where the files go.
    pub out: PathBuf,
}

/// What the command did, for its summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The places' ids.
    pub places: Vec<String>,
    /// How many context areas were kept.
    pub context: usize,
    /// How many context areas were left out, being far from the places.
    pub dropped: usize,
    /// The features file's gzipped size, bytes.
    pub gzipped: usize,
    /// The simplification tolerance used, degrees (0: none was needed).
    pub tolerance: f64,
    /// Things the newsroom should look at.
    pub warnings: Vec<String>,
}

/// Runs the import: reads, converts, checks and writes, or says why not (and writes nothing).
pub fn run(o: &Options) -> Result<Summary, String> {
    let bytes = std::fs::read(&o.features).map_err(|e| format!("{}: {e}", o.features.display()))?;
    let text = crate::data::load::decode_text(&bytes, "UTF-8")
        .map_err(|e| format!("{}: {e}", o.features.display()))?;
    let mut warnings = Vec::new();
    let found = source::read(text, o, &mut warnings)
        .map_err(|e| format!("{}: {e}", o.features.display()))?;
    let texts = match &o.texts {
        Some(path) => Some(texts::read(path, &found.place_ids(), &mut warnings)?),
        None => None,
    };
    let built = output::build(found, texts.as_ref(), o, &mut warnings)?;
    output::write(&built, &o.out)?;
    Ok(Summary {
        warnings,
        ..built.summary
    })
}
