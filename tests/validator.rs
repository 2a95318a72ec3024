//! The validator on a corpus of malformed inputs (tests/fixtures/invalid): each must give a
//! clear error at the right place, none may panic; and the `check` command's exit codes.

mod common;

use jingjinji_map::data::load;
use jingjinji_map::data::report::{DataFile, Location, Severity};
use std::path::Path;
use std::process::Command;

fn corpus() -> Vec<(String, String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let table = std::fs::read_to_string(dir.join("EXPECTED.tsv")).expect("EXPECTED.tsv");
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "bad EXPECTED.tsv line: {l}");
            (
                cols[0].to_string(),
                cols[1].to_string(),
                cols[2].to_string(),
            )
        })
        .collect()
}

fn fixture_path(name: &str) -> std::path::PathBuf {
    let ext = if name.starts_with("policies") {
        "json"
    } else {
        "geojson"
    };
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/invalid/{name}.{ext}"))
}

#[test]
fn corpus_has_at_least_sixty_cases_and_every_file_is_listed() {
    let listed: Vec<String> = corpus().into_iter().map(|c| c.0).collect();
    assert!(listed.len() >= 60, "only {} cases", listed.len());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name == "EXPECTED.tsv" {
            continue;
        }
        let stem = name.split('.').next().unwrap().to_string();
        assert!(listed.contains(&stem), "{name} is not in EXPECTED.tsv");
    }
}

#[test]
fn every_malformed_input_gives_a_clear_located_error() {
    for (name, at, message) in corpus() {
        let text = std::fs::read_to_string(fixture_path(&name)).unwrap();
        let (features, policies) = if name.starts_with("policies") {
            (common::FEATURES.to_string(), text)
        } else {
            (text, common::POLICIES.to_string())
        };
        let (dataset, report) = load::check(&features, Some(&policies));
        assert!(dataset.is_none(), "{name}: bad data was accepted");
        let errors: Vec<_> = report
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert!(
            errors
                .iter()
                .any(|p| p.at.to_string() == at && p.message.contains(&message)),
            "{name}: expected an error at {at:?} saying {message:?}, got:\n{report}"
        );
        // The one-line form used by the widget names the problem too.
        let err = load::load(&features, Some(&policies))
            .unwrap_err()
            .to_string();
        assert!(err.contains(&message), "{name}: widget message {err:?}");
    }
}

#[test]
fn shipped_data_passes_cleanly() {
    let (dataset, report) = load::check(common::FEATURES, Some(common::POLICIES));
    assert!(dataset.is_some());
    assert!(report.problems.is_empty(), "unexpected problems:\n{report}");
}

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jingjinji-map"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn check_command_exit_codes() {
    let (code, out) = run(&["check", "data/places.geojson", "data/policies.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("ok: 19 places"), "{out}");

    let bad = fixture_path("features-unclosed-ring");
    let (code, out) = run(&["check", bad.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "error: feature 0 (id \"demo\"): geometry.coordinates[0]: the ring is not closed"
        ),
        "{out}"
    );
    assert!(out.contains("unusable: 1 error(s)"), "{out}");

    let (code, out) = run(&["check", "no/such/file.geojson"]);
    assert_eq!(code, 2);
    assert!(out.contains("cannot read no/such/file.geojson"), "{out}");

    let (code, out) = run(&["frobnicate"]);
    assert_eq!(code, 2);
    assert!(out.contains("usage: jingjinji-map check"), "{out}");
}

#[test]
fn check_reads_a_byte_order_mark_and_names_utf16_as_unusable_data() {
    let dir = std::env::temp_dir().join(format!("jjm-encoding-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string("data/places.geojson").unwrap();
    let bom = dir.join("bom.geojson");
    std::fs::write(&bom, [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()).unwrap();
    let (code, out) = run(&["check", bom.to_str().unwrap(), "data/policies.json"]);
    assert_eq!(code, 0, "{out}");

    // What a Windows tool's "Unicode" export gives: UTF-16, little-endian, with its mark.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let wide = dir.join("wide.geojson");
    std::fs::write(&wide, utf16).unwrap();
    let (code, out) = run(&["check", wide.to_str().unwrap(), "data/policies.json"]);
    assert_eq!(code, 1, "unusable data, not a usage error: {out}");
    assert!(
        out.contains("wide.geojson: error: is UTF-16 text: save it as UTF-8"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn warnings_do_not_fail() {
    // Clockwise outer ring, duplicate id, a policy for an unknown place, a place with no policy.
    let features = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"a","kind":"province","name_zh":"甲","name_en":"A"},
       "geometry":{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]}},
      {"type":"Feature","properties":{"id":"a","kind":"park","name_zh":"乙","name_en":"B"},
       "geometry":{"type":"Point","coordinates":[0.5,0.5]}}]}"#;
    let mut policies: serde_json::Value = serde_json::from_str(common::POLICIES).unwrap();
    let (dataset, report) = load::check(features, Some(&policies.to_string()));
    assert!(dataset.is_some(), "{report}");
    let text = report.to_string();
    assert!(text.contains("warning: features: feature 0 (id \"a\"): geometry.coordinates[0]: outer ring is clockwise"), "{text}");
    assert!(text.contains("duplicate id"), "{text}");
    assert!(
        text.contains(
            "warning: policies: places.beijing: names a place that is not in the features file"
        ),
        "{text}"
    );
    assert!(
        text.contains("warning: features: feature 1 (id \"a\"): has no entry in the policy file"),
        "{text}"
    );
    policies["places"]["a"] = policies["places"]["beijing"].clone();
    let (_, report) = load::check(features, Some(&policies.to_string()));
    assert!(!report.to_string().contains("has no entry"));
}

/// Features with problems that do not stop a read: a clockwise ring (written with its
/// coordinates before its type), a missing English name, a duplicate id, an id that will not
/// work in links, and good ones.
const FEATURES_WITH_PROBLEMS: &str = r#"{"type":"FeatureCollection","attribution":7,"features":[
  {"type":"Feature","properties":{"id":"a","kind":"province","name_zh":"甲","name_en":"A"},
   "geometry":{"coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]],"type":"Polygon"}},
  {"type":"Feature","properties":{"id":"b","kind":"province","name_zh":"乙"},
   "geometry":{"type":"Polygon","coordinates":[[[2,0],[3,0],[3,1],[2,1],[2,0]]]}},
  {"type":"Feature","properties":{"id":"a","kind":"park","name_zh":"丙","name_en":"C"},
   "geometry":{"type":"Point","coordinates":[0.5,0.5]}},
  {"type":"Feature","properties":{"id":"D d","kind":"park","name_zh":"丁","name_en":"D"},
   "geometry":{"type":"MultiPolygon","coordinates":[[[[4,0],[5,0],[5,1],[4,1],[4,0]]]]}}
  FEATURE]}"#;

#[test]
fn a_file_is_told_the_same_problems_whichever_read_takes_it() {
    // As written, the file is read in one pass. A last feature whose coordinates are not a
    // position (read as its `type` says, in the same pass) stops that pass, and the careful
    // read takes the file from the top: every problem of the other features must be told the
    // same, in the same order, with only the new one added.
    use jingjinji_map::data::collection::{self, FeatureList, OnePass};
    let good = FEATURES_WITH_PROBLEMS.replace("\n  FEATURE", "");
    let bad = FEATURES_WITH_PROBLEMS.replace(
        "FEATURE",
        r#",{"type":"Feature","properties":{"id":"e","kind":"park","name_zh":"戊","name_en":"E"},
           "geometry":{"type":"Point","coordinates":"here"}}"#,
    );
    // Which read takes each: the one pass reads all four of the first, and gives up on the
    // second.
    let limits = load::Limits::DEFAULT;
    let first = collection::read(&good, Some(&mut OnePass::new(&limits))).expect("one pass");
    assert!(matches!(first.features, Some(FeatureList::Read(4))));
    assert!(collection::read(&bad, Some(&mut OnePass::new(&limits))).is_err());
    let one_pass = load::check(&good, None).1;
    let careful = load::check(&bad, None).1;
    let lines = |r: &jingjinji_map::data::report::Report| -> Vec<String> {
        r.to_string().lines().map(str::to_string).collect()
    };
    let (one_pass, careful) = (lines(&one_pass), lines(&careful));
    for expected in [
        "attribution",
        "outer ring is clockwise",
        "name_en",
        "duplicate id",
        "work in links",
    ] {
        assert!(
            one_pass.iter().any(|l| l.contains(expected)),
            "{expected}: {one_pass:#?}"
        );
    }
    let added: Vec<&String> = careful.iter().filter(|l| !one_pass.contains(l)).collect();
    assert_eq!(added.len(), 1, "{careful:#?}");
    assert!(
        added[0].contains("feature 4 (id \"e\"): geometry.coordinates"),
        "{added:?}"
    );
    let kept: Vec<&String> = careful.iter().filter(|l| one_pass.contains(l)).collect();
    assert_eq!(kept, one_pass.iter().collect::<Vec<_>>());
}

#[test]
fn a_geometry_reads_alike_with_its_type_before_or_after_its_coordinates() {
    let file = |geometry: &str| {
        format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature",
            "properties":{{"id":"a","kind":"province","name_zh":"甲","name_en":"A"}},
            "geometry":{geometry}}}]}}"#
        )
    };
    let rings =
        "[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[0.2,0.2],[0.2,0.8],[0.8,0.8],[0.8,0.2],[0.2,0.2]]]";
    for (first, second) in [
        (
            format!(r#"{{"type":"Polygon","coordinates":{rings}}}"#),
            format!(r#"{{"coordinates":{rings},"type":"Polygon"}}"#),
        ),
        (
            format!(r#"{{"type":"MultiPolygon","bbox":[0,0,1,1],"coordinates":[{rings}]}}"#),
            format!(r#"{{"coordinates":[{rings}],"bbox":[0,0,1,1],"type":"MultiPolygon"}}"#),
        ),
    ] {
        let (a, report_a) = load::check(&file(&first), None);
        let (b, report_b) = load::check(&file(&second), None);
        let (a, b) = (a.expect("type first"), b.expect("type last"));
        assert_eq!(a.places, b.places);
        assert_eq!(report_a, report_b);
        match &a.places[0].shape {
            jingjinji_map::data::model::Shape::Area(polygons) => {
                assert_eq!(polygons[0].holes.len(), 1)
            }
            other => panic!("{other:?}"),
        }
    }
    // A type the map does not draw is named wherever it stands.
    for geometry in [
        r#"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#,
        r#"{"coordinates":[[0,0],[1,1]],"type":"LineString"}"#,
    ] {
        let (_, report) = load::check(&file(geometry), None);
        assert!(
            report.to_string().contains("LineString is not supported"),
            "{report}"
        );
    }
}

#[test]
fn every_problem_of_shape_in_the_policy_file_is_told_at_its_path() {
    let mut policies: serde_json::Value = serde_json::from_str(common::POLICIES).unwrap();
    policies["overview"]["title"]
        .as_object_mut()
        .unwrap()
        .remove("en");
    policies["places"]["hebei"]["summary"] = "a string".into();
    policies["milestones"][0]["places"] = 7.into();
    policies["overview"]["measures"][1]["fr"] = "mesure".into();
    policies["extra"] = true.into();
    let (dataset, report) = load::check(common::FEATURES, Some(&policies.to_string()));
    assert!(dataset.is_none());
    let text = report.to_string();
    for expected in [
        "policies: extra: unknown field `extra`: expected one of `$schema`, `sources`, `overview`, `places`, `milestones`, `words`",
        "policies: overview.title.en: is missing (required)",
        "policies: overview.measures[1].fr: unknown field `fr`: expected `zh` or `en`",
        "policies: places.hebei.summary: must be an object with zh and en, not a string",
        "policies: milestones[0].places: must be an array, not a number",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    assert_eq!(report.error_count(), 5, "{text}");
}

#[test]
fn the_worked_example_for_another_region_passes() {
    let (code, out) = run(&[
        "check",
        "data/examples/shanghai-suzhou.geojson",
        "data/examples/shanghai-suzhou.policies.json",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("ok: 4 places, 2 with policies; 0 warning(s)"),
        "{out}"
    );
}

/// A tiny deterministic generator, so the damage below is the same on every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[test]
fn damaged_files_never_panic() {
    // Truncations and byte substitutions of the real files: every result must be a report.
    let mut rng = Lcg(2024);
    for (features, policies) in [(common::FEATURES, true), (common::POLICIES, false)] {
        let bytes = features.as_bytes();
        for cut in (0..bytes.len()).step_by(bytes.len() / 300 + 1) {
            let text = String::from_utf8_lossy(&bytes[..cut]);
            let (f, p) = if policies {
                (text.as_ref(), common::POLICIES)
            } else {
                (common::FEATURES, text.as_ref())
            };
            let (_, report) = load::check(f, Some(p));
            let _ = report.to_string();
        }
        for _ in 0..300 {
            let mut damaged = bytes.to_vec();
            for _ in 0..3 {
                let at = rng.next(damaged.len());
                damaged[at] = b"{}[],:\"0-.e9 nulltrue"[rng.next(21)];
            }
            let text = String::from_utf8_lossy(&damaged);
            let (f, p) = if policies {
                (text.as_ref(), common::POLICIES)
            } else {
                (common::FEATURES, text.as_ref())
            };
            let _ = load::check(f, Some(p));
        }
    }
}

#[test]
fn oversized_files_are_refused_before_parsing() {
    let huge = " ".repeat(load::MAX_TEXT_BYTES + 1);
    for (features, policies, file) in [
        (huge.as_str(), common::POLICIES, DataFile::Features),
        (common::FEATURES, huge.as_str(), DataFile::Policies),
    ] {
        let (dataset, report) = load::check(features, Some(policies));
        assert!(dataset.is_none());
        let first = report.errors().next().unwrap();
        assert_eq!(first.at, Location::file(file));
        assert!(first.message.contains("the limit is 33554432"), "{first}");
    }
}

#[test]
fn bytes_are_read_as_utf8_with_or_without_a_byte_order_mark() {
    use jingjinji_map::data::load::text_of;
    use jingjinji_map::data::report::DataFile;
    assert_eq!(
        text_of(DataFile::Features, "{\"a\": \"京\"}".as_bytes()).unwrap(),
        "{\"a\": \"京\"}"
    );
    assert_eq!(
        text_of(DataFile::Features, b"\xEF\xBB\xBF{}").unwrap(),
        "{}"
    );
    let utf16 = text_of(DataFile::Policies, b"\xFF\xFE{\x00}\x00").unwrap_err();
    assert_eq!(
        utf16.first_error(),
        "policies: is UTF-16 text: save it as UTF-8"
    );
    let latin1 = text_of(DataFile::Features, b"{\"name\": \"K\xF6ln\"}").unwrap_err();
    assert_eq!(
        latin1.first_error(),
        "features: is not UTF-8 text (byte 12 is not): save it as UTF-8"
    );
}

#[test]
fn text_that_is_not_json_inside_a_feature_is_located_in_the_whole_file() {
    // Each feature is read from its own slice of the text: its errors must still give the
    // file's line and column, not the slice's.
    let doc: serde_json::Value = serde_json::from_str(common::FEATURES).unwrap();
    let pretty = serde_json::to_string_pretty(&doc).unwrap();
    let needle = "\"name_en\": \"Tianjin\"";
    let at = pretty.find(needle).expect("Tianjin's name is in the file");
    let bad = pretty.replacen(needle, "\"name_en\": \"Tian\\uD800jin\"", 1);
    let before = &pretty[..at];
    let line = before.matches('\n').count() + 1;
    let report = load::load(&bad, None).unwrap_err();
    let problem = report.errors().next().unwrap();
    let (got_line, got_column) = problem.at.line_col.expect("a line and column");
    assert_eq!(got_line, line, "{}", report.first_error());
    // The column is the escape's, past the member name.
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    assert!(
        got_column > at - line_start + 10,
        "{}",
        report.first_error()
    );
    assert!(
        problem.message.starts_with("not valid JSON"),
        "{}",
        problem.message
    );
}

#[test]
fn check_output_cut_short_by_its_reader_is_not_a_crash() {
    // `check big.geojson | head`: the reader closes the pipe while errors are still printed.
    let feature = r#"{"type":"Feature","properties":{"id":"x","kind":"province","name_zh":"x","name_en":"x"},"geometry":{"type":"Point","coordinates":[500,0]}}"#;
    let features = vec![feature; 4000].join(",");
    let path = std::env::temp_dir().join(format!("jjm-pipe-{}.geojson", std::process::id()));
    std::fs::write(
        &path,
        format!(r#"{{"type":"FeatureCollection","features":[{features}]}}"#),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_jingjinji-map"))
        .args(["check", path.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdout = None; // the reader goes away at once
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    std::fs::remove_file(&path).unwrap();
}

/// Positions in the rings of all features of a features text (what the limit counts: a
/// point is one position and is not counted).
fn positions(text: &str) -> usize {
    fn count(v: &serde_json::Value) -> usize {
        match v {
            serde_json::Value::Array(items) if items.first().is_some_and(|x| x.is_number()) => 1,
            serde_json::Value::Array(items) => items.iter().map(count).sum(),
            _ => 0,
        }
    }
    let doc: serde_json::Value = serde_json::from_str(text).unwrap();
    doc["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["geometry"]["type"] != "Point")
        .map(|f| count(&f["geometry"]["coordinates"]))
        .sum()
}

#[test]
fn each_limit_holds_at_its_edge_and_says_so_one_past_it() {
    use load::Limits;
    let text = common::FEATURES;
    let features = common::shipped().places.len();
    let exact = Limits {
        bytes: text.len(),
        features,
        positions: positions(text),
    };
    let (data, report) = load::check_within(text, Some(common::POLICIES), &exact);
    assert!(data.is_some(), "at every limit exactly: {report}");

    let cases = [
        (
            Limits {
                bytes: text.len() - 1,
                ..exact
            },
            format!(
                "the file is {} bytes; the limit is {}",
                text.len(),
                text.len() - 1
            ),
        ),
        (
            Limits {
                features: features - 1,
                ..exact
            },
            format!("{features} features; the limit is {}", features - 1),
        ),
        (
            Limits {
                positions: exact.positions - 1,
                ..exact
            },
            format!(
                "too many positions: the limit over all features is {}",
                exact.positions - 1
            ),
        ),
    ];
    for (limits, message) in cases {
        let (data, report) = load::check_within(text, Some(common::POLICIES), &limits);
        assert!(data.is_none(), "{limits:?} accepted");
        let said: Vec<_> = report.problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(said, [message], "{limits:?}");
    }
    assert_eq!(
        Limits::DEFAULT,
        Limits {
            bytes: load::MAX_TEXT_BYTES,
            features: load::MAX_FEATURES,
            positions: load::MAX_POSITIONS
        }
    );
}

#[test]
fn check_takes_its_limits_from_flags() {
    let (code, out) = run(&[
        "check",
        "data/places.geojson",
        "data/policies.json",
        "--max-features",
        "10",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error: features: 19 features; the limit is 10"),
        "{out}"
    );
    let (code, out) = run(&[
        "check",
        "data/places.geojson",
        "--max-bytes",
        "200000",
        "--max-positions",
        "99999",
    ]);
    assert_eq!(code, 0, "raised or roomy limits pass: {out}");
    for bad in [
        vec!["check", "data/places.geojson", "--max-bytes"],
        vec!["check", "data/places.geojson", "--max-bytes", "lots"],
        vec!["check", "data/places.geojson", "--max-features", "0"],
        vec!["check", "data/places.geojson", "--max-potatoes", "3"],
    ] {
        let (code, out) = run(&bad);
        assert_eq!(code, 2, "{bad:?}: {out}");
        assert!(out.starts_with("jingjinji-map: "), "{bad:?}: {out}");
    }
}

#[test]
fn a_page_can_lower_the_limits_but_never_raise_them() {
    use load::Limits;
    let own = Limits::DEFAULT;
    assert_eq!(
        Limits::lowered_to(0.0, f64::NAN, -3.0),
        own,
        "nothing asked"
    );
    assert_eq!(
        Limits::lowered_to(1e20, f64::INFINITY, 500.0),
        Limits {
            positions: 500,
            ..own
        },
        "only the lower number takes effect"
    );
    assert_eq!(
        Limits::lowered_to(1000.9, 7.0, 1.0),
        Limits {
            bytes: 1000,
            features: 7,
            positions: 1
        }
    );
}
