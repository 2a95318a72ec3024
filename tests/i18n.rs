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
