//! The map as a static picture: the scene a browser would paint at a given size, language
//! and selection, written as SVG (`jingjinji-map render`). The demo shows it until the
//! WebAssembly is ready and to readers without JavaScript.

use crate::data::model::Dataset;
use crate::i18n::Lang;
use crate::render::scene;
use crate::render::style::{Style, Theme};
use crate::render::svg::{self, Form, Words};
use crate::render::values::ValueLayer;
use crate::ui::map::Map;

/// What picture to make.
#[derive(Debug, Clone)]
pub struct Request {
    /// Width, CSS px.
    pub width: f64,
    /// Height, CSS px.
    pub height: f64,
    /// Language of the labels, legend and description.
    pub lang: Lang,
    /// Labels in both languages, Chinese above English.
    pub bilingual: bool,
    /// The place to show selected, by id.
    pub select: Option<String>,
    /// The look.
    pub theme: Theme,
    /// A newsroom's figures on the map, classed as the widget classes them.
    pub values: Option<ValueLayer>,
    /// A file of its own, or for pasting inside the page's element.
    pub form: Form,
}

/// The map as an SVG document, as the widget would first draw it for `request`.
pub fn svg(data: Dataset, request: &Request) -> crate::Result<String> {
    let style = &Style::for_theme(request.theme);
    let lang = request.lang;
    let mut map = Map::new(data, lang).bilingual(request.bilingual);
    map.resize(request.width, request.height)?;
    map.select(request.select.as_deref())?;
    map.set_values(request.values.clone());
    let frame = map.frame(style).ok_or(crate::Error::EmptyView {
        width: request.width,
        height: request.height,
    })?;
    let scene = scene::with_legend(&frame);
    let data = map.data();
    // The description names every place, which the picture alone cannot say to a reader
    // who does not see it, then credits the sources.
    let names: Vec<&str> = data
        .places
        .iter()
        .filter(|p| p.kind.selectable())
        .map(|p| p.name.get(lang))
        .collect();
    let mut desc = names.join(if lang == Lang::Zh { "、" } else { ", " });
    if let Some(credit) = &data.attribution {
        desc.push_str(if lang == Lang::Zh { "。" } else { ". " });
        desc.push_str(credit.get(lang));
    }
    let title = map.title();
    Ok(svg::write(
        &scene,
        map.projected(),
        Words {
            title: &title,
            desc: &desc,
            lang,
            form: request.form,
        },
    ))
}
