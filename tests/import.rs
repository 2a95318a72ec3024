//! `jingjinji-map import` as a newsroom runs it: on a real boundary file (the U.S. Census
//! Bureau's states, public domain, through us-atlas; tests/fixtures/import/), each flag, each
//! error with its message and exit code, the spreadsheet's edge cases, the size target, and
//! the shared borders that simplification must keep shared.
#![cfg(not(target_arch = "wasm32"))]

use jingjinji_map::data::load;
use jingjinji_map::geo::adjacency;
use jingjinji_map::i18n::Lang;
use jingjinji_map::import::source::Polygon;
use jingjinji_map::import::texts;
use jingjinji_map::import::topology;
use jingjinji_map::render::display::Item;
use jingjinji_map::render::scene;
use jingjinji_map::render::style::{Style, Theme};
use jingjinji_map::ui::map::Map;
use proptest::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const STATES: &str = "tests/fixtures/import/us-northeast-states.geojson";
const TEXTS: &str = "tests/fixtures/import/new-england.csv";
const NEW_ENGLAND: &str = "Massachusetts,Connecticut,Rhode Island,Vermont,New Hampshire,Maine";

/// A fresh folder for one test's output.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jjm-import-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the command: exit code, standard output, standard error.
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jingjinji-map"))
        .arg("import")
        .args(args)
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).to_string();
    (
        out.status.code().unwrap_or(-1),
        text(&out.stdout),
        text(&out.stderr),
    )
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Imports New England with `texts` into `out`, with `extra` flags.
fn new_england_with(texts: &str, out: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        STATES,
        "--id",
        "NAME",
        "--name-en",
        "NAME",
        "--places",
        NEW_ENGLAND,
        "--texts",
        texts,
    ];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--out", out.to_str().unwrap()]);
    run(&args)
}

/// Imports New England with the fixture's texts into `dir`/map, with `extra` flags.
fn new_england(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    new_england_with(TEXTS, &dir.join("map"), extra)
}

#[test]
fn the_walk_through_makes_a_map_that_loads_and_passes_check() {
    let dir = scratch("walk");
    let (code, stdout, stderr) = new_england(
        &dir,
        &[
            "--title-en",
            "New England's grid compact",
            "--title-zh",
            "新英格兰电网协议",
            "--attribution",
            "Boundaries: U.S. Census Bureau",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(
            "places: 6 (maine, massachusetts, connecticut, new-hampshire, vermont, rhode-island)"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("context areas: 3 kept, 0 left out"),
        "{stdout}"
    );
    let (features, policies) = (
        read(&dir.join("map"), "places.geojson"),
        read(&dir.join("map"), "policies.json"),
    );
    let (data, report) = load::check(&features, Some(&policies));
    let data = data.unwrap_or_else(|| panic!("{report}"));
    assert_eq!(report.problems.len(), 0, "{report}");
    let title = data.title.clone().unwrap();
    assert_eq!(
        (title.en.as_str(), title.zh.as_str()),
        ("New England's grid compact", "新英格兰电网协议")
    );
    assert_eq!(
        data.attribution.unwrap().en,
        "Boundaries: U.S. Census Bureau"
    );
    let context: Vec<&str> = data
        .places
        .iter()
        .filter(|p| p.id.starts_with("context-"))
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(
        context,
        [
            "context-new-jersey",
            "context-pennsylvania",
            "context-new-york"
        ],
        "in the file's order"
    );
    let p: serde_json::Value = serde_json::from_str(&policies).unwrap();
    assert_eq!(
        p["places"]["massachusetts"]["summary"]["en"],
        "Massachusetts hosts the compact's office."
    );
    assert_eq!(
        p["places"]["massachusetts"]["points"][0]["zh"],
        "办公室设在波士顿"
    );
    assert_eq!(
        p["overview"]["measures"][1]["en"], "Shared reserves in a cold snap",
        "a quoted cell's lines are points"
    );
    assert_eq!(p["overview"]["date"], "2024-05");
    let preview = read(&dir.join("map"), "index.html");
    assert!(
        preview.contains(r#"<jingjinji-map features="places.geojson" policies="policies.json">"#)
    );
}

#[test]
fn neighbours_of_one_kind_never_share_a_tint() {
    let dir = scratch("tints");
    assert_eq!(new_england(&dir, &[]).0, 0);
    let features = read(&dir.join("map"), "places.geojson");
    let data = load::load(&features, Some(&read(&dir.join("map"), "policies.json"))).unwrap();
    let tints = adjacency::tints(&data);
    let near = adjacency::neighbours(&data);
    let id = |i: usize| data.places[i].id.as_str();
    let ma = data
        .places
        .iter()
        .position(|p| p.id == "massachusetts")
        .unwrap();
    let mut ma_near: Vec<&str> = near[ma].iter().map(|&j| id(j)).collect();
    ma_near.sort_unstable();
    assert_eq!(
        ma_near,
        ["connecticut", "new-hampshire", "rhode-island", "vermont"]
    );
    for (i, list) in near.iter().enumerate() {
        for &j in list
            .iter()
            .filter(|&&j| data.places[j].kind == data.places[i].kind)
        {
            assert_ne!(
                tints[i],
                tints[j],
                "{} and {} share a border and a tint",
                id(i),
                id(j)
            );
        }
    }
    // What a reader sees: in the scene every painter and the SVG draw, in each theme.
    for theme in [Theme::Light, Theme::Dark] {
        let style = Style::for_theme(theme);
        let mut m = Map::new(data.clone(), Lang::En);
        m.resize(500.0, 600.0).unwrap();
        let scene = scene::build(&m.frame(&style).unwrap());
        let fill = |i: usize| {
            scene.items.iter().find_map(|item| match item {
                Item::Area {
                    place,
                    fill: Some(f),
                    ..
                } if *place == i => Some(*f),
                _ => None,
            })
        };
        for (i, list) in near.iter().enumerate() {
            for &j in list.iter().filter(|&&j| {
                data.places[j].kind == data.places[i].kind && !id(j).starts_with("context-")
            }) {
                assert_ne!(
                    fill(i),
                    fill(j),
                    "{theme:?}: {} and {} are drawn alike",
                    id(i),
                    id(j)
                );
            }
        }
    }
    // A `tint` property fixes a place's own.
    let fixed = features.replacen(
        r#""id":"massachusetts","#,
        r#""id":"massachusetts","tint":3,"#,
        1,
    );
    let data = load::load(&fixed, None).unwrap();
    assert_eq!(adjacency::tints(&data)[ma], 3);
    let bad = features.replacen(
        r#""id":"massachusetts","#,
        r#""id":"massachusetts","tint":4,"#,
        1,
    );
    let (_, report) = load::check(&bad, None);
    assert!(
        report
            .to_string()
            .contains("tint: must be a whole number from 0 to 3"),
        "{report}"
    );
}

#[test]
fn the_features_fit_max_kb_and_smaller_targets_simplify_more() {
    let dir = scratch("size");
    let (code, stdout, _) = new_england(&dir, &["--max-kb", "4"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("simplified to"), "{stdout}");
    let features = read(&dir.join("map"), "places.geojson");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut gz, features.as_bytes()).unwrap();
    let size = gz.finish().unwrap().len();
    assert!(size <= 4096, "{size} bytes gzipped, over 4 KB");
    assert!(load::check(&features, None).0.is_some());
    let (code, stdout, _) = new_england(&dir, &[]);
    assert_eq!(code, 0);
    assert!(
        !stdout.contains("simplified to"),
        "60 KB needs no simplification: {stdout}"
    );
}

#[test]
fn place_ids_may_be_given_as_in_the_file_or_as_the_widgets_ids_and_other_kinds() {
    let dir = scratch("places");
    let out = dir.join("map");
    // Counties, by their Census code (GEOID), as the file has them.
    let counties = |places: &str| {
        run(&[
            STATES,
            "--id",
            "GEOID",
            "--name-en",
            "NAME",
            "--places",
            places,
            "--kind",
            "counties",
            "--out",
            out.to_str().unwrap(),
        ])
    };
    let (code, stdout, stderr) = counties("25,cn-x");
    assert_eq!(code, 1, "an unknown place: {stdout}");
    assert!(
        stderr.contains("--places names \"cn-x\", which no feature's \"GEOID\" is"),
        "{stderr}"
    );
    let (code, stdout, stderr) = counties("25,09");
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("places: 2 (25, 09)"), "{stdout}");
    assert!(stdout.contains("no --texts"), "{stdout}");
    let data = load::load(
        &read(&out, "places.geojson"),
        Some(&read(&out, "policies.json")),
    )
    .unwrap();
    assert!(data
        .places
        .iter()
        .filter(|p| !p.id.starts_with("context-"))
        .all(|p| p.kind == jingjinji_map::data::model::Kind::Counties));
    // Without texts each panel is a marked placeholder, which check reports.
    let (_, report) = load::check(
        &read(&out, "places.geojson"),
        Some(&read(&out, "policies.json")),
    );
    assert!(
        report
            .to_string()
            .contains("places.25.summary: is a placeholder (TODO:)"),
        "{report}"
    );
    let (code, _, stderr) = run(&[
        STATES,
        "--id",
        "GEOID",
        "--name-en",
        "NAME",
        "--kind",
        "park",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("--kind must be one of province, counties for areas, not \"park\""),
        "{stderr}"
    );
}

#[test]
fn ids_are_made_link_safe_and_chinese_names_take_the_simplified_part() {
    let dir = scratch("names");
    let file = dir.join("in.geojson");
    let square = |x: f64| {
        format!(
            "[[[{x},30],[{},30],[{},31],[{x},31],[{x},30]]]",
            x + 1.0,
            x + 1.0
        )
    };
    let feature = |code: &str, en: &str, zh: &str, x: f64| {
        format!(
            r#"{{"type":"Feature","properties":{{"iso_3166_2":"{code}","name":"{en}","name_local":"{zh}"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}"#,
            square(x)
        )
    };
    let write = |features: &[String]| {
        std::fs::write(
            &file,
            format!(
                r#"{{"type":"FeatureCollection","features":[{}]}}"#,
                features.join(",")
            ),
        )
        .unwrap()
    };
    write(&[
        feature("CN-31", "Shanghai", "上海", 121.0),
        feature("CN-32", "Jiangsu", "江蘇|江苏", 119.0),
    ]);
    let out = dir.join("map");
    let args = [
        file.to_str().unwrap(),
        "--id",
        "iso_3166_2",
        "--name-en",
        "name",
        "--name-zh",
        "name_local",
        "--out",
        out.to_str().unwrap(),
    ];
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("places: 2 (cn-31, cn-32)"), "{stdout}");
    let data = load::load(&read(&out, "places.geojson"), None).unwrap();
    assert_eq!(data.places[1].name.zh, "江苏");
    // Two features that become one id: both are named, and nothing is written.
    let out2 = dir.join("twice");
    write(&[
        feature("CN-31", "Shanghai", "上海", 121.0),
        feature("cn_31", "Jiangsu", "江苏", 119.0),
    ]);
    let (code, _, stderr) = run(&[
        file.to_str().unwrap(),
        "--id",
        "iso_3166_2",
        "--name-en",
        "name",
        "--out",
        out2.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains(r#"features "CN-31" and "cn_31" both become the id "cn-31""#),
        "{stderr}"
    );
    assert!(!out2.exists(), "nothing is written when the import fails");
}

#[test]
fn a_property_no_feature_has_is_named_with_the_files_own_closest_first() {
    let dir = scratch("property");
    let out = dir.join("map");
    let (code, _, stderr) = run(&[
        STATES,
        "--id",
        "NAME_1",
        "--name-en",
        "NAME",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains(r#"no feature has the property "NAME_1"; the file's properties are (closest first): NAME, GEOID"#),
        "{stderr}"
    );
    assert!(!out.exists());
}

#[test]
fn files_that_are_not_lon_lat_geojson_say_what_they_are_and_how_to_convert() {
    let dir = scratch("formats");
    let out = dir.join("map");
    let cases = [
        (
            r#"{"type":"Topology","objects":{},"arcs":[]}"#,
            "is TopoJSON, not GeoJSON: convert it first",
        ),
        (
            r#"{"geometryType":"esriGeometryPolygon","spatialReference":{"wkid":4326},"features":[]}"#,
            "is Esri JSON, not GeoJSON",
        ),
        (
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"n":"a"},"geometry":{"type":"Polygon","coordinates":[[[13358338,3503549],[13469658,3503549],[13469658,3632749],[13358338,3503549]]]}}]}"#,
            "is not longitude/latitude: the file looks projected",
        ),
        (
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"n":"a"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}]}"#,
            "its geometry is LineString",
        ),
        ("[1, 2", "is not valid JSON (line 1, column 5)"),
    ];
    for (text, said) in cases {
        let file = dir.join("in.json");
        std::fs::write(&file, text).unwrap();
        let (code, _, stderr) = run(&[
            file.to_str().unwrap(),
            "--id",
            "n",
            "--name-en",
            "n",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 1, "{text}");
        assert!(stderr.contains(said), "{text}: {stderr}");
        assert!(!out.exists());
    }
    let (code, _, stderr) = run(&[
        STATES,
        "--id",
        "NAME",
        "--name-en",
        "NAME",
        "--bogus",
        "x",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        (code, stderr.contains("import has no option --bogus")),
        (2, true),
        "{stderr}"
    );
    let (code, _, stderr) = run(&[STATES, "--id", "NAME", "--out", out.to_str().unwrap()]);
    assert_eq!(
        (code, stderr.contains("import needs --name-en")),
        (2, true),
        "{stderr}"
    );
}

#[test]
fn spreadsheet_errors_name_the_row_or_column_and_write_nothing() {
    let dir = scratch("csv");
    let out = dir.join("map");
    let cases: [(&[u8], &str); 4] = [
        (
            b"id,summary_en,summary_zh\nAtlantis,x,y\n",
            r#"row 2: "Atlantis" is no place on the map (the places are: maine, massachusetts"#,
        ),
        (
            b"id,summary_en\nMaine,x\n",
            r#"has no column "summary_zh"; its header has: id, summary_en"#,
        ),
        (
            b"\xFF\xFEi\x00d\x00",
            "is UTF-16 text: save it as CSV UTF-8",
        ),
        (
            b"id,summary_en,summary_zh\nMaine,caf\xE9,y\n",
            "is not UTF-8 text (byte 35 is not)",
        ),
    ];
    for (csv, said) in cases {
        let file = dir.join("texts.csv");
        std::fs::write(&file, csv).unwrap();
        let (code, _, stderr) = new_england_with(file.to_str().unwrap(), &out, &[]);
        assert_eq!(code, 1, "{said}");
        assert!(stderr.contains(said), "{said}: {stderr}");
        assert!(!out.exists());
    }
}

#[test]
fn spreadsheet_edge_cases_quoted_newlines_a_bom_an_empty_cell_an_extra_column() {
    let ids: Vec<String> = ["maine", "vermont", "rhode-island"]
        .map(String::from)
        .to_vec();
    let csv = "\u{feff}id,summary_en,summary_zh,notes,points_en,points_zh\n\
               Maine,\"Line one,\nstill one\",缅因,ignored,\"a\nb\",\"甲\n乙\"\n\
               Vermont,,佛蒙特,,,\n";
    let mut warnings = Vec::new();
    let t = texts::parse(csv.as_bytes(), &ids, &mut warnings).unwrap();
    assert_eq!(
        t.places["maine"].summary_en, "Line one,\nstill one",
        "a quoted cell keeps its comma and newline"
    );
    assert_eq!(
        t.places["maine"].points,
        [
            ("a".to_string(), "甲".to_string()),
            ("b".to_string(), "乙".to_string())
        ]
    );
    assert_eq!(t.places["vermont"].summary_en, "", "an empty cell");
    let said = warnings.join("\n");
    assert!(
        said.contains(r#"the texts' column "notes" is not used"#),
        "{said}"
    );
    assert!(
        said.contains(r#"row 3 ("Vermont") has an empty summary_en"#),
        "the spreadsheet's row, whatever lines a cell spans: {said}"
    );
    assert!(
        said.contains(r#"place "rhode-island" has no row in the texts"#),
        "{said}"
    );
    let uneven = "id,summary_en,summary_zh,points_en,points_zh\nMaine,a,b,\"x\ny\",z\n";
    let err = texts::parse(uneven.as_bytes(), &ids, &mut Vec::new()).unwrap_err();
    assert!(
        err.contains("points_en has 2 point(s) and points_zh 1"),
        "{err}"
    );
}

/// A grid of `cols` × `rows` unit cells whose shared edges wiggle (the same wiggle for both
/// cells), as neighbouring admin areas do.
fn wiggly_grid(cols: usize, rows: usize, steps: usize, jitter: &[f64]) -> Vec<Vec<Polygon>> {
    let wiggle = |k: usize| jitter.get(k % jitter.len().max(1)).copied().unwrap_or(0.0);
    // An edge from a to b through `steps` points, offset sideways by a wiggle keyed on the
    // edge (not its direction), so both cells get the very same points.
    let edge = |a: (usize, usize), b: (usize, usize)| -> Vec<[f64; 2]> {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let seed = lo.0 * 131 + lo.1 * 17 + hi.0 * 7 + hi.1;
        let mut pts: Vec<[f64; 2]> = (0..=steps)
            .map(|s| {
                let t = s as f64 / steps as f64;
                let (x, y) = (
                    lo.0 as f64 + t * (hi.0 as f64 - lo.0 as f64),
                    lo.1 as f64 + t * (hi.1 as f64 - lo.1 as f64),
                );
                let side = if s == 0 || s == steps {
                    0.0
                } else {
                    0.2 * wiggle(seed + s)
                };
                if lo.0 == hi.0 {
                    [x + side, y]
                } else {
                    [x, y + side]
                }
            })
            .collect();
        if (lo, hi) != (a, b) {
            pts.reverse();
        }
        pts
    };
    let mut areas = Vec::new();
    for c in 0..cols {
        for r in 0..rows {
            let corners = [(c, r), (c + 1, r), (c + 1, r + 1), (c, r + 1), (c, r)];
            let mut ring: Vec<[f64; 2]> = Vec::new();
            for w in corners.windows(2) {
                let e = edge(w[0], w[1]);
                ring.extend(e.iter().take(e.len() - 1));
            }
            ring.push(ring[0]);
            areas.push(vec![vec![ring]]);
        }
    }
    areas
}

fn vertices(area: &[Polygon]) -> HashSet<(i64, i64)> {
    area.iter()
        .flatten()
        .flatten()
        .map(|p| ((p[0] * 1e9).round() as i64, (p[1] * 1e9).round() as i64))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// No vertex of a shared border moves apart between the two neighbours: of the points
    /// two areas shared before, each keeps exactly the same ones, and they still touch.
    #[test]
    fn shared_borders_stay_shared(
        cols in 1usize..4, rows in 1usize..4, steps in 2usize..12,
        jitter in prop::collection::vec(-1.0f64..1.0, 1..20), tolerance in 0.0f64..2.0,
    ) {
        let areas = wiggly_grid(cols, rows, steps, &jitter);
        let simplified = topology::simplify(&areas, tolerance);
        prop_assert_eq!(simplified.len(), areas.len());
        for a in 0..areas.len() {
            for b in (a + 1)..areas.len() {
                let shared: HashSet<_> = vertices(&areas[a]).intersection(&vertices(&areas[b])).copied().collect();
                if shared.len() < 2 {
                    continue;
                }
                let kept_a: HashSet<_> = vertices(&simplified[a]).intersection(&shared).copied().collect();
                let kept_b: HashSet<_> = vertices(&simplified[b]).intersection(&shared).copied().collect();
                prop_assert_eq!(&kept_a, &kept_b, "areas {} and {} part along their border", a, b);
                prop_assert!(kept_a.len() >= 2, "areas {} and {} no longer touch", a, b);
            }
        }
        for area in &simplified {
            for ring in area.iter().flatten() {
                prop_assert!(ring.len() >= 4 && ring.first() == ring.last(), "a ring is closed with 3 or more corners");
            }
        }
    }
}

#[test]
fn neighbours_are_found_in_big_files_too_from_a_sample_of_their_positions() {
    // Two areas sharing a border of 80,000 positions, and a third apart: more positions than
    // the widget marks one by one, so it keeps a sample, the same in both.
    let n = 80_000;
    let border: Vec<String> = (0..=n)
        .map(|k| format!("[116,{}]", 39.0 + k as f64 / n as f64))
        .collect();
    let west = format!("[[115,39],{},[115,40],[115,39]]", border.join(","));
    let mut east_border = border.clone();
    east_border.reverse();
    let east = format!("[[116,39],[117,39],[117,40],{}]", east_border.join(","));
    let apart = "[[118,39],[119,39],[119,40],[118,40],[118,39]]".to_string();
    let feature = |id: &str, ring: &str| {
        format!(
            r#"{{"type":"Feature","properties":{{"id":"{id}","kind":"province","name_zh":"{id}","name_en":"{id}"}},"geometry":{{"type":"Polygon","coordinates":[{ring}]}}}}"#
        )
    };
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{},{},{}]}}"#,
        feature("west", &west),
        feature("east", &east),
        feature("apart", &apart)
    );
    let data = load::load(&text, None).unwrap_or_else(|r| panic!("{r}"));
    let near = adjacency::neighbours(&data);
    assert_eq!(near, [vec![1], vec![0], vec![]]);
    let tints = adjacency::tints(&data);
    assert_ne!(tints[0], tints[1]);
}

#[test]
fn coarse_simplification_keeps_every_area_a_shape_and_drops_only_small_lone_islands() {
    let square = |x: f64, y: f64, side: f64| {
        vec![vec![
            [x, y],
            [x + side, y],
            [x + side, y + side],
            [x, y + side],
            [x, y],
        ]]
    };
    // An area with a large polygon and a tiny island; a lone area smaller than the tolerance.
    let areas = vec![
        vec![square(0.0, 0.0, 4.0), square(10.0, 0.0, 0.01)],
        vec![square(20.0, 0.0, 0.01)],
    ];
    let fine = topology::simplify(&areas, 0.0);
    assert_eq!((fine[0].len(), fine[1].len()), (2, 1));
    let coarse = topology::simplify(&areas, 1.0);
    assert_eq!(
        coarse[0].len(),
        1,
        "the island smaller than the tolerance goes"
    );
    assert_eq!(coarse[1].len(), 1, "an area's largest polygon always stays");
    for ring in coarse.iter().flatten().flatten() {
        assert!(ring.len() >= 4, "{ring:?} collapsed");
    }
}

/// A square feature around (`lon`, `lat`), half a degree across, with `props` and, if given,
/// a feature-level `id` member (raw JSON).
fn square(lon: f64, lat: f64, props: &str, id: Option<&str>) -> String {
    let (a, b, c, d) = (lon - 0.25, lat - 0.25, lon + 0.25, lat + 0.25);
    let id = id.map(|i| format!("\"id\":{i},")).unwrap_or_default();
    format!(
        r#"{{"type":"Feature",{id}"properties":{props},"geometry":{{"type":"Polygon","coordinates":[[[{a},{b}],[{c},{b}],[{c},{d}],[{a},{d}],[{a},{b}]]]}}}}"#
    )
}

/// A FeatureCollection of `features` (raw JSON) written to `dir`/in.geojson.
fn collection(dir: &Path, features: &[String]) -> PathBuf {
    let file = dir.join("in.geojson");
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    );
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn gaps_in_context_are_filled_and_counted_in_one_warning_each_and_gaps_in_places_are_errors() {
    let dir = scratch("gaps");
    let out = dir.join("map");
    let file = collection(
        &dir,
        &[
            square(
                10.0,
                50.0,
                r#"{"code":"A1","name":"Alpha","name_local":"阿尔法"}"#,
                None,
            ),
            square(
                10.5,
                50.0,
                r#"{"code":"B2","name":"Beta","name_local":"贝塔"}"#,
                None,
            ),
            square(
                11.0,
                50.0,
                r#"{"code":"C3","name":"Gamma","name_local":null}"#,
                None,
            ),
            square(
                10.0,
                50.5,
                r#"{"code":"D4","name":"Delta","name_local":""}"#,
                None,
            ),
            square(10.5, 50.5, r#"{"name":"","name_local":"艾普西隆"}"#, None),
        ],
    );
    let args = |places: &str| {
        vec![
            file.to_str().unwrap().to_string(),
            "--id".into(),
            "code".into(),
            "--name-en".into(),
            "name".into(),
            "--name-zh".into(),
            "name_local".into(),
            "--places".into(),
            places.into(),
            "--out".into(),
            out.to_str().unwrap().into(),
        ]
    };
    let owned = args("A1,b2");
    let (code, stdout, stderr) = run(&owned.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 0, "{stderr}");
    let said = format!("{stdout}{stderr}");
    assert!(
        said.contains(
            "2 features have no \"name_local\": feature 2 (Gamma), feature 3 (Delta); their English names are used"
        ),
        "{said}"
    );
    assert!(
        said.contains(
            "1 feature has no \"name\": feature 4 (艾普西隆); their Chinese names are used"
        ),
        "{said}"
    );
    assert!(
        said.contains(
            "1 feature has no \"code\": feature 4 (艾普西隆); they are context, with ids context-N"
        ),
        "{said}"
    );
    let places = read(&out, "places.geojson");
    assert!(
        places.contains("\"context-4\""),
        "the id-less context gets a generated id"
    );
    assert!(
        places.contains("\"Gamma\""),
        "its English name serves in Chinese too"
    );
    let (dataset, report) = load::check(&places, Some(&read(&out, "policies.json")));
    assert!(dataset.is_some(), "{report}");
    // A place with a gap is an error naming it by what the file does say.
    let owned = args("A1,C3");
    let (code, _, stderr) = run(&owned.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 1);
    assert!(
        stderr.contains("feature 2 (Gamma) has no value for the property \"name_local\""),
        "{stderr}"
    );
}

#[test]
fn feature_level_ids_and_a_byte_order_mark_are_read() {
    let dir = scratch("feature-ids");
    let out = dir.join("map");
    let file = collection(
        &dir,
        &[
            square(10.0, 50.0, r#"{"name":"Alpha"}"#, Some("110000")),
            square(10.5, 50.0, r#"{"name":"Beta"}"#, Some("\"06\"")),
        ],
    );
    // As Windows tools save it: a UTF-8 byte-order mark first.
    let text = std::fs::read(&file).unwrap();
    std::fs::write(&file, [b"\xEF\xBB\xBF".as_slice(), &text].concat()).unwrap();
    let (code, _, stderr) = run(&[
        file.to_str().unwrap(),
        "--id",
        "id",
        "--name-en",
        "name",
        "--places",
        "110000,06",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let places = read(&out, "places.geojson");
    assert!(
        places.contains("\"110000\"") && places.contains("\"06\""),
        "{places}"
    );
}

#[test]
fn empty_and_mixed_geometries_are_left_out_or_read_as_one_area() {
    let dir = scratch("geometries");
    let out = dir.join("map");
    let collection_of_parts = r#"{"type":"Feature","properties":{"code":"E5","name":"Epsilon"},"geometry":{"type":"GeometryCollection","geometries":[{"type":"Polygon","coordinates":[[[11.75,49.75],[12.25,49.75],[12.25,50.25],[11.75,50.25],[11.75,49.75]]]},{"type":"Polygon","coordinates":[[[12.5,49.75],[13.0,49.75],[13.0,50.25],[12.5,50.25],[12.5,49.75]]]},{"type":"Point","coordinates":[12.0,50.0]}]}}"#;
    let file = collection(
        &dir,
        &[
            square(10.0, 50.0, r#"{"code":"A1","name":"Alpha"}"#, None),
            r#"{"type":"Feature","properties":{"code":"N0","name":"Nowhere"},"geometry":null}"#.into(),
            r#"{"type":"Feature","properties":{"code":"M0","name":"Empty"},"geometry":{"type":"MultiPolygon","coordinates":[]}}"#.into(),
            collection_of_parts.into(),
        ],
    );
    let run_with = |places: &str| {
        run(&[
            file.to_str().unwrap(),
            "--id",
            "code",
            "--name-en",
            "name",
            "--places",
            places,
            "--out",
            out.to_str().unwrap(),
        ])
    };
    let (code, stdout, stderr) = run_with("A1,E5");
    assert_eq!(code, 0, "{stderr}");
    let said = format!("{stdout}{stderr}");
    assert!(
        said.contains(
            "2 features have no area: feature 1 (Nowhere), feature 2 (Empty); they are left out"
        ),
        "{said}"
    );
    assert!(
        said.contains("1 feature has points or lines in a GeometryCollection: feature 3 (Epsilon); those members are left out"),
        "{said}"
    );
    let places = read(&out, "places.geojson");
    assert!(!places.contains("Nowhere") && !places.contains("\"Empty\""));
    let (dataset, report) = load::check(&places, Some(&read(&out, "policies.json")));
    let dataset = dataset.unwrap_or_else(|| panic!("{report}"));
    let epsilon = dataset.places.iter().find(|p| p.id == "e5").unwrap();
    assert!(
        matches!(&epsilon.shape, jingjinji_map::data::model::Shape::Area(polys) if polys.len() == 2),
        "the collection's two polygons are one area"
    );
    // An empty place is an error that names it.
    let (code, _, stderr) = run_with("A1,N0");
    assert_eq!(code, 1);
    assert!(
        stderr.contains("feature 1 (Nowhere) is one of the places, but its geometry is null"),
        "{stderr}"
    );
}

#[test]
fn words_for_the_kind_reach_the_panel_in_both_languages() {
    let dir = scratch("kind-words");
    let (code, _, stderr) = new_england(&dir, &["--kind-en", "State", "--kind-zh", "州"]);
    assert_eq!(code, 0, "{stderr}");
    let out = dir.join("map");
    let data = load::load(
        &read(&out, "places.geojson"),
        Some(&read(&out, "policies.json")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let maine = data.places.iter().position(|p| p.id == "maine").unwrap();
    let panel = |lang| jingjinji_map::ui::panel::content(&data, Some(maine), lang);
    assert_eq!(panel(Lang::En).kicker, "State");
    assert_eq!(panel(Lang::Zh).kicker, "州");
    // One language alone serves for both, with a warning.
    let dir = scratch("kind-words-one");
    let (code, stdout, stderr) = new_england(&dir, &["--kind-en", "County"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        format!("{stdout}{stderr}").contains("only one of --kind-en and --kind-zh"),
        "{stdout}"
    );
}

/// A ring around (`cx`, `cy`) of radius `r`, `n` positions (closed), counter-clockwise.
fn circle(cx: f64, cy: f64, r: f64, n: usize) -> Vec<[f64; 2]> {
    let mut ring: Vec<[f64; 2]> = (0..n)
        .map(|k| {
            let t = std::f64::consts::TAU * k as f64 / n as f64;
            [cx + r * t.cos(), cy + r * t.sin()]
        })
        .collect();
    ring.push(ring[0]);
    ring
}

#[test]
fn a_national_grid_of_3000_areas_with_enclaves_and_tiny_rings_imports_into_a_file_that_loads() {
    // 60 × 50 cells of 0.1°, edges with a midpoint each; every seventh cell holds a city as
    // an enclave (a 16-sided ring, the cell's hole edge for edge); every eleventh has a tiny
    // triangular island of four positions (a few metres) and a speck (below the grid).
    let dir = scratch("national");
    let out = dir.join("map");
    let mut features = Vec::new();
    let d = 0.1;
    for row in 0..50 {
        for col in 0..60 {
            let k = row * 60 + col;
            let (x0, y0) = (100.0 + col as f64 * d, 30.0 + row as f64 * d);
            let (x1, y1, xm, ym) = (x0 + d, y0 + d, x0 + d / 2.0, y0 + d / 2.0);
            let outer = vec![
                [x0, y0],
                [xm, y0],
                [x1, y0],
                [x1, ym],
                [x1, y1],
                [xm, y1],
                [x0, y1],
                [x0, ym],
                [x0, y0],
            ];
            let mut polygons: Vec<Vec<Vec<[f64; 2]>>> = vec![vec![outer]];
            if k % 7 == 0 {
                let city = circle(xm, ym, d / 5.0, 16);
                let mut hole = city.clone();
                hole.reverse();
                polygons[0].push(hole);
                features.push(format!(
                    r#"{{"type":"Feature","properties":{{"code":"C{k}","name":"City {k}"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}"#,
                    serde_json::to_string(&vec![city]).unwrap()
                ));
            }
            if k % 11 == 0 {
                let (tx, ty) = (x0 + 0.01, y0 + 0.01);
                polygons.push(vec![vec![
                    [tx, ty],
                    [tx + 4e-5, ty],
                    [tx, ty + 4e-5],
                    [tx, ty],
                ]]);
                polygons.push(vec![vec![
                    [tx, ty + 0.01],
                    [tx + 1e-7, ty + 0.01],
                    [tx, ty + 0.01 + 1e-7],
                    [tx, ty + 0.01],
                ]]);
            }
            features.push(format!(
                r#"{{"type":"Feature","properties":{{"code":"K{k}","name":"County {k}"}},"geometry":{{"type":"MultiPolygon","coordinates":{}}}}}"#,
                serde_json::to_string(&polygons).unwrap()
            ));
        }
    }
    assert!(features.len() > 3000);
    let file = collection(&dir, &features);
    for max_kb in ["4000", "300"] {
        let (code, _, stderr) = run(&[
            file.to_str().unwrap(),
            "--id",
            "code",
            "--name-en",
            "name",
            "--kind",
            "counties",
            "--max-kb",
            max_kb,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "--max-kb {max_kb}: {stderr}");
        let (dataset, report) = load::check(
            &read(&out, "places.geojson"),
            Some(&read(&out, "policies.json")),
        );
        assert!(dataset.is_some(), "--max-kb {max_kb}: {report}");
        assert!(dataset.unwrap().places.len() > 3000);
        std::fs::remove_dir_all(&out).unwrap();
    }
}

#[test]
fn the_policies_file_is_written_through_the_types_that_read_it() {
    // The shipped policies, read, written and read again: the same, member for member.
    let text = std::fs::read_to_string("data/policies.json").unwrap();
    let read_policies = |text: &str| {
        let mut report = jingjinji_map::data::report::Report::default();
        let policies = jingjinji_map::data::policy::Policies::read(text, &mut report);
        assert!(report.problems.is_empty(), "{report}");
        policies.unwrap()
    };
    let first = read_policies(&text);
    let written = serde_json::to_string_pretty(&first).unwrap();
    let again = read_policies(&written);
    assert_eq!(first, again);
    // And what import writes loads with no problem at all.
    let dir = scratch("policies-types");
    let (code, _, stderr) = new_england(&dir, &[]);
    assert_eq!(code, 0, "{stderr}");
    let out = dir.join("map");
    let (dataset, report) = load::check(
        &read(&out, "places.geojson"),
        Some(&read(&out, "policies.json")),
    );
    assert!(dataset.is_some() && report.error_count() == 0, "{report}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Enclaves (a city that fills its county's hole edge for edge, with no node on its
    /// outline), four-position triangles from a micron to a kilometre across, and areas of
    /// many parts: put on the output's grid and simplified at any tolerance, every ring keeps
    /// four positions or more, and each enclave and its hole keep the very same vertices.
    #[test]
    fn enclaves_tiny_rings_and_many_parts_stay_whole(
        cols in 1usize..4, rows in 1usize..3, steps in 2usize..8,
        jitter in prop::collection::vec(-1.0f64..1.0, 1..10),
        sides in 3usize..12, tiny in 1e-6f64..1e-2, tolerance in 0.0f64..1.0, mask in 1u32..256,
    ) {
        let mut areas = wiggly_grid(cols, rows, steps, &jitter);
        let cells = areas.len();
        let mut pairs = Vec::new();
        for k in 0..cells {
            if mask & (1 << (k % 8)) == 0 {
                continue;
            }
            let (cx, cy) = ((k / rows) as f64 + 0.5, (k % rows) as f64 + 0.5);
            let city = circle(cx, cy, 0.2, sides);
            let mut hole = city.clone();
            hole.reverse();
            areas[k][0].push(hole);
            let (tx, ty) = (cx + 0.25, cy + 0.25);
            areas[k].push(vec![vec![[tx, ty], [tx + tiny, ty], [tx, ty + tiny], [tx, ty]]]);
            areas.push(vec![vec![city]]);
            pairs.push((k, areas.len() - 1));
        }
        let snapped: Vec<Vec<Polygon>> = areas.iter().map(|a| topology::snap(a)).collect();
        let simplified = topology::simplify(&snapped, tolerance);
        prop_assert_eq!(simplified.len(), areas.len());
        for area in &simplified {
            prop_assert!(!area.is_empty(), "an area lost every polygon");
            for ring in area.iter().flatten() {
                prop_assert!(ring.len() >= 4 && ring.first() == ring.last(), "a ring has {} positions", ring.len());
            }
        }
        for (county, city) in pairs {
            let holes: Vec<Polygon> = simplified[county]
                .iter()
                .map(|p| p.iter().skip(1).cloned().collect())
                .collect();
            prop_assert_eq!(vertices(&holes), vertices(&simplified[city]), "cell {} and its enclave part", county);
        }
    }
}

#[test]
fn figures_are_checked_against_the_imported_places_and_shown_in_the_preview() {
    let dir = scratch("values");
    // Ids as the source file wrote them (the states' names), one that is no place, a gap.
    let figures = dir.join("figures.csv");
    std::fs::write(
        &figures,
        "id,share\nMaine,12.5%\nVermont,n/a\nOhio,3\nMassachusetts,9\n",
    )
    .unwrap();
    let (code, stdout, stderr) = new_england(&dir, &["--values", figures.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("index.html, values.csv"), "{stdout}");
    for want in [
        "vermont (\"n/a\")",
        "\"Ohio\"",
        "2 of 9 places have a figure in \"share\"",
    ] {
        assert!(
            stdout.contains(want) || stderr.contains(want),
            "{want}: {stdout}{stderr}"
        );
    }
    let preview = read(&dir.join("map"), "index.html");
    assert!(
        preview.contains("values=\"values.csv\" value=\"share\"></jingjinji-map>"),
        "{preview}"
    );
    assert_eq!(
        read(&dir.join("map"), "values.csv"),
        std::fs::read_to_string(&figures).unwrap()
    );
    // A file that cannot be used stops the import, writing nothing.
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "id,share\nMaine,1\nmaine,2\n").unwrap();
    let out = dir.join("nothing");
    let (code, _, stderr) = new_england_with(TEXTS, &out, &["--values", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("two rows for the place \"maine\": lines 2 and 3"),
        "{stderr}"
    );
    assert!(!out.exists());
}
