//! Command-line tools for map data. `check` validates a features file and an optional
//! policy file, printing every problem with its place; exit 0 clean, 1 unusable, 2 usage.
//! `fallback` prints the map's content as static HTML for readers without JavaScript.

// No panicking calls in shipped code: errors are values (DESIGN rule 4). Tests may panic;
// see clippy.toml.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::todo
)]

use jingjinji_map::data::load;
use jingjinji_map::data::report::DataFile;
use jingjinji_map::i18n::Lang;
use jingjinji_map::ui::fallback;
use std::process::ExitCode;

const USAGE: &str = "usage: jingjinji-map check <features.geojson> [policies.json]
       jingjinji-map fallback <features.geojson> <policies.json> [--lang en|zh]";

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn check(features_path: &str, policies_path: Option<&str>) -> Result<ExitCode, String> {
    let features = read(features_path)?;
    let policies = policies_path.map(read).transpose()?;
    let (dataset, report) = load::check(&features, policies.as_deref());
    for p in &report.problems {
        let file = match p.at.file {
            DataFile::Features => features_path,
            DataFile::Policies => policies_path.unwrap_or("policies"),
        };
        let tag = p.severity.as_str();
        let at = p.at.within_file();
        if at.is_empty() {
            println!("{file}: {tag}: {}", p.message);
        } else {
            println!("{file}: {tag}: {at}: {}", p.message);
        }
    }
    let errors = report.error_count();
    let warnings = report.problems.len() - errors;
    match dataset {
        Some(d) => {
            println!(
                "ok: {} places, {} with policies; {warnings} warning(s)",
                d.places.len(),
                d.policies.as_ref().map_or(0, |p| p.places.len())
            );
            Ok(ExitCode::SUCCESS)
        }
        None => {
            println!("unusable: {errors} error(s), {warnings} warning(s)");
            Ok(ExitCode::from(1))
        }
    }
}

/// Prints the map's content as static HTML, for readers without JavaScript or WebAssembly.
fn fallback(features_path: &str, policies_path: &str, lang: &str) -> Result<ExitCode, String> {
    let lang = Lang::choose(Some(lang), None).map_err(|e| e.to_string())?;
    let features = read(features_path)?;
    let policies = read(policies_path)?;
    match load::load(&features, Some(&policies)) {
        Ok(data) => {
            println!("{}", fallback::html(&data, lang));
            Ok(ExitCode::SUCCESS)
        }
        Err(report) => {
            eprint!("{report}");
            eprintln!("jingjinji-map: the data is unusable; run `jingjinji-map check` for details");
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
        ["check", features] => check(features, None),
        ["check", features, policies] => check(features, Some(policies)),
        ["fallback", features, policies] => fallback(features, policies, "en"),
        ["fallback", features, policies, "--lang", lang] => fallback(features, policies, lang),
        ["--help" | "-h" | "help"] => {
            println!("{USAGE}");
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
