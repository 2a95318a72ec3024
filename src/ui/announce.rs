//! What a screen reader hears when the reader moves focus or changes the selection: short
//! sentences in the map's language, built from the data's own words.

use crate::data::model::{Dataset, Place};
use crate::i18n::Lang;

fn kind(data: &Dataset, place: &Place, lang: Lang) -> String {
    data.kind_name(place.kind).get(lang).to_string()
}

/// Focus moved to `place`: its name, its kind, and how to select it.
pub fn focused(data: &Dataset, place: &Place, lang: Lang) -> String {
    let name = place.name.get(lang);
    let kind = kind(data, place, lang);
    match lang {
        Lang::En => format!("{name}, {kind}. Press Enter to select."),
        Lang::Zh => format!("{name}，{kind}。按回车键选中。"),
    }
}

/// `place` was selected: its name, its kind, and how much the panel now says about it.
pub fn selected(data: &Dataset, place: &Place, lang: Lang) -> String {
    let name = place.name.get(lang);
    let kind = kind(data, place, lang);
    let points = data
        .policies
        .as_ref()
        .and_then(|p| p.places.get(&place.id))
        .map_or(0, |p| p.points.len());
    match (lang, points) {
        (Lang::En, 0) => format!("{name}, selected. {kind}."),
        (Lang::En, 1) => format!("{name}, selected. {kind}. 1 key point in the panel."),
        (Lang::En, n) => format!("{name}, selected. {kind}. {n} key points in the panel."),
        (Lang::Zh, 0) => format!("已选中{name}。{kind}。"),
        (Lang::Zh, n) => format!("已选中{name}。{kind}。面板中有{n}条要点。"),
    }
}

/// The selection was cleared.
pub fn cleared(lang: Lang) -> String {
    match lang {
        Lang::En => "Selection cleared: the panel shows the overview.".to_string(),
        Lang::Zh => "已取消选择，面板显示概览。".to_string(),
    }
}
