//! The three files `import` writes (the features, the policies and a preview page), checked
//! with the widget's own loader before anything is written, then written all at once. The
//! policies are written through the serde types that read them (`data::policy`).

use crate::data::keyed::Keyed;
use crate::data::load;
use crate::data::model::Kind;
use crate::data::policy::{self, Overview, PanelWords, PlacePolicy, Policies, PLACEHOLDER};
use crate::i18n::Text;
use crate::import::source::{Found, Polygon};
use crate::import::texts::{Row, Source, Texts};
use crate::import::{topology, Options, Summary};
use serde_json::{json, Value};
use std::io::Write as _;
use std::path::Path;

/// The files, ready to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    /// `places.geojson`.
    pub features: String,
    /// `policies.json`.
    pub policies: String,
    /// `index.html`.
    pub preview: String,
    /// `values.csv`: the newsroom's figures, checked against the places made.
    pub values: Option<Vec<u8>>,
    /// What was made (its warnings are the caller's).
    pub summary: Summary,
}

fn gzipped(text: &str) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = e.write_all(text.as_bytes());
    e.finish().map_or(text.len(), |v| v.len())
}

/// The box `[west, south, east, north]` around `positions`.
fn bbox<'a>(positions: impl Iterator<Item = &'a [f64; 2]>) -> [f64; 4] {
    let far = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    positions.fold(far, |b, p| {
        [
            b[0].min(p[0]),
            b[1].min(p[1]),
            b[2].max(p[0]),
            b[3].max(p[1]),
        ]
    })
}

/// Every position of `polygons`.
fn positions(polygons: &[Polygon]) -> impl Iterator<Item = &[f64; 2]> {
    polygons.iter().flatten().flatten()
}

/// A position rounded to 1e-5° (about a metre), with repeats that rounding made dropped.
/// The features file as it is written: typed, so that it goes straight to text with no tree
/// of JSON values in between (for a whole country's file, several times its size). The
/// positions are on the output's grid already (`topology::snap`).
#[derive(serde::Serialize)]
struct OutCollection<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    attribution: &'a str,
    title_en: &'a str,
    title_zh: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kinds: Option<Value>,
    features: Vec<OutFeature<'a>>,
}

/// One feature of [`OutCollection`].
#[derive(serde::Serialize)]
struct OutFeature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    properties: OutProperties<'a>,
    geometry: OutGeometry<'a>,
}

/// A feature's properties, in the widget's format.
#[derive(serde::Serialize)]
struct OutProperties<'a> {
    id: String,
    kind: &'a str,
    name_zh: &'a str,
    name_en: &'a str,
}

/// A feature's areas.
#[derive(serde::Serialize)]
struct OutGeometry<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: &'a [Polygon],
}

fn text(en: &str, zh: &str) -> Text {
    Text::new(en, zh)
}

/// Today's date, `YYYY-MM-DD` (UTC), for a source the texts do not date.
fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Builds the files from the file's areas and the texts, simplified to fit `o.max_kb`.
pub fn build(
    found: Found,
    texts: Option<&Texts>,
    o: &Options,
    warnings: &mut Vec<String>,
) -> Result<Built, String> {
    // The kinds an imported area may be: those whose areas take tints.
    if !Kind::parse(&o.kind).is_some_and(Kind::is_tinted) {
        let kinds: Vec<&str> = Kind::ALL
            .into_iter()
            .filter(|k| k.is_tinted())
            .map(Kind::as_str)
            .collect();
        return Err(format!(
            "--kind must be one of {} for areas, not \"{}\"",
            kinds.join(", "),
            o.kind
        ));
    }
    if !found.areas.iter().any(|a| a.place) {
        return Err("no feature is a place: name them with --places".into());
    }
    // The map frames the places; context beyond the frame and a margin half its size is
    // left out, so a whole-country file gives a regional map.
    let frame = bbox(
        found
            .areas
            .iter()
            .filter(|a| a.place)
            .flat_map(|a| positions(&a.polygons)),
    );
    let margin = 0.5 * (frame[2] - frame[0]).max(frame[3] - frame[1]);
    let near = |b: [f64; 4]| {
        b[0] <= frame[2] + margin
            && b[2] >= frame[0] - margin
            && b[1] <= frame[3] + margin
            && b[3] >= frame[1] - margin
    };
    // On the output's grid first: an area smaller than the grid is no area. A place must be
    // one; context that is not is left out, said once. Each area's own copy of its polygons
    // goes as its snapped copy is made: a big file's positions are held twice at most.
    let mut found = found;
    let mut shapes: Vec<Vec<Polygon>> = Vec::new();
    let mut specks = Vec::new();
    let mut kept_at = Vec::new();
    let mut dropped = 0;
    for (i, a) in found.areas.iter_mut().enumerate() {
        let polygons = std::mem::take(&mut a.polygons);
        if !(a.place || near(bbox(positions(&polygons)))) {
            dropped += 1;
            continue;
        }
        let snapped = topology::snap(&polygons);
        if !snapped.is_empty() {
            shapes.push(snapped);
            kept_at.push(i);
        } else if a.place {
            return Err(format!(
                "the place \"{}\" ({}) has no area: none of its rings has three distinct \
                 positions on the output's 1e-5° grid (the file's own outline may be collapsed, \
                 as heavily simplified files have it): fix its geometry, or leave it out of \
                 --places",
                a.raw_id, a.name_en
            ));
        } else {
            specks.push(a.name_en.clone());
        }
    }
    if !specks.is_empty() {
        warnings.push(format!(
            "{} context area(s) with no area on the 1e-5° grid (collapsed outlines) are left out: {}",
            specks.len(),
            specks.join(", ")
        ));
    }
    let places: Vec<_> = found.areas.iter().filter(|a| a.place).collect();
    let kept: Vec<_> = kept_at.iter().filter_map(|&i| found.areas.get(i)).collect();
    // Cut into arcs once, simplified at each tolerance the search tries.
    let topology = topology::Topology::of(&shapes);
    drop(shapes);
    let title_en = o.title_en.clone().unwrap_or_else(|| {
        let names = join_names(&places, |a| &a.name_en, ", ");
        match places.len().checked_sub(TITLE_NAMES) {
            Some(more) if more > 0 => format!("Map of {names} and {more} more"),
            _ => format!("Map of {names}"),
        }
    });
    let title_zh = o.title_zh.clone().unwrap_or_else(|| {
        let names = join_names(&places, |a| &a.name_zh, "、");
        match places.len().checked_sub(TITLE_NAMES) {
            Some(more) if more > 0 => format!("{names}等{}个地区地图", places.len()),
            _ => format!("{names}地图"),
        }
    });
    let attribution = o
        .attribution
        .clone()
        .unwrap_or_else(|| "Boundaries: see the data's source".into());
    // The places' kind in the newsroom's words (`State` / `州`): one language given serves
    // for both, with a warning, as names do.
    let kind_words = match (&o.kind_en, &o.kind_zh) {
        (None, None) => None,
        (en, zh) => {
            if en.is_none() || zh.is_none() {
                warnings.push(
                    "only one of --kind-en and --kind-zh: the kind has the same words in both languages"
                        .into(),
                );
            }
            let (en, zh) = (en.as_ref().or(zh.as_ref()), zh.as_ref().or(en.as_ref()));
            Some(json!({ "name_en": en, "name_zh": zh }))
        }
    };
    let features_text = |tolerance: f64| {
        let simplified = topology.simplify(tolerance);
        let features: Vec<OutFeature> = kept
            .iter()
            .zip(&simplified)
            .map(|(a, polygons)| OutFeature {
                kind: "Feature",
                properties: OutProperties {
                    id: if a.place {
                        a.id.clone()
                    } else {
                        format!("context-{}", a.id)
                    },
                    kind: if a.place { o.kind.as_str() } else { "context" },
                    name_zh: &a.name_zh,
                    name_en: &a.name_en,
                },
                geometry: OutGeometry {
                    kind: "MultiPolygon",
                    coordinates: polygons,
                },
            })
            .collect();
        let collection = OutCollection {
            kind: "FeatureCollection",
            attribution: &attribution,
            title_en: &title_en,
            title_zh: &title_zh,
            kinds: kind_words
                .as_ref()
                .map(|words| json!({ o.kind.as_str(): words })),
            features,
        };
        serde_json::to_string(&collection).unwrap_or_default()
    };
    let budget = (o.max_kb * 1024.0) as usize;
    let mut tolerance = 0.0;
    let mut features = features_text(0.0);
    if gzipped(&features) > budget {
        // The least simplification that fits: halve the interval until it is within 2 %.
        let (mut lo, mut hi) = (0.0_f64, 0.05_f64);
        while gzipped(&features_text(hi)) > budget && hi < 5.0 {
            hi *= 2.0;
        }
        for _ in 0..14 {
            let mid = (lo + hi) / 2.0;
            if gzipped(&features_text(mid)) > budget {
                lo = mid;
            } else {
                hi = mid;
            }
            if hi - lo < 0.02 * hi {
                break;
            }
        }
        tolerance = hi;
        features = features_text(hi);
        if gzipped(&features) > budget {
            return Err(format!(
                "the features do not fit {} KB gzipped even simplified to {hi:.2}°: raise --max-kb",
                o.max_kb
            ));
        }
    }
    let policies = policies_text(&places, texts, &title_en, &title_zh, warnings);
    // The widget's own loader has the last word.
    let (dataset, report) = load::check(&features, Some(&policies));
    let Some(dataset) = dataset else {
        return Err(format!("the map made would not load:\n{report}"));
    };
    // The figures are checked against the places as the widget will match them.
    let values = match &o.values {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let figures = crate::data::values::read_table(&bytes, crate::data::values::MAX_ROWS)
                .and_then(|t| t.figures(o.value.as_deref(), &dataset.places))
                .map_err(|e| format!("{}: {e}", path.display()))?;
            warnings.extend(
                figures
                    .warnings
                    .iter()
                    .map(|w| format!("{}: {w}", path.display())),
            );
            warnings.push(format!("{}: {}", path.display(), figures.coverage()));
            Some((bytes, figures.column))
        }
        None => None,
    };
    let preview = preview(
        &title_en,
        values.as_ref().map(|(_, column)| column.as_str()),
    );
    let values = values.map(|(bytes, _)| bytes);
    Ok(Built {
        summary: Summary {
            places: places.iter().map(|a| a.id.clone()).collect(),
            context: kept.len() - places.len(),
            dropped,
            gzipped: gzipped(&features),
            tolerance,
            warnings: Vec::new(),
        },
        features,
        policies,
        preview,
        values,
    })
}

/// How many places the default title names; more are counted (a county file's title would
/// otherwise list them all, and so would its source line).
const TITLE_NAMES: usize = 4;

/// The first [`TITLE_NAMES`] places' names, joined.
fn join_names<'a>(
    areas: &[&'a crate::import::source::Area],
    name: impl Fn(&'a crate::import::source::Area) -> &'a String,
    sep: &str,
) -> String {
    areas
        .iter()
        .take(TITLE_NAMES)
        .map(|a| name(a).as_str())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The policies file: each place's texts (or a marked placeholder), the overview, sources.
fn policies_text(
    places: &[&crate::import::source::Area],
    texts: Option<&Texts>,
    title_en: &str,
    title_zh: &str,
    warnings: &mut Vec<String>,
) -> String {
    let newsroom = Source {
        publisher: "Your newsroom".into(),
        title: title_en.into(),
        date: today(),
    };
    let mut sources: Vec<Source> = Vec::new();
    let mut key_of = |s: &Option<Source>| {
        let s = s.clone().unwrap_or_else(|| newsroom.clone());
        let at = sources.iter().position(|t| *t == s).unwrap_or_else(|| {
            sources.push(s);
            sources.len() - 1
        });
        format!("source-{}", at + 1)
    };
    let summary = |row: Option<&Row>, what: &str| {
        let placeholder = (
            format!("{PLACEHOLDER} what the story says about {what}."),
            format!("{PLACEHOLDER} 报道对{what}的说明。"),
        );
        let en = row
            .map(|r| r.summary_en.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or(placeholder.0);
        let zh = row
            .map(|r| r.summary_zh.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or(placeholder.1);
        text(&en, &zh)
    };
    let mut entries = Keyed::new();
    for area in places {
        let row = texts.and_then(|t| t.places.get(&area.id));
        let points = row
            .map(|r| r.points.iter().map(|(en, zh)| text(en, zh)).collect())
            .unwrap_or_default();
        entries.insert(
            area.id.clone(),
            PlacePolicy {
                summary: summary(row, &area.name_en),
                points,
                source: key_of(&row.and_then(|r| r.source.clone())),
            },
        );
    }
    let overview = texts.and_then(|t| t.overview.as_ref());
    if texts.is_none() {
        warnings.push("no --texts: every panel has a placeholder summary (marked TODO:, which `check` reports)".into());
    }
    let overview_source = overview.and_then(|r| r.source.clone());
    let measures: Vec<Text> = overview
        .map(|r| r.points.iter().map(|(en, zh)| text(en, zh)).collect())
        .unwrap_or_default();
    let measures = if measures.is_empty() {
        vec![text(
            &format!("{PLACEHOLDER} the story's main points."),
            &format!("{PLACEHOLDER} 报道要点。"),
        )]
    } else {
        measures
    };
    let issuer = overview_source
        .as_ref()
        .map_or("Your newsroom", |s| s.publisher.as_str())
        .to_string();
    let date = overview_source
        .as_ref()
        .map_or_else(today, |s| s.date.clone());
    let overview_summary = summary(overview, "the region");
    let overview_key = key_of(&overview_source);
    let mut source_entries = Keyed::new();
    for (k, s) in sources.iter().enumerate() {
        source_entries.insert(
            format!("source-{}", k + 1),
            policy::Source {
                publisher: text(&s.publisher, &s.publisher),
                title: text(&s.title, &s.title),
                date: s.date.clone(),
            },
        );
    }
    // Written through the types that read it (`data::policy`): a renamed field cannot
    // compile here and fail only when the file is loaded.
    let policies = Policies {
        schema: None,
        sources: source_entries,
        overview: Overview {
            title: text(title_en, title_zh),
            issuer: text(&issuer, &issuer),
            date,
            summary: overview_summary,
            measures,
            source: overview_key,
        },
        places: entries,
        milestones: Vec::new(),
        words: PanelWords::default(),
    };
    serde_json::to_string_pretty(&policies).unwrap_or_default()
}

/// A preview article with the embed snippet, beside the data files; with figures, the map
/// shows `column` of `values.csv`.
fn preview(title: &str, column: Option<&str>) -> String {
    let title = crate::i18n::escape(title);
    let values = column.map_or(String::new(), |c| {
        format!(
            " values=\"values.csv\" value=\"{}\"",
            crate::i18n::escape(c)
        )
    });
    let shown = values.replace('"', "&quot;");
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n  <title>{title}</title>\n  <!-- The widget's files (jingjinji-map.js and jingjinji-map.wasm, from `make site`'s www/ or the npm package) go beside this page. -->\n  <script type=\"module\" src=\"jingjinji-map.js\"></script>\n</head>\n<body>\n  <h1>{title}</h1>\n  <p>A preview of the imported map. Embed it in an article with:</p>\n  <pre>&lt;script type=\"module\" src=\"jingjinji-map.js\"&gt;&lt;/script&gt;\n&lt;jingjinji-map features=\"places.geojson\" policies=\"policies.json\"{shown}&gt;&lt;/jingjinji-map&gt;</pre>\n  <jingjinji-map features=\"places.geojson\" policies=\"policies.json\"{values}></jingjinji-map>\n</body>\n</html>\n"
    )
}

/// Writes the three files into `dir`: first all of them into a fresh folder beside it, then
/// each moved in, so that a failure leaves nothing half-written there.
pub fn write(built: &Built, dir: &Path) -> Result<(), String> {
    let shown = dir.display();
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = dir
        .file_name()
        .map_or("out".into(), |n| n.to_string_lossy().to_string());
    let staging = parent.join(format!(".{name}.import-{}", std::process::id()));
    let mut files: Vec<(&str, &[u8])> = vec![
        ("places.geojson", built.features.as_bytes()),
        ("policies.json", built.policies.as_bytes()),
        ("index.html", built.preview.as_bytes()),
    ];
    if let Some(values) = &built.values {
        files.push(("values.csv", values));
    }
    let staged = (|| -> std::io::Result<()> {
        std::fs::create_dir_all(&staging)?;
        for (file, text) in &files {
            std::fs::write(staging.join(file), text)?;
        }
        std::fs::create_dir_all(dir)?;
        for (file, _) in &files {
            std::fs::rename(staging.join(file), dir.join(file))?;
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&staging);
    staged.map_err(|e| format!("{shown}: {e}"))
}
