//! The JSON parser the data layer uses: the same values as a reference parser on real files,
//! escapes, and syntax errors with their line and column.

mod common;

use jingjinji_map::data::json::{parse, Json, MAX_DEPTH};

/// Whether our tree and serde_json's hold the same values (member order aside).
fn same(ours: &Json, reference: &serde_json::Value) -> bool {
    use serde_json::Value as V;
    match (ours, reference) {
        (Json::Null, V::Null) => true,
        (Json::Bool(a), V::Bool(b)) => a == b,
        (Json::Number(a), V::Number(b)) => Some(*a) == b.as_f64(),
        (Json::String(a), V::String(b)) => a == b,
        (Json::Array(a), V::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Json::Object(a), V::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
        }
        _ => false,
    }
}

#[test]
fn the_shipped_files_parse_as_a_reference_parser_reads_them() {
    for text in [
        common::FEATURES,
        common::POLICIES,
        include_str!("../data/examples/shanghai-suzhou.geojson"),
        include_str!("../data/policies.schema.json"),
    ] {
        let ours = parse(text).unwrap();
        let reference: serde_json::Value = serde_json::from_str(text).unwrap();
        assert!(same(&ours, &reference));
    }
}

#[test]
fn values_escapes_and_numbers() {
    let v = parse(r#" {"a": [1, -0.5, 2e3, 1E-2, true, false, null], "s": "q\"\\\/\b\f\n\r\t\u00e9\u4eac\ud83d\uddfa"} "#)
        .unwrap();
    assert_eq!(
        v.get("a").unwrap().as_array().unwrap(),
        &[
            Json::Number(1.0),
            Json::Number(-0.5),
            Json::Number(2000.0),
            Json::Number(0.01),
            Json::Bool(true),
            Json::Bool(false),
            Json::Null
        ]
    );
    assert_eq!(
        v.get("s").unwrap().as_str(),
        Some("q\"\\/\u{8}\u{c}\n\r\té京🗺")
    );
    assert_eq!(parse("[]").unwrap(), Json::Array(vec![]));
    assert_eq!(parse("{}").unwrap(), Json::Object(vec![]));
}

/// Our number reader against the standard library's exact one: equal for the numbers data
/// files hold (up to 15 significant digits, small exponents), within 4 ulp for the rest.
#[test]
fn numbers_read_as_the_standard_library_reads_them() {
    let exact = [
        "0",
        "-0",
        "116.3912757",
        "39.906217",
        "-33.8688",
        "0.000001",
        "1e-7",
        "2.5E+3",
        "123456789012345",
        "0.1",
        "0.2",
        "0.3",
        "179.99999999999",
        "1e22",
        "9007199254740991",
        "40.123456789012",
        "-0.0000000001",
    ];
    for text in exact {
        let ours = parse(text).unwrap();
        assert_eq!(ours, Json::Number(text.parse().unwrap()), "{text}");
    }
    let close = [
        "12345678901234567890123",
        "1.5e308",
        "2.2250738585072014e-308",
        "0.1234567890123456789",
        "3.14159265358979323846264338327950288",
        "1e-320",
        "4e100",
        "123.456e-250",
    ];
    for text in close {
        let Json::Number(ours) = parse(text).unwrap() else {
            panic!("{text}")
        };
        let reference: f64 = text.parse().unwrap();
        let ulps = (ours.to_bits() as i64 - reference.to_bits() as i64).abs();
        assert!(
            ulps <= 4 || (ours - reference).abs() < 1e-310,
            "{text}: {ours} vs {reference}"
        );
    }
    for bad in ["1e400", "-1e309"] {
        assert!(
            parse(bad).unwrap_err().message.contains("out of range"),
            "{bad}"
        );
    }
}

#[test]
fn syntax_errors_say_what_and_where() {
    for (text, line, column, words) in [
        ("", 1, 1, "the text ends where a value should be"),
        (
            "{\"a\": 1,\n  \"b\" 2}",
            2,
            7,
            "expected : after a member name",
        ),
        ("[1, 2,]", 1, 7, "expected a value"),
        ("[1 2]", 1, 4, "expected , or ]"),
        ("{\"a\": 1", 1, 8, "a } is missing"),
        ("\"abc", 1, 5, "a \" is missing"),
        ("\"a\tb\"", 1, 3, "control character"),
        ("\"\\x\"", 1, 3, "unknown escape"),
        ("\"\\u12\"", 1, 4, "four hexadecimal digits"),
        ("01", 1, 2, "unexpected text after the end"),
        ("-", 1, 2, "a number needs digits"),
        ("1.", 1, 3, "digits after the decimal point"),
        ("1e400", 1, 1, "number out of range"),
        ("nul", 1, 1, "expected a value"),
        ("{a: 1}", 1, 2, "member name in double quotes"),
        ("[\"京\", x]", 1, 7, "expected a value"),
    ] {
        let e = parse(text).unwrap_err();
        assert!(
            (e.line, e.column) == (line, column) && e.message.contains(words),
            "{text:?}: got {e:?}"
        );
    }
}

#[test]
fn nesting_is_limited_so_hostile_input_cannot_exhaust_the_stack() {
    let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
    assert!(parse(&ok).is_ok());
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let e = parse(&deep).unwrap_err();
    assert!(e.message.contains("nest too deeply"), "{e:?}");
}

#[test]
fn deferred_members_are_checked_but_built_only_when_resolved() {
    use jingjinji_map::data::json::{parse_deferring, resolve};
    let text = r#"{"a": {"coordinates": [[1, 2], [3, 4.5]], "b": 1}, "coordinates": "x"}"#;
    let v = parse_deferring(text, &["coordinates"]).unwrap();
    let inner = v.get("a").unwrap().get("coordinates").unwrap();
    let Json::Deferred { start, end } = inner else {
        panic!("{inner:?}")
    };
    assert_eq!(&text[*start..*end], "[[1, 2], [3, 4.5]]");
    assert_eq!(
        resolve(text, inner).as_deref(),
        Some(&parse("[[1, 2], [3, 4.5]]").unwrap())
    );
    assert_eq!(v.get("a").unwrap().get("b"), Some(&Json::Number(1.0)));
    // Values that are not deferred resolve to themselves.
    assert_eq!(
        resolve(text, &Json::Bool(true)).as_deref(),
        Some(&Json::Bool(true))
    );
    // A syntax error inside a deferred value is found on the first pass, where it is.
    let bad = "{\n  \"coordinates\": [[1, 2],\n    [3 4]]\n}";
    let e = parse_deferring(bad, &["coordinates"]).unwrap_err();
    assert_eq!(
        (e.line, e.column, e.message.as_str()),
        (3, 8, "expected , or ] after an array item")
    );
    // And so is nesting deeper than the limit.
    let deep = format!(
        "{{\"coordinates\": {}{}}}",
        "[".repeat(MAX_DEPTH + 1),
        "]".repeat(MAX_DEPTH + 1)
    );
    assert!(parse_deferring(&deep, &["coordinates"])
        .unwrap_err()
        .message
        .contains("nest too deeply"));
}

#[test]
fn control_characters_in_text_become_replacement_characters() {
    // U+001F separates strings on their way to the page; no data text may carry it.
    let v = parse(r#""a\u001fb\u0000c\td\ne""#).unwrap();
    assert_eq!(v.as_str(), Some("a\u{fffd}b\u{fffd}c\td\ne"));
}
