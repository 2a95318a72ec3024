//! What both targets do with a dataset that loads: draw it as the widget and the `render`
//! command would, at a phone's and a desktop's size, in both languages, with a place selected.

use jingjinji_map::data::model::Dataset;
use jingjinji_map::i18n::Lang;
use jingjinji_map::render::style::Theme;
use jingjinji_map::ui::picture::{self, Request};

pub fn draw(data: Dataset) {
    let select = data.places.iter().find(|p| p.kind.selectable()).map(|p| p.id.clone());
    for (width, height, lang, bilingual) in [(320.0, 400.0, Lang::Zh, true), (960.0, 1200.0, Lang::En, false)] {
        let request = Request {
            width,
            height,
            lang,
            bilingual,
            select: select.clone(),
            theme: Theme::Light,
        };
        // An error is a fine answer; a panic is what the fuzzer looks for.
        let _ = picture::svg(data.clone(), &request);
    }
}
