//! Writes the panel content into the DOM as ordinary text nodes (never HTML strings, so
//! data text cannot inject markup).

use crate::ui::panel::PanelContent;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

fn child(
    doc: &Document,
    parent: &Element,
    tag: &str,
    class: &str,
    text: &str,
) -> Result<Element, JsValue> {
    let el = doc.create_element(tag)?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    parent.append_child(&el)?;
    Ok(el)
}

/// Replaces the panel's children with `content`.
pub fn render(doc: &Document, panel: &Element, content: &PanelContent) -> Result<(), JsValue> {
    panel.set_text_content(None);
    match &content.id {
        Some(id) => panel.set_attribute("data-place", id)?,
        None => panel.set_attribute("data-place", "")?,
    }
    if !content.kicker.is_empty() {
        child(doc, panel, "p", "jjm-kicker", &content.kicker)?;
    }
    child(doc, panel, "h2", "jjm-title", &content.title)?;
    if let Some(note) = &content.note {
        child(doc, panel, "p", "jjm-note", note)?;
    }
    if !content.summary.is_empty() {
        child(doc, panel, "p", "jjm-summary", &content.summary)?;
    }
    for section in &content.sections {
        child(doc, panel, "h3", "jjm-section", &section.heading)?;
        let list = child(
            doc,
            panel,
            if section.ordered { "ol" } else { "ul" },
            "",
            "",
        )?;
        for entry in &section.entries {
            let li = child(doc, &list, "li", "", "")?;
            if let Some(date) = &entry.date {
                child(doc, &li, "span", "jjm-date", date)?;
                li.append_child(&doc.create_text_node(" "))?;
            }
            li.append_child(&doc.create_text_node(&entry.text))?;
        }
    }
    if let Some(source) = &content.source {
        child(doc, panel, "p", "jjm-source", source)?;
    }
    child(doc, panel, "p", "jjm-hint", &content.hint)?;
    Ok(())
}
