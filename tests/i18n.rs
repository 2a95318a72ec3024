//! The one language rule, as the element applies it to its `lang` attribute and the page's.

use jingjinji_map::i18n::{Lang, UnknownLang};

#[test]
fn an_explicit_language_must_be_one_we_have() {
    for code in ["zh", "zh-CN", "zh_CN", "zh-Hans-CN", "ZH"] {
        assert_eq!(Lang::choose(Some(code), Some("en")), Ok(Lang::Zh), "{code}");
    }
    for code in ["en", "en-GB", "en_US"] {
        assert_eq!(Lang::choose(Some(code), Some("zh")), Ok(Lang::En), "{code}");
    }
    let err = Lang::choose(Some("fr"), Some("zh")).unwrap_err();
    assert_eq!(err, UnknownLang("fr".into()));
    assert_eq!(
        err.to_string(),
        "unsupported language \"fr\": use \"zh\" or \"en\""
    );
}

#[test]
fn the_pages_language_is_only_a_hint() {
    assert_eq!(Lang::choose(None, Some("zh_TW")), Ok(Lang::Zh));
    assert_eq!(Lang::choose(Some(""), Some("zh-HK")), Ok(Lang::Zh));
    assert_eq!(Lang::choose(None, Some("de")), Ok(Lang::En));
    assert_eq!(Lang::choose(None, Some("")), Ok(Lang::En));
    assert_eq!(Lang::choose(None, None), Ok(Lang::En));
}

#[test]
fn numbers_are_written_plainly_without_trailing_zeros() {
    use jingjinji_map::i18n::decimal;
    assert_eq!(decimal(220.0 / 255.0, 3), "0.863");
    assert_eq!(decimal(12.0, 2), "12");
    assert_eq!(decimal(-3.5, 2), "-3.5");
    assert_eq!(decimal(-0.0001, 2), "0");
    assert_eq!(decimal(116.39723, 6), "116.39723");
    assert_eq!(decimal(1.0999, 4), "1.0999");
    assert_eq!(decimal(f64::NAN, 2), "NaN");
    assert_eq!(decimal(1e30, 2), "1e30");
    assert_eq!(decimal(-2.5e20, 0), "-2.5e20");
}
