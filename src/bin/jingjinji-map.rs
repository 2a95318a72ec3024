//! Command-line tools for map data. `check` validates a features file and an optional
//! policy file, printing every problem with its place; exit 0 clean, 1 unusable, 2 usage.
//! `fallback` prints the map's content as static HTML for readers without JavaScript.
//! `render` writes the map as the widget first draws it, as an SVG picture (a file, or with
//! `--inline` for pasting inside the page's element).

// No panicking calls in shipped code: errors are values (DESIGN rule 4). Tests may panic;
// see clippy.toml.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::todo
)]

use jingjinji_map::data::load::{self, Limits};
use jingjinji_map::data::model::Dataset;
use jingjinji_map::data::report::{DataFile, Report};
use jingjinji_map::data::values::MAX_ROWS;
use jingjinji_map::i18n::Lang;
use jingjinji_map::render::style::Theme;
use jingjinji_map::render::svg::Form;
use jingjinji_map::render::values::{ValueLayer, ValueOptions};
use jingjinji_map::ui::figures::ValueSettings;
use jingjinji_map::ui::{fallback, picture};
use std::process::ExitCode;

/// Prints a line on standard output. A reader that stops early (`check … | head`) closes the
/// pipe: that ends the output, it is not a crash.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

const USAGE: &str = "usage: jingjinji-map check <features.geojson> [policies.json]
                            [--max-bytes N] [--max-features N] [--max-positions N]
                            [--values FIGURES.csv [--value COLUMN]]
       jingjinji-map fallback <features.geojson> <policies.json> [--lang en|zh]
                            [--values FIGURES.csv [--value COLUMN] …as render]
       jingjinji-map render [<features.geojson> <policies.json>] --out <map.svg> [--inline]
                            [--width 560] [--height 700] [--lang en|zh|zh-en] [--theme light|dark|contrast]
                            [--select <id>] [--values FIGURES.csv [--value COLUMN] [--value-kind rate|count]
                            [--classes ckmeans|quantile|equal|continuous|10,20,50] [--class-count 3-7]
                            [--palette viridis|cividis|blues|…|rdbu|puor|brbg] [--midpoint N] [--value-unit en|zh]]
       jingjinji-map import <features.geojson> --id PROP --name-en PROP [--name-zh PROP]
                            [--places V,V,…] [--kind province|counties] [--kind-en W] [--kind-zh W]
                            [--texts TEXTS.csv] [--values FIGURES.csv [--value COLUMN]]
                            [--title-en T] [--title-zh T] [--attribution T] [--max-kb 60] --out DIR";

/// A file's bytes; a file that cannot be read at all is a usage problem (exit 2).
fn read(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))
}

/// The bytes of a data file as text (UTF-8, with or without a byte-order mark), or the
/// problem with its encoding added to `report`: unusable data, not a usage error.
fn text<'a>(file: DataFile, bytes: &'a [u8], report: &mut Report) -> Option<&'a str> {
    load::text_of(file, bytes)
        .map_err(|r| report.problems.extend(r.problems))
        .ok()
}

/// `check`'s arguments: one or two files, then any of the limit flags.
fn check_args(args: &[&str]) -> Result<ExitCode, String> {
    let files: Vec<&str> = args
        .iter()
        .copied()
        .take_while(|a| !a.starts_with("--"))
        .collect();
    let mut limits = Limits::DEFAULT;
    let mut values = Values::default();
    let mut flags = args.get(files.len()..).unwrap_or_default().chunks(2);
    for pair in flags.by_ref() {
        let [flag, value] = pair else {
            return Err(format!("{} needs a value after it", pair.concat()));
        };
        match *flag {
            "--values" => {
                values.path = Some(value);
                continue;
            }
            "--value" => {
                values.column = Some(value);
                continue;
            }
            _ => {}
        }
        let n = value
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("{flag} takes a whole number above 0, not \"{value}\""))?;
        match *flag {
            "--max-bytes" => limits.bytes = n,
            "--max-features" => limits.features = n,
            "--max-positions" => limits.positions = n,
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    match files.as_slice() {
        [features] => check(features, None, &limits, &values),
        [features, policies] => check(features, Some(policies), &limits, &values),
        _ => Err(USAGE.to_string()),
    }
}

/// A values file and the column to show, as `--values` and `--value` give them.
#[derive(Default)]
struct Values<'a> {
    path: Option<&'a str>,
    column: Option<&'a str>,
}

/// Checks a values file against the places: its warnings, then its classes; false if it
/// cannot be used.
fn check_values(values: &Values, dataset: &Dataset, limits: &Limits) -> Result<bool, String> {
    let Some(path) = values.path else {
        return Ok(true);
    };
    let bytes = read(path)?;
    let figures = jingjinji_map::data::values::read_table(&bytes, limits.features.min(MAX_ROWS))
        .and_then(|table| table.figures(values.column, &dataset.places));
    match figures {
        Ok(figures) => {
            for w in &figures.warnings {
                say!("{path}: warning: {w}");
            }
            say!("{path}: {}", figures.coverage());
            let layer = ValueLayer::new(figures, ValueOptions::default());
            let classes: Vec<String> = layer
                .legend(Lang::En, Theme::Light)
                .iter()
                .map(|c| format!("{} ({})", c.label, c.count))
                .collect();
            say!("{path}: classes (ckmeans): {}", classes.join("; "));
            Ok(true)
        }
        Err(e) => {
            say!("{path}: error: {e}");
            Ok(false)
        }
    }
}

fn check(
    features_path: &str,
    policies_path: Option<&str>,
    limits: &Limits,
    values: &Values,
) -> Result<ExitCode, String> {
    let features = read(features_path)?;
    let policies = policies_path.map(read).transpose()?;
    let mut encoding = Report::default();
    let features = text(DataFile::Features, &features, &mut encoding);
    let policies = policies
        .as_deref()
        .and_then(|b| text(DataFile::Policies, b, &mut encoding));
    let (dataset, report) = match features {
        Some(features) if encoding.problems.is_empty() => {
            load::check_within(features, policies, limits)
        }
        _ => (None, encoding),
    };
    for p in &report.problems {
        let file = match p.at.file {
            DataFile::Features => features_path,
            DataFile::Policies => policies_path.unwrap_or("policies"),
            DataFile::Values => values.path.unwrap_or("values"),
        };
        let tag = p.severity.as_str();
        let at = p.at.within_file();
        if at.is_empty() {
            say!("{file}: {tag}: {}", p.message);
        } else {
            say!("{file}: {tag}: {at}: {}", p.message);
        }
    }
    let errors = report.error_count();
    let warnings = report.problems.len() - errors;
    match dataset {
        Some(d) => {
            let values_ok = check_values(values, &d, limits)?;
            say!(
                "{}: {} places, {} with policies; {warnings} warning(s)",
                if values_ok { "ok" } else { "unusable values" },
                d.places.len(),
                d.policies.as_ref().map_or(0, |p| p.places.len())
            );
            Ok(if values_ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        None => {
            say!("unusable: {errors} error(s), {warnings} warning(s)");
            Ok(ExitCode::from(1))
        }
    }
}

/// Prints the map's content as static HTML, for readers without JavaScript or WebAssembly:
/// `fallback features policies [--lang en|zh] [--values F [--value C] …]`.
fn fallback(args: &[&str]) -> Result<ExitCode, String> {
    let [features_path, policies_path, flags @ ..] = args else {
        return Err(USAGE.to_string());
    };
    let mut lang = "en";
    let mut values_path = None;
    let mut settings = ValueSettings::default();
    for pair in flags.chunks(2) {
        let [flag, value] = pair else {
            return Err(format!("{} needs a value\n{USAGE}", pair.concat()));
        };
        match *flag {
            "--lang" => lang = value,
            "--values" => values_path = Some(*value),
            _ => value_flag(&mut settings, flag, value)?,
        }
    }
    let lang = Lang::choose(Some(lang), None).map_err(|e| e.to_string())?;
    let Some(data) = load_both(features_path, policies_path)? else {
        return Ok(ExitCode::from(1));
    };
    let layer = values_path
        .map(|path| value_layer(path, &settings, &data))
        .transpose()?;
    say!("{}", fallback::html_with(&data, lang, layer.as_ref()));
    Ok(ExitCode::SUCCESS)
}

/// One of the value layer's flags (`--value`, `--value-kind`, `--classes`, …): the element's
/// attribute of the same name, into `settings` (one list of them: `ValueSettings::set`).
fn value_flag(settings: &mut ValueSettings, flag: &str, value: &str) -> Result<(), String> {
    let name = flag.trim_start_matches("--");
    if settings.set(name, Some(value.to_string())) {
        Ok(())
    } else {
        Err(format!("unknown option {flag}\n{USAGE}"))
    }
}

/// The figures of the values file at `path`, classed as the widget classes them; its
/// warnings on stderr.
fn value_layer(path: &str, settings: &ValueSettings, data: &Dataset) -> Result<ValueLayer, String> {
    let options: ValueOptions = settings.options()?;
    let figures = jingjinji_map::data::values::read_table(&read(path)?, MAX_ROWS)
        .and_then(|table| table.figures(options.column.as_deref(), &data.places))
        .map_err(|e| format!("{path}: {e}"))?;
    for w in &figures.warnings {
        eprintln!("{path}: warning: {w}");
    }
    Ok(ValueLayer::new(figures, options))
}

/// Loads a features file and a policy file, or says on stderr why they are unusable.
fn load_both(features_path: &str, policies_path: &str) -> Result<Option<Dataset>, String> {
    let (features, policies) = (read(features_path)?, read(policies_path)?);
    let mut encoding = Report::default();
    let features = text(DataFile::Features, &features, &mut encoding);
    let policies = text(DataFile::Policies, &policies, &mut encoding);
    let loaded = match (features, policies) {
        (Some(features), Some(policies)) => load::load(features, Some(policies)),
        _ => Err(encoding),
    };
    match loaded {
        Ok(data) => Ok(Some(data)),
        Err(report) => {
            eprint!("{report}");
            eprintln!("jingjinji-map: the data is unusable; run `jingjinji-map check` for details");
            Ok(None)
        }
    }
}

/// A size in CSS pixels from the command line.
fn size(flag: &str, value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(v) if v.is_finite() && (64.0..=8192.0).contains(&v) => Ok(v),
        _ => Err(format!(
            "{flag} takes a size in CSS pixels from 64 to 8192, not \"{value}\""
        )),
    }
}

/// Writes the map as SVG: `render [features policies] --out F [--inline] [--width] [--height]
/// [--lang] [--select]`; `--inline` writes it for pasting inside the page's element.
fn render(args: &[&str]) -> Result<ExitCode, String> {
    let mut paths = Vec::new();
    let mut out = None;
    let mut request = picture::Request {
        width: 560.0,
        height: 700.0,
        lang: Lang::En,
        bilingual: false,
        select: None,
        theme: Theme::Light,
        values: None,
        form: Form::File,
    };
    let mut values_path = None;
    let mut settings = ValueSettings::default();
    let mut rest = args.iter();
    while let Some(&arg) = rest.next() {
        if !arg.starts_with("--") {
            paths.push(arg);
            continue;
        }
        if arg == "--inline" {
            request.form = Form::Inline;
            continue;
        }
        let value = *rest
            .next()
            .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))?;
        match arg {
            "--out" => out = Some(value),
            "--width" => request.width = size(arg, value)?,
            "--height" => request.height = size(arg, value)?,
            "--lang" => {
                request.lang = Lang::choose(Some(value), None).map_err(|e| e.to_string())?;
                request.bilingual = Lang::both(Some(value));
            }
            "--select" => request.select = Some(value.to_string()),
            "--values" => values_path = Some(value),
            "--theme" => {
                request.theme = Theme::parse(value).ok_or_else(|| {
                    format!("--theme is light, dark or contrast, not \"{value}\"")
                })?;
            }
            _ => value_flag(&mut settings, arg, value)?,
        }
    }
    let (features, policies) = match paths.as_slice() {
        [] => ("data/places.geojson", "data/policies.json"),
        [features, policies] => (*features, *policies),
        _ => return Err(format!("render takes both data files or neither\n{USAGE}")),
    };
    let out = out.ok_or_else(|| format!("render needs --out <file.svg>\n{USAGE}"))?;
    let Some(data) = load_both(features, policies)? else {
        return Ok(ExitCode::from(1));
    };
    // The same options, classes and colours as the widget's attributes give.
    request.values = values_path
        .map(|path| value_layer(path, &settings, &data))
        .transpose()?;
    let svg = picture::svg(data, &request).map_err(|e| e.to_string())?;
    std::fs::write(out, svg).map_err(|e| format!("cannot write {out}: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(target_arch = "wasm32")]
fn import(_: &[&str]) -> Result<ExitCode, String> {
    Err("import runs only natively".into())
}

/// `import`: a newsroom's GeoJSON (and texts) → the widget's files in `--out`; exit 0 with
/// a summary, 1 with the reason (nothing written), 2 for a usage problem.
#[cfg(not(target_arch = "wasm32"))]
fn import(args: &[&str]) -> Result<ExitCode, String> {
    use jingjinji_map::import::{self, Options};
    let mut features = None;
    let mut flags = std::collections::BTreeMap::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if let Some(flag) = arg.strip_prefix("--") {
            let known = [
                "id",
                "name-en",
                "name-zh",
                "places",
                "kind",
                "kind-en",
                "kind-zh",
                "texts",
                "title-en",
                "title-zh",
                "attribution",
                "max-kb",
                "out",
                "values",
                "value",
            ];
            if !known.contains(&flag) {
                return Err(format!("import has no option {arg}\n{USAGE}"));
            }
            let value = rest
                .next()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))?;
            flags.insert(flag, value.to_string());
        } else if features.replace(arg.to_string()).is_some() {
            return Err(format!("import takes one features file\n{USAGE}"));
        }
    }
    let need = |flag: &str| {
        flags
            .get(flag)
            .cloned()
            .ok_or_else(|| format!("import needs --{flag}\n{USAGE}"))
    };
    let max_kb = match flags.get("max-kb") {
        Some(v) => v
            .parse::<f64>()
            .ok()
            .filter(|n| *n > 0.0)
            .ok_or_else(|| format!("--max-kb takes a number of KB, not {v}"))?,
        None => 60.0,
    };
    let options = Options {
        features: features
            .ok_or_else(|| format!("import needs a features file\n{USAGE}"))?
            .into(),
        id: need("id")?,
        name_en: need("name-en")?,
        name_zh: flags.get("name-zh").cloned(),
        places: flags.get("places").map(|p| {
            p.split(',')
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect()
        }),
        kind: flags
            .get("kind")
            .cloned()
            .unwrap_or_else(|| "province".into()),
        kind_en: flags.get("kind-en").cloned(),
        kind_zh: flags.get("kind-zh").cloned(),
        texts: flags.get("texts").map(Into::into),
        title_en: flags.get("title-en").cloned(),
        title_zh: flags.get("title-zh").cloned(),
        attribution: flags.get("attribution").cloned(),
        max_kb,
        out: need("out")?.into(),
        values: flags.get("values").map(Into::into),
        value: flags.get("value").cloned(),
    };
    match import::run(&options) {
        Ok(s) => {
            say!(
                "wrote {}: places.geojson, policies.json, index.html{}",
                options.out.display(),
                if options.values.is_some() {
                    ", values.csv"
                } else {
                    ""
                }
            );
            say!("places: {} ({})", s.places.len(), s.places.join(", "));
            say!(
                "context areas: {} kept, {} left out (far from the places)",
                s.context,
                s.dropped
            );
            let simplified = if s.tolerance > 0.0 {
                format!(
                    ", simplified to {}°",
                    jingjinji_map::i18n::decimal(s.tolerance, 4)
                )
            } else {
                String::new()
            };
            say!(
                "features: {} bytes gzipped (target {} KB){simplified}",
                s.gzipped,
                options.max_kb
            );
            for w in &s.warnings {
                say!("warning: {w}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("jingjinji-map import: {e}");
            Ok(ExitCode::from(1))
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["check", rest @ ..] => check_args(rest),
        ["fallback", rest @ ..] => fallback(rest),
        ["render", rest @ ..] => render(rest),
        ["import", rest @ ..] => import(rest),
        ["--help" | "-h" | "help"] => {
            say!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("jingjinji-map: {msg}");
            ExitCode::from(2)
        }
    }
}
