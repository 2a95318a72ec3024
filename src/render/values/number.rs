//! The one formatter of figures, for the legend, tooltip, panel, table, picture and PNG:
//! English groups thousands with commas and shortens millions and billions (`12,345`,
//! `123.5 M`, `4.5 %`); Chinese counts in 万 and 亿 (`1.2万`, `1.23亿`, `4.5%`).

use crate::i18n::{decimal, Lang};

/// A figure's unit in both languages (`value-unit="yuan|元"`; `%` is the same in both).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unit {
    /// English (`yuan`, `%`).
    pub en: String,
    /// Chinese (`元`, `%`).
    pub zh: String,
}

impl Unit {
    /// `en|zh`, or one word for both.
    pub fn parse(text: &str) -> Unit {
        let (en, zh) = text.split_once('|').unwrap_or((text, text));
        Unit {
            en: en.trim().to_string(),
            zh: zh.trim().to_string(),
        }
    }
}

/// `v` written for a reader in `lang`, with `unit` (if any).
pub fn format(v: f64, lang: Lang, unit: Option<&Unit>) -> String {
    if !v.is_finite() {
        return String::new(); // never NaN or ∞ on the map; callers show "no data"
    }
    let number = match lang {
        Lang::En => english(v),
        Lang::Zh => chinese(v),
    };
    match unit {
        Some(u) if lang == Lang::Zh && !u.zh.is_empty() => format!("{number}{}", u.zh),
        Some(u) if !u.en.is_empty() => format!("{number} {}", u.en),
        _ => number,
    }
}

/// English: `12,345`, `4.5`, `0.031`, `123.5 M`, `2.1 B`.
fn english(v: f64) -> String {
    let a = v.abs();
    if a >= 1e9 {
        format!("{} B", significant(v / 1e9, 4))
    } else if a >= 1e6 {
        format!("{} M", significant(v / 1e6, 4))
    } else {
        grouped(&significant(v, if a >= 1000.0 { 7 } else { 3 }))
    }
}

/// Chinese: `1.23亿`, `12.3万`, `4,5` unchanged below ten thousand (`9999`, `4.5`).
fn chinese(v: f64) -> String {
    let a = v.abs();
    if a >= 1e8 {
        format!("{}亿", significant(v / 1e8, 3))
    } else if a >= 1e4 {
        format!("{}万", significant(v / 1e4, 3))
    } else {
        significant(v, if a >= 1000.0 { 4 } else { 3 })
    }
}

/// `v` to about `digits` significant digits (never fewer than the whole part), without
/// trailing zeros.
fn significant(v: f64, digits: i32) -> String {
    let a = v.abs();
    let whole_digits = if a >= 1.0 {
        a.log10().floor() as i32 + 1
    } else {
        0
    };
    let mut places = (digits - whole_digits).max(0);
    if a > 0.0 && a < 1.0 {
        // 0.0312: the zeros after the point are not significant.
        places = (digits - 1 - a.log10().floor() as i32).clamp(0, 9);
    }
    let text = decimal(v, places as u32);
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    if text == "-0" {
        "0".to_string()
    } else {
        text
    }
}

/// `1234567.5` as `1,234,567.5`.
fn grouped(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text),
    };
    let (whole, fraction) = rest
        .split_once('.')
        .map_or((rest, None), |(w, f)| (w, Some(f)));
    let mut out = String::new();
    for (k, c) in whole.chars().enumerate() {
        if k > 0 && (whole.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match fraction {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}
