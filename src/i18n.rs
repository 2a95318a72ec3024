//! Languages and bilingual text: the one rule for choosing the display language, and the
//! few interface words that belong to the widget itself rather than to any region's data.

/// A display language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Simplified Chinese.
    Zh,
    /// English.
    #[default]
    En,
}

impl Lang {
    /// Parses a BCP 47 tag or a POSIX locale whose language is `zh` or `en`: `zh`, `zh-CN`,
    /// `zh_CN`, `zh-Hans-CN`, `en-GB`, `EN` all work.
    pub fn parse(code: &str) -> Result<Lang, UnknownLang> {
        // The primary subtag, before any `-` or `_` (`zh-Hans-CN`, `en_GB`), any case.
        let trimmed = code.trim_ascii();
        let end = trimmed
            .bytes()
            .position(|b| b == b'-' || b == b'_')
            .unwrap_or(trimmed.len());
        let base = trimmed.get(..end).unwrap_or(trimmed);
        if base.eq_ignore_ascii_case("zh") {
            Ok(Lang::Zh)
        } else if base.eq_ignore_ascii_case("en") {
            Ok(Lang::En)
        } else {
            Err(UnknownLang(code.to_string()))
        }
    }

    /// The one language rule: an explicit choice (the element's `lang` attribute) must be a
    /// language we have, else it is an error the embedder should see; the page's language is
    /// only a hint, so an article in, say, German still gets a working English map.
    pub fn choose(explicit: Option<&str>, page_hint: Option<&str>) -> Result<Lang, UnknownLang> {
        match explicit.map(str::trim_ascii).filter(|s| !s.is_empty()) {
            Some(code) => Lang::parse(code),
            None => Ok(page_hint
                .and_then(|h| Lang::parse(h).ok())
                .unwrap_or_default()),
        }
    }

    /// Whether `code` asks for labels in both languages (`zh-en`: Chinese above English).
    /// The rest of the map is then in Chinese, which is what [`Lang::parse`] reads it as.
    pub fn both(code: Option<&str>) -> bool {
        code.is_some_and(|c| c.trim_ascii().eq_ignore_ascii_case("zh-en"))
    }

    /// The BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// The pieces of `s` between hyphens (`2023-12-05` → `2023`, `12`, `05`).
pub fn dash_parts(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (k, b) in s.bytes().enumerate() {
        if b == b'-' {
            parts.push(s.get(start..k).unwrap_or_default());
            start = k + 1;
        }
    }
    parts.push(s.get(start..).unwrap_or_default());
    parts
}

/// `s` as a number if it is one to nine ASCII digits (no sign, no spaces).
pub fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 {
        return None;
    }
    s.bytes().try_fold(0u32, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// `parts` with `sep` between them: `[T]::join` written out, which in the wasm is a tenth of
/// the size of the standard library's general version.
pub fn join<S: AsRef<str>>(parts: &[S], sep: &str) -> String {
    let mut out = String::new();
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            out.push_str(sep);
        }
        out.push_str(part.as_ref());
    }
    out
}

/// Whether a reader can be shown `c`: not a control character (a tab or a line break is
/// fine) and not one of the two non-characters XML 1.0 forbids. Controls arrive from JSON
/// escapes such as `\b` and `\u0001`; shown raw, they break an SVG or confuse a screen
/// reader.
pub fn is_visible(c: char) -> bool {
    (!c.is_control() || matches!(c, '\t' | '\n' | '\r')) && !matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// `text` without the characters [`is_visible`] refuses: the data layer stores every name
/// and text this way, so the panel, the labels, the SVG and the PNG never meet them.
pub fn visible(text: &str) -> String {
    // Nearly every text is all visible: copied whole, not rebuilt a character at a time
    // (which was a millisecond of each load in the wasm's first, unoptimised tier).
    if text.chars().all(is_visible) {
        return text.to_owned();
    }
    text.chars().filter(|&c| is_visible(c)).collect()
}

/// Text made safe for an HTML or SVG text node or a double-quoted attribute: markup escaped,
/// and the characters XML 1.0 forbids (see [`is_visible`]) left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| is_visible(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// `v` written with at most `places` decimals and no trailing zeros (`0.863`, `12`, `-3.5`),
/// and huge values with an exponent (`1e30`), for messages, SVG and CSS. A formatter, not an
/// elementary function: std's `{:.N}` writes fixed decimals with trailing zeros and 1e30 as
/// 31 digits, so trimming it would be as long as this.
pub fn decimal(v: f64, places: u32) -> String {
    if !v.is_finite() {
        return if v.is_nan() {
            "NaN"
        } else if v > 0.0 {
            "∞"
        } else {
            "-∞"
        }
        .to_string();
    }
    let places = places.min(9);
    let scale = 10u64.pow(places);
    let scaled = (v.abs() * scale as f64).round();
    if scaled >= 1e18 {
        // Too large for the integer route: scientific notation, which has no decimals to lose.
        let (mut mantissa, mut exponent) = (v, 0u64);
        while mantissa.abs() >= 10.0 {
            mantissa /= 10.0;
            exponent += 1;
        }
        let mut out = decimal(mantissa, 6);
        out.push('e');
        push_digits(&mut out, exponent, 1);
        return out;
    }
    let n = scaled as u64;
    let mut out = String::new();
    if v < 0.0 && n != 0 {
        out.push('-');
    }
    push_digits(&mut out, n / scale, 1);
    let fraction = n % scale;
    if fraction != 0 {
        out.push('.');
        // The fraction with its leading zeros, then without the trailing ones.
        let start = out.len();
        push_digits(&mut out, fraction, places as usize);
        while out.len() > start && out.as_bytes().last() == Some(&b'0') {
            out.pop();
        }
    }
    out
}

/// Appends `n` in decimal, padded with leading zeros to at least `width` digits (by hand:
/// integer formatting costs the wasm bytes).
fn push_digits(out: &mut String, mut n: u64, width: usize) {
    let mut reversed = Vec::new();
    while n > 0 || reversed.len() < width.max(1) {
        reversed.push(char::from(b'0' + (n % 10) as u8));
        n /= 10;
    }
    out.extend(reversed.iter().rev());
}

/// A language code we have no text for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported language \"{0}\": use \"zh\" or \"en\"")]
pub struct UnknownLang(pub String);

/// A text in both languages; in the policy file, `{ "zh": …, "en": … }`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Text {
    /// Simplified Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Text {
    /// A text from its English and Chinese forms.
    pub fn new(en: &str, zh: &str) -> Text {
        Text {
            zh: zh.to_string(),
            en: en.to_string(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// The widget's own words: the same for every region, so they live in code. Anything that
/// names a region, a policy or a kind of place comes from the data files instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    /// Heading of the dated list.
    Timeline,
    /// Heading of the overview's measures when the policy file names none.
    MeasuresHeading,
    /// Heading of a place's points when the policy file names none.
    PointsHeading,
    /// Title of the panel when there is no policy file.
    MapTitle,
    /// How to explore, on the overview, when the policy file gives no hint.
    OverviewHint,
    /// How to go back, on a place's details.
    PlaceHint,
    /// Caveat on an approximate place with no host named.
    LocationApproximate,
    /// Appended to a legend entry whose places are all approximate.
    ApproxSuffix,
    /// The value layer's entry for places without a figure.
    NoData,
    /// Before the reason a values file is not shown.
    FiguresNotShown,
    /// The table of places' first column.
    PlaceColumn,
    /// The button that sorts the table of places by figure.
    SortByFigure,
    /// Kilometres, after a number on the scale bar.
    Kilometres,
    /// Metres, after a number on the scale bar.
    Metres,
    /// The canvas's accessible name when the features file gives no title.
    DefaultMapLabel,
    /// What the canvas is, for screen readers (`aria-roledescription`).
    MapRole,
    /// How to use the map from the keyboard (the canvas's description).
    KeysHelp,
    /// The zoom-in button.
    ZoomIn,
    /// The zoom-out button.
    ZoomOut,
    /// The button that shows the whole region again.
    ResetView,
    /// The list of places beside the map.
    PlacesHeading,
    /// The details panel's accessible name.
    DetailsLabel,
    /// Shown when a plain wheel scrolls past the map.
    WheelHint,
    /// The same, on a Mac.
    WheelHintMac,
    /// Shown when one finger drags over the map (it scrolls the page).
    TouchHint,
    /// The button that saves the map as a picture.
    Download,
}

impl Ui {
    /// The words in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Ui::Timeline => ("Timeline", "大事记"),
            Ui::MeasuresHeading => ("Measures", "主要举措"),
            Ui::PointsHeading => ("Key points", "要点"),
            Ui::MapTitle => ("Map", "地图"),
            Ui::OverviewHint => ("Select a place on the map.", "点击地图上的地点查看详情。"),
            Ui::PlaceHint => (
                "Select empty space on the map to return to the overview.",
                "点击地图空白处返回概览。",
            ),
            Ui::LocationApproximate => ("Location approximate.", "位置为近似。"),
            Ui::ApproxSuffix => (" (approx.)", "（位置为近似）"),
            Ui::NoData => ("No data", "无数据"),
            Ui::FiguresNotShown => ("The figures cannot be shown: ", "数据无法显示："),
            Ui::PlaceColumn => ("Place", "地点"),
            Ui::SortByFigure => ("Sort by this figure, largest first, or back", "按此数值从大到小排序，或恢复原顺序"),
            Ui::Kilometres => (" km", " 公里"),
            Ui::Metres => (" m", " 米"),
            Ui::DefaultMapLabel => ("Interactive map", "交互式地图"),
            Ui::MapRole => ("interactive map", "交互式地图"),
            Ui::KeysHelp => (
                "Arrow keys move between places, Enter selects, Escape clears the selection, plus and minus zoom, 0 shows the whole region.",
                "方向键在地点之间移动，回车键选中，Esc 键取消选择，加号和减号缩放，0 显示全图。",
            ),
            Ui::ZoomIn => ("Zoom in", "放大"),
            Ui::ZoomOut => ("Zoom out", "缩小"),
            Ui::ResetView => ("Show the whole region", "显示全图"),
            Ui::PlacesHeading => ("Places on the map", "地图上的地点"),
            Ui::DetailsLabel => ("Details", "详情"),
            Ui::WheelHint => ("Use ctrl + scroll to zoom the map", "按住 Ctrl 键滚动以缩放地图"),
            Ui::WheelHintMac => ("Use ⌘ + scroll to zoom the map", "按住 ⌘ 键滚动以缩放地图"),
            Ui::TouchHint => ("Use two fingers to move the map", "用双指移动地图"),
            Ui::Download => ("Save map as PNG", "保存地图（PNG）"),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}
