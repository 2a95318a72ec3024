//! The map's DOM around its canvas, built and written from Rust through web-sys: the zoom
//! buttons, tooltip and gesture hint over the map, the key, credit and download button under
//! it, the list of places, the details panel, the keyboard help and the live region. Text from
//! the data only ever goes in as text nodes (`textContent`), never as markup.

use crate::ui::controller::{PlaceEntry, Words};
use crate::ui::panel::PanelContent;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlCanvasElement, HtmlElement};

/// A DOM call's failure, as the page would see it.
pub type DomResult<T> = Result<T, JsValue>;

/// Every element the map writes to after building them.
pub struct Dom {
    document: Document,
    /// The frame the shell made (`.jjm-frame`): theme and busy state.
    pub frame: HtmlElement,
    /// The map's canvas.
    pub canvas: HtmlCanvasElement,
    /// The zoom-in, zoom-out and whole-region buttons.
    pub zoom_in: Element,
    /// See `zoom_in`.
    pub zoom_out: Element,
    /// See `zoom_in`.
    pub reset: Element,
    tooltip: HtmlElement,
    gesture_hint: HtmlElement,
    #[cfg_attr(not(feature = "values"), allow(dead_code))]
    notice: HtmlElement,
    /// The text of the table's figure cells with their places' ids, in the table's order, so
    /// that figures classed again are written without looking the cells up, as the text
    /// node's value (a tenth of the time of replacing each cell's text for 3,000 cells).
    figure_cells: std::cell::RefCell<Vec<(String, web_sys::Node)>>,
    /// The table's body (none without a table of figures).
    table_body: std::cell::RefCell<Option<Element>>,
    legend: Element,
    credit: Element,
    /// The PNG download button.
    pub download: Element,
    /// The list of places (its buttons carry `data-id`).
    pub places: Element,
    places_heading: Element,
    places_list: Element,
    panel: HtmlElement,
    keys: Element,
    live: Element,
}

/// A new element `tag` of class `class` (if any), appended to `parent`.
fn make(document: &Document, tag: &str, class: &str, parent: &Element) -> DomResult<Element> {
    let node = document.create_element(tag)?;
    if !class.is_empty() {
        node.set_class_name(class);
    }
    parent.append_child(&node)?;
    Ok(node)
}

/// A button (`type="button"`) of class `class` showing `face`, appended to `parent`.
fn button(document: &Document, class: &str, face: &str, parent: &Element) -> DomResult<Element> {
    let b = make(document, "button", class, parent)?;
    b.set_attribute("type", "button")?;
    b.set_text_content(Some(face));
    Ok(b)
}

/// The element of class `class` inside `root`.
fn find(root: &Element, class: &str) -> DomResult<Element> {
    root.query_selector(&format!(".{class}"))?
        .ok_or_else(|| JsValue::from_str(&format!("the map's box has no .{class}")))
}

impl Dom {
    /// A new element `tag` of class `class` (if any), appended to `parent`.
    fn make(&self, tag: &str, class: &str, parent: &Element) -> DomResult<Element> {
        make(&self.document, tag, class, parent)
    }

    /// A button of class `class` showing `face`, appended to `parent`.
    fn button(&self, class: &str, face: &str, parent: &Element) -> DomResult<Element> {
        button(&self.document, class, face, parent)
    }

    /// Builds the map's DOM inside the box the shell made while the code and data loaded
    /// (`.jjm-frame` > `.jjm-column` > `figure.jjm-map` > `.jjm-stage` > canvas).
    pub fn build(frame: HtmlElement) -> DomResult<Dom> {
        let document = frame
            .owner_document()
            .ok_or_else(|| JsValue::from_str("the map's box is in no document"))?;
        let column = find(&frame, "jjm-column")?;
        let figure = find(&frame, "jjm-map")?;
        let stage = find(&frame, "jjm-stage")?;
        let canvas: HtmlCanvasElement = stage
            .query_selector("canvas")?
            .ok_or_else(|| JsValue::from_str("the map's box has no canvas"))?
            .dyn_into()?;
        canvas.set_tab_index(0);
        canvas.set_attribute("role", "application")?;
        canvas.set_attribute("aria-describedby", "jjm-keys")?;
        let make = |tag: &str, class: &str, parent: &Element| make(&document, tag, class, parent);
        let button =
            |class: &str, face: &str, parent: &Element| button(&document, class, face, parent);
        let controls = make("div", "jjm-zoom", &stage)?;
        let zoom_in = button("jjm-zoom-in", "+", &controls)?;
        let zoom_out = button("jjm-zoom-out", "−", &controls)?;
        // The whole-region button's face is drawn by the stylesheet (a frame): a glyph such
        // as ⤢ is in few fonts, and looking for one cost the first layout 5-10 ms.
        let reset = button("jjm-reset", "", &controls)?;
        let tooltip: HtmlElement = make("div", "jjm-tooltip", &stage)?.dyn_into()?;
        let gesture_hint: HtmlElement = make("div", "jjm-gesture-hint", &stage)?.dyn_into()?;
        for quiet in [&tooltip, &gesture_hint] {
            quiet.set_attribute("aria-hidden", "true")?;
            quiet.set_hidden(true);
        }
        // Why a values file could not be shown: under the map, never over it.
        let notice: HtmlElement = make("p", "jjm-notice", &figure)?.dyn_into()?;
        notice.set_attribute("role", "status")?;
        notice.set_hidden(true);
        // The key to the symbols: text in the page, so it never covers the map.
        let legend = make("ul", "jjm-legend", &figure)?;
        let credit = make("figcaption", "jjm-attribution", &figure)?;
        let download = button("jjm-download", "", &figure)?;
        let places = make("nav", "jjm-places", &column)?;
        let places_heading = make("p", "jjm-places-heading", &places)?;
        let places_list = make("ul", "", &places)?;
        let panel: HtmlElement = make("section", "jjm-panel", &frame)?.dyn_into()?;
        // A panel that scrolls must be reachable by keyboard to scroll it.
        panel.set_tab_index(0);
        let keys = make("p", "jjm-visually-hidden", &frame)?;
        keys.set_id("jjm-keys");
        let live = make("div", "jjm-visually-hidden jjm-live", &frame)?;
        live.set_attribute("role", "status")?;
        live.set_attribute("aria-live", "polite")?;
        Ok(Dom {
            document,
            frame,
            canvas,
            zoom_in,
            zoom_out,
            reset,
            tooltip,
            gesture_hint,
            notice,
            figure_cells: std::cell::RefCell::new(Vec::new()),
            table_body: std::cell::RefCell::new(None),
            legend,
            credit,
            download,
            places,
            places_heading,
            places_list,
            panel,
            keys,
            live,
        })
    }

    /// Everything that depends on the language: interface words, key, places, panel.
    pub fn write_words(
        &self,
        w: &Words,
        places: &[PlaceEntry],
        panel: &PanelContent,
    ) -> DomResult<()> {
        self.canvas.set_attribute("aria-label", &w.title)?;
        self.canvas.set_attribute("aria-roledescription", &w.role)?;
        self.keys.set_text_content(Some(&w.keys_help));
        for (b, words) in [
            (&self.zoom_in, &w.zoom_in),
            (&self.zoom_out, &w.zoom_out),
            (&self.reset, &w.reset),
        ] {
            b.set_attribute("aria-label", words)?;
            b.set_attribute("title", words)?;
        }
        self.places.set_attribute("aria-label", &w.places_heading)?;
        self.places_heading
            .set_text_content(Some(&w.places_heading));
        self.panel.set_attribute("aria-label", &w.details)?;
        self.credit.set_text_content(Some(&w.credit));
        self.download.set_text_content(Some(&w.download));
        self.write_key(w)?;
        // The button shows the map's short label (a phone has little room); its title gives
        // the full name, which the panel and the announcement also say.
        self.places_list.set_text_content(None);
        // A folded table the reader opened stays open when it is written again (sorted).
        let mut open = false;
        if let Some(old) = self.places.query_selector(".jjm-fold, .jjm-figures")? {
            open = old.has_attribute("open");
            old.remove();
        }
        self.figure_cells.borrow_mut().clear();
        *self.table_body.borrow_mut() = None;
        match &w.figures {
            Some(headings) => self.write_table(headings, w, places, open)?,
            None if w.places_wait => {}
            None => {
                for place in places {
                    let item = self.make("li", "", &self.places_list)?;
                    self.place_button(place, &item)?;
                }
            }
        }
        self.write_panel(panel)
    }

    /// The figures classed again: the key, then the table's figures written into its cells
    /// where the rows stand as before (a 3,000-row table is not built again for a new
    /// column), else the whole table; then the panel.
    pub fn write_figures(
        &self,
        w: &Words,
        places: &[PlaceEntry],
        panel: &PanelContent,
    ) -> DomResult<()> {
        let same = {
            let cells = self.figure_cells.borrow();
            cells.len() == places.len() && cells.iter().zip(places).all(|((id, _), p)| *id == p.id)
        };
        // The rows of a folded table are written when it is opened (see `open_table`).
        let (Some(headings), true) = (&w.figures, same || self.rows_waiting()) else {
            return self.write_words(w, places, panel);
        };
        self.write_key(w)?;
        if let Some(sort) = self.places.query_selector(".jjm-sort")? {
            sort.set_text_content(Some(&headings[1]));
        }
        for ((_, text), place) in self.figure_cells.borrow().iter().zip(places) {
            text.set_node_value(place.figure.as_deref());
        }
        self.write_panel(panel)
    }

    /// A place's button in the list or the table.
    fn place_button(&self, place: &PlaceEntry, parent: &Element) -> DomResult<Element> {
        let b = self.button("jjm-place", &place.label, parent)?;
        b.set_attribute("data-id", &place.id)?;
        if place.name != place.label {
            b.set_attribute("title", &place.name)?;
        }
        Ok(b)
    }

    /// On a value map, the places as a table of name and figure that a screen reader reads
    /// row by row; the figures' heading is a button that sorts by figure.
    fn write_table(
        &self,
        headings: &[String; 2],
        w: &Words,
        places: &[PlaceEntry],
        open: bool,
    ) -> DomResult<()> {
        // A long table comes folded, under a line that opens it, and its rows are written
        // when it is first opened: a county map's 3,000 rows cost its first frame 170 ms to
        // style and lay out, and building them about 80 ms more.
        let parent = match &w.fold_places {
            Some(summary) => {
                let fold = self.make("details", "jjm-fold", &self.places)?;
                self.make("summary", "", &fold)?
                    .set_text_content(Some(summary));
                if open {
                    fold.set_attribute("open", "")?;
                }
                fold
            }
            None => self.places.clone(),
        };
        let table = self.make("table", "jjm-figures", &parent)?;
        let head = self.make("tr", "", &self.make("thead", "", &table)?)?;
        self.make("th", "", &head)?
            .set_text_content(Some(&headings[0]));
        let th = self.make("th", "", &head)?;
        if w.sorted {
            th.set_attribute("aria-sort", "descending")?;
        }
        let b = self.button("jjm-sort", &headings[1], &th)?;
        b.set_attribute("title", &w.sort)?;
        let body = self.make("tbody", "", &table)?;
        *self.table_body.borrow_mut() = Some(body);
        if w.fold_places.is_none() || open {
            self.write_rows(places)?;
        }
        Ok(())
    }

    /// The table's rows, if a folded table is being opened and has none yet (the reader
    /// clicked its line).
    pub fn open_table(&self, places: &[PlaceEntry]) -> DomResult<()> {
        if self.rows_waiting() {
            self.write_rows(places)?;
        }
        Ok(())
    }

    /// Whether the table of figures is there without its rows (folded, not opened yet).
    fn rows_waiting(&self) -> bool {
        (self.table_body.borrow().as_ref()).is_some_and(|b| !b.has_child_nodes())
    }

    /// A row of name and figure for each place, into the table's body.
    fn write_rows(&self, places: &[PlaceEntry]) -> DomResult<()> {
        let Some(body) = self.table_body.borrow().clone() else {
            return Ok(());
        };
        let mut cells = Vec::with_capacity(places.len());
        for place in places {
            let row = self.make("tr", "", &body)?;
            let name = self.make("th", "", &row)?;
            name.set_attribute("scope", "row")?;
            self.place_button(place, &name)?;
            let cell = self.make("td", "", &row)?;
            cell.append_with_str_1(place.figure.as_deref().unwrap_or_default())?;
            let text = cell.first_child().unwrap_or_else(|| cell.into());
            cells.push((place.id.clone(), text));
        }
        *self.figure_cells.borrow_mut() = cells;
        Ok(())
    }

    /// The key's list, for its listeners.
    pub fn legend(&self) -> &Element {
        &self.legend
    }

    /// The key under the map, in the theme's colours.
    pub fn write_key(&self, w: &Words) -> DomResult<()> {
        self.legend.set_text_content(None);
        for row in &w.key {
            let item = self.make("li", "", &self.legend)?;
            let swatch: HtmlElement = self.make("span", "jjm-swatch", &item)?.dyn_into()?;
            swatch.set_attribute("aria-hidden", "true")?;
            let radius = if row.exact {
                row.radius
            } else {
                row.radius.min(7.0)
            };
            let size = format!("{}px", crate::i18n::decimal(2.0 * radius, 1));
            let style = swatch.style();
            style.set_property("width", &size)?;
            style.set_property("height", &size)?;
            style.set_property("background", &row.fill)?;
            style.set_property("border-color", &row.stroke)?;
            if row.square {
                style.set_property("border-radius", "1px")?;
            }
            item.append_with_str_1(&row.text)?;
            // A class can be pointed at or focused, to highlight its places on the map.
            if let Some(class) = row.class {
                item.set_attribute("data-class", &class.to_string())?;
                item.set_attribute("tabindex", "0")?;
            }
        }
        Ok(())
    }

    /// The panel for the current selection (as text nodes only), and the list's pressed
    /// button.
    pub fn write_panel(&self, c: &PanelContent) -> DomResult<()> {
        let p: &Element = &self.panel;
        p.set_text_content(None);
        let id = c.id.as_deref().unwrap_or("");
        p.set_attribute("data-place", id)?;
        let add = |tag: &str, class: &str, text: &str, parent: &Element| {
            let node = self.make(tag, class, parent)?;
            if !text.is_empty() {
                node.set_text_content(Some(text));
            }
            Ok::<_, JsValue>(node)
        };
        if !c.kicker.is_empty() {
            add("p", "jjm-kicker", &c.kicker, p)?;
        }
        add("h2", "jjm-title", &c.title, p)?;
        if let Some(note) = &c.note {
            add("p", "jjm-note", note, p)?;
        }
        if let Some(figure) = &c.figure {
            add("p", "jjm-figure", figure, p)?;
        }
        if !c.summary.is_empty() {
            add("p", "jjm-summary", &c.summary, p)?;
        }
        for section in &c.sections {
            add("h3", "jjm-section", &section.heading, p)?;
            let list = add(if section.ordered { "ol" } else { "ul" }, "", "", p)?;
            for entry in &section.entries {
                let li = add("li", "", "", &list)?;
                if let Some(date) = &entry.date {
                    add("span", "jjm-date", date, &li)?;
                    li.append_with_str_1(" ")?;
                }
                li.append_with_str_1(&entry.text)?;
            }
        }
        if let Some(source) = &c.source {
            add("p", "jjm-source", source, p)?;
        }
        add("p", "jjm-hint", &c.hint, p)?;
        let buttons = self.places.query_selector_all("button[data-id]")?;
        for k in 0..buttons.length() {
            if let Some(b) = buttons.item(k).and_then(|n| n.dyn_into::<Element>().ok()) {
                let pressed = !id.is_empty() && b.get_attribute("data-id").as_deref() == Some(id);
                b.set_attribute("aria-pressed", if pressed { "true" } else { "false" })?;
            }
        }
        Ok(())
    }

    /// Says `text` to screen readers.
    pub fn announce(&self, text: &str) {
        self.live.set_text_content(Some(text));
    }

    /// Names the place under the pointer beside it (at CSS px `x`, `y` of a canvas `width`
    /// wide), on the side with more room; `None` hides the tooltip.
    pub fn tooltip(&self, name: Option<&str>, x: f64, y: f64, width: f64) -> DomResult<()> {
        let tip = &self.tooltip;
        let Some(name) = name else {
            tip.set_hidden(true);
            return Ok(());
        };
        tip.set_text_content(Some(name));
        let right = x > width * 0.6;
        let style = tip.style();
        let left = if right { x - 12.0 } else { x + 14.0 };
        style.set_property("left", &px(left))?;
        style.set_property("top", &px(y + 14.0))?;
        style.set_property(
            "transform",
            if right { "translate(-100%, 0)" } else { "none" },
        )?;
        tip.set_hidden(false);
        Ok(())
    }

    /// Hides the tooltip.
    pub fn hide_tooltip(&self) {
        self.tooltip.set_hidden(true);
    }

    /// Shows a short hint over the map (`None`: hides it).
    pub fn hint(&self, text: Option<&str>) {
        if let Some(text) = text {
            self.gesture_hint.set_text_content(Some(text));
        }
        self.gesture_hint.set_hidden(text.is_none());
    }

    /// Says under the map why its figures are not shown (`None`: nothing to say).
    #[cfg_attr(not(feature = "values"), allow(dead_code))]
    pub fn notice(&self, text: Option<&str>) {
        self.notice.set_text_content(text);
        self.notice.set_hidden(text.is_none());
    }

    /// The canvas's cursor (`""`: the default).
    pub fn cursor(&self, cursor: &str) -> DomResult<()> {
        self.canvas.style().set_property("cursor", cursor)
    }

    /// The frame's theme, for the DOM's colours.
    pub fn set_theme(&self, code: &str) -> DomResult<()> {
        self.frame.set_attribute("data-theme", code)
    }
}

/// A CSS length in px.
fn px(n: f64) -> String {
    format!("{}px", crate::i18n::decimal(n, 1))
}
