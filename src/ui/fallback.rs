//! The map's content as static HTML for readers without JavaScript or WebAssembly: the
//! overview and every place with what the policy means for it, from the same panel content.
//! Newsrooms put it inside the element, where the running widget hides it.

use crate::data::model::Dataset;
use crate::i18n::{escape, Lang, Ui};
use crate::render::style::Theme;
use crate::render::values::ValueLayer;
use crate::ui::figures;
use crate::ui::panel::{self, PanelContent};

fn place_item(content: &PanelContent) -> String {
    let mut item = format!(
        "<li><strong>{}</strong> ({})",
        escape(&content.title),
        escape(&content.kicker)
    );
    if !content.summary.is_empty() {
        item.push_str(&format!(": {}", escape(&content.summary)));
    }
    if let Some(note) = &content.note {
        item.push_str(&format!(" <em>{}</em>", escape(note)));
    }
    item.push_str("</li>");
    item
}

/// The fallback HTML in `lang`: a section with the overview, a list of the places and the
/// source line.
pub fn html(data: &Dataset, lang: Lang) -> String {
    html_with(data, lang, None)
}

/// [`html`], with a newsroom's figures: after the places, a table of each place's figure and
/// class, and the classes, as the live map's table and key give them.
pub fn html_with(data: &Dataset, lang: Lang, values: Option<&ValueLayer>) -> String {
    let overview = panel::content(data, None, lang);
    let mut lines = vec![format!(
        "<section class=\"jjm-fallback\" lang=\"{}\">",
        lang.code()
    )];
    lines.push(format!("<h2>{}</h2>", escape(&overview.title)));
    if !overview.kicker.is_empty() {
        lines.push(format!("<p>{}</p>", escape(&overview.kicker)));
    }
    if !overview.summary.is_empty() {
        lines.push(format!("<p>{}</p>", escape(&overview.summary)));
    }
    lines.push("<ul>".to_string());
    for (i, place) in data.places.iter().enumerate() {
        if place.kind.selectable() {
            lines.push(place_item(&panel::content(data, Some(i), lang)));
        }
    }
    lines.push("</ul>".to_string());
    if let Some(layer) = values {
        lines.push("<table>".to_string());
        lines.push(format!(
            "<thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>",
            escape(Ui::PlaceColumn.get(lang)),
            escape(&layer.figures.column)
        ));
        for (i, place) in data.places.iter().enumerate() {
            if place.kind.selectable() {
                lines.push(format!(
                    "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                    escape(place.name.get(lang)),
                    escape(&match layer.value(i) {
                        Some(_) => figures::spoken(layer, i, lang),
                        None => Ui::NoData.get(lang).to_string(),
                    })
                ));
            }
        }
        lines.push("</tbody></table>".to_string());
        let classes: Vec<String> = layer
            .legend(lang, Theme::Light)
            .into_iter()
            .map(|c| format!("<li>{}</li>", escape(&c.label)))
            .collect();
        lines.push(format!("<ul>{}</ul>", classes.join("")));
    }
    if let Some(source) = &overview.source {
        lines.push(format!("<p><small>{}</small></p>", escape(source)));
    }
    lines.push("</section>".to_string());
    lines.join("\n")
}
