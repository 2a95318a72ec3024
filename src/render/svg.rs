//! The scene as an SVG document: the same display list the canvas paints, for print, social
//! images and readers without JavaScript or WebAssembly. Labels stay `<text>`, so the picture
//! is searchable and its words can be read by assistive technology.

use crate::geo::coords::Css;
use crate::geo::shapes::{PlaneShape, Projected};
use crate::geo::simplify::straighten;
use crate::i18n::{decimal, escape, Lang};
use crate::render::display::{
    Align, Color, Item, Scene, AREA_MITER_LIMIT, HATCH_LINE_PX, HATCH_PX,
};

/// How far, in CSS pixels at the picture's own size, an outline may stray from the data's:
/// half a pixel, one device pixel when a high-density screen shows the picture twice as
/// large, which side by side at that density cannot be told from a quarter pixel's outline.
/// A quarter pixel cost 1.6 KB gzipped more, and on a phone the picture shares the line with
/// the map's code.
const TOLERANCE_PX: f64 = 0.5;

/// What the document says about itself, besides the picture.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    /// The picture's name (`<title>`): the map's title.
    pub title: &'a str,
    /// A longer description (`<desc>`): what the map shows, its sources.
    pub desc: &'a str,
    /// The language of the words.
    pub lang: Lang,
    /// Where the picture goes.
    pub form: Form,
}

/// Where a picture goes: its own file, or inside the page's HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A file of its own: an `<img>`'s source, print, a social image. Its `<title>` and
    /// `<desc>` name it by id.
    File,
    /// Pasted inside the page's `<jingjinji-map>` as its `slot="picture"`. It comes with the
    /// article, so it shows without a request of its own, and the browser lays it out with the
    /// page; an `<img>` of an SVG is a document of its own, which Chromium builds on the
    /// page's main thread however simple the SVG (inline, the desktop map was interactive
    /// 10–14 ms sooner in alternating loads). No ids, which a second map on the page would
    /// repeat: the `<title>` and `<desc>` children name and describe the picture by
    /// themselves.
    Inline,
}

/// Writes `scene` as an SVG document of `words.form`. `projected` supplies the areas' outlines,
/// which the scene names by place rather than copying.
pub fn write(scene: &Scene, projected: &Projected, words: Words) -> String {
    let (w, h) = (num(scene.width), num(scene.height));
    let tolerance = TOLERANCE_PX / scene.view.scale;
    let (own, title_id, desc_id) = match words.form {
        Form::File => (
            " aria-labelledby=\"jjm-title jjm-desc\"",
            " id=\"jjm-title\"",
            " id=\"jjm-desc\"",
        ),
        Form::Inline => (" slot=\"picture\"", "", ""),
    };
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" \
         height=\"{h}\" role=\"img\"{own} lang=\"{}\">\n\
         <title{title_id}>{}</title>\n<desc{desc_id}>{}</desc>\n",
        words.lang.code(),
        escape(words.title),
        escape(words.desc),
    );
    out.push_str(&format!(
        "<rect width=\"{w}\" height=\"{h}\"{}/>\n",
        fill(Some(scene.background))
    ));
    out.push_str(&format!(
        "<g stroke-linejoin=\"round\" font-family=\"{}\">\n",
        escape(scene.font_family)
    ));
    for item in &scene.items {
        match item {
            Item::Area {
                place,
                fill: paint,
                hatch,
                stroke: line,
                line_width,
            } => {
                let d = outline(scene, projected.shapes.get(*place), tolerance);
                if d.is_empty() {
                    continue;
                }
                out.push_str(&format!(
                    "<path d=\"{d}\" fill-rule=\"evenodd\"{}{} stroke-linejoin=\"miter\" \
                     stroke-miterlimit=\"{}\"/>\n",
                    fill(*paint),
                    stroke(*line, *line_width),
                    num(AREA_MITER_LIMIT)
                ));
                if let Some(c) = hatch {
                    // The hatch's pattern is defined where first used, once per colour. (Two
                    // inline pictures on a page define the same id alike, so either serves.)
                    let id = format!("jjm-hatch-{}", hex(*c).trim_start_matches('#'));
                    if !out.contains(&format!("id=\"{id}\"")) {
                        out.push_str(&format!(
                            "<defs><pattern id=\"{id}\" width=\"{HATCH_PX}\" height=\"{HATCH_PX}\" \
                             patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
                             <path d=\"M0 0V{HATCH_PX}\"{}/></pattern></defs>\n",
                            stroke(*c, HATCH_LINE_PX)
                        ));
                    }
                    out.push_str(&format!(
                        "<path d=\"{d}\" fill-rule=\"evenodd\" fill=\"url(#{id})\"/>\n"
                    ));
                }
            }
            Item::Rect {
                rect,
                fill: paint,
                stroke: line,
                line_width,
            } => out.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}{}/>\n",
                num(rect.x0),
                num(rect.y0),
                num(rect.x1 - rect.x0),
                num(rect.y1 - rect.y0),
                fill(Some(*paint)),
                stroke(*line, *line_width)
            )),
            Item::Circle {
                center,
                radius,
                fill: paint,
                stroke: line,
                line_width,
                dash,
                ..
            } => {
                let dashes = dash.map_or(String::new(), |[on, off]| {
                    format!(" stroke-dasharray=\"{} {}\"", num(on), num(off))
                });
                out.push_str(&format!(
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{}{}{dashes}/>\n",
                    num(center.x),
                    num(center.y),
                    num(*radius),
                    fill(*paint),
                    stroke(*line, *line_width)
                ));
            }
            Item::Label {
                text,
                at,
                size,
                bold,
                color,
                halo,
                halo_width,
                align,
            } => {
                // The canvas strokes the halo, then fills the text over it: `paint-order`.
                let anchor = match align {
                    Align::Center => "middle",
                    Align::Left => "start",
                };
                out.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"{}\" \
                     text-anchor=\"{anchor}\" dominant-baseline=\"central\" \
                     paint-order=\"stroke\"{}{}>{}</text>\n",
                    num(at.x),
                    num(at.y),
                    num(*size),
                    if *bold { 600 } else { 400 },
                    fill(Some(*color)),
                    stroke(*halo, *halo_width),
                    escape(text)
                ));
            }
        }
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// A place's rings as path data in CSS pixels, straightened to `tolerance` plane metres and cut
/// to the picture (with a margin, so the cut edges' outlines fall outside it). Relative
/// moves in tenths of a pixel keep the file small. Empty for a point or an area not seen.
fn outline(scene: &Scene, shape: Option<&PlaneShape>, tolerance: f64) -> String {
    let Some(PlaneShape::Area(polygons)) = shape else {
        return String::new();
    };
    let window = Window {
        x0: -CLIP_MARGIN_PX,
        y0: -CLIP_MARGIN_PX,
        x1: scene.width + CLIP_MARGIN_PX,
        y1: scene.height + CLIP_MARGIN_PX,
    };
    let mut d = String::new();
    for ring in polygons.iter().flat_map(|p| &p.rings) {
        let css: Vec<Css> = straighten(ring, tolerance)
            .iter()
            .map(|p| scene.view.to_css(*p))
            .collect();
        let clipped = window.clip(css);
        if clipped.len() < 3 {
            continue;
        }
        // Whole tenths of a pixel, each vertex as a move from the last one written: one `l`
        // and then number pairs, as path data allows.
        let mut last: Option<(i64, i64)> = None;
        for p in clipped {
            let at = ((p.x * 10.0).round() as i64, (p.y * 10.0).round() as i64);
            match last {
                None => {
                    d.push('M');
                    push_number(&mut d, at.0);
                    push_number(&mut d, at.1);
                    d.push('l');
                }
                Some(prev) if prev == at => continue,
                Some(prev) => {
                    push_number(&mut d, at.0 - prev.0);
                    push_number(&mut d, at.1 - prev.1);
                }
            }
            last = Some(at);
        }
        d.push('z');
    }
    d
}

/// How far outside the picture the outlines are cut, CSS px: more than any outline's width.
const CLIP_MARGIN_PX: f64 = 8.0;

/// The picture's box, to cut rings to.
struct Window {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// One side of the window: the half-plane a ring is cut to.
#[derive(Clone, Copy)]
enum Side {
    /// Keeps x ≥ the value.
    Left(f64),
    /// Keeps x ≤ the value.
    Right(f64),
    /// Keeps y ≥ the value.
    Top(f64),
    /// Keeps y ≤ the value.
    Bottom(f64),
}

impl Side {
    fn keeps(self, p: Css) -> bool {
        match self {
            Side::Left(v) => p.x >= v,
            Side::Right(v) => p.x <= v,
            Side::Top(v) => p.y >= v,
            Side::Bottom(v) => p.y <= v,
        }
    }

    /// Where the segment `a`–`b`, which this side's edge splits, crosses the edge.
    fn crossing(self, a: Css, b: Css) -> Css {
        let t = match self {
            Side::Left(v) | Side::Right(v) => (v - a.x) / (b.x - a.x),
            Side::Top(v) | Side::Bottom(v) => (v - a.y) / (b.y - a.y),
        };
        Css {
            x: a.x + t * (b.x - a.x),
            y: a.y + t * (b.y - a.y),
        }
    }
}

impl Window {
    /// `ring` cut to the box, one side at a time (Sutherland–Hodgman). The box is convex,
    /// so each cut ring covers exactly the part of the ring's inside within the box, and
    /// even-odd filling of several cut rings stays what it was within the box.
    fn clip(&self, ring: Vec<Css>) -> Vec<Css> {
        let sides = [
            Side::Left(self.x0),
            Side::Right(self.x1),
            Side::Top(self.y0),
            Side::Bottom(self.y1),
        ];
        let mut out = ring;
        for side in sides {
            let input = std::mem::take(&mut out);
            let Some(mut prev) = input.last().copied() else {
                break;
            };
            for p in input {
                match (side.keeps(p), side.keeps(prev)) {
                    (true, true) => out.push(p),
                    (true, false) => {
                        out.push(side.crossing(prev, p));
                        out.push(p);
                    }
                    (false, true) => out.push(side.crossing(prev, p)),
                    (false, false) => {}
                }
                prev = p;
            }
        }
        out
    }
}

/// Appends tenths of a pixel as pixels, without a leading zero (`-12` → `-1.2`, `4` → `.4`),
/// after a space unless a command letter or the minus sign already separates it.
fn push_number(d: &mut String, tenths: i64) {
    let after_command = d.ends_with(|c: char| c.is_ascii_alphabetic());
    if tenths < 0 {
        d.push('-');
    } else if !after_command {
        d.push(' ');
    }
    let (whole, tenth) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
    if whole > 0 || tenth == 0 {
        d.push_str(&whole.to_string());
    }
    if tenth > 0 {
        d.push('.');
        d.push(char::from(b'0' + tenth as u8));
    }
}

/// ` fill="…"` (with its opacity when not opaque), or `fill="none"`.
fn fill(c: Option<Color>) -> String {
    match c {
        Some(c) => format!(" fill=\"{}\"{}", hex(c), opacity("fill-opacity", c)),
        None => " fill=\"none\"".to_string(),
    }
}

/// ` stroke="…" stroke-width="…"` (with its opacity when not opaque).
fn stroke(c: Color, width: f64) -> String {
    format!(
        " stroke=\"{}\" stroke-width=\"{}\"{}",
        hex(c),
        num(width),
        opacity("stroke-opacity", c)
    )
}

fn opacity(attribute: &str, c: Color) -> String {
    if c.a == 255 {
        String::new()
    } else {
        format!(" {attribute}=\"{}\"", decimal(f64::from(c.a) / 255.0, 3))
    }
}

/// `#rrggbb`.
fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// A coordinate or size: a tenth of a CSS pixel is finer than any screen shows the picture.
fn num(v: f64) -> String {
    decimal(v, 1)
}
