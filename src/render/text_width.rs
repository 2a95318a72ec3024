//! How wide a label's text is, from a table of glyph widths that the canvas and the SVG
//! pictures share: the core cannot measure fonts, and the same estimate on both sides keeps
//! their labels in the same places.

/// Advance widths of the printable ASCII glyphs (space to `~`), in hundredths of an em, in
/// regular weight. Measured in Chromium from DejaVu Sans, which is what the label font stack
/// resolves to on Linux and the widest of the system UI fonts it names (Segoe UI, San
/// Francisco and Roboto set the same text narrower), so a box is never too small for it.
const ASCII: [u8; 95] = [
    32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, // space to /
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 53, // 0 to ?
    100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, // @ to O
    60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50, // P to _
    50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, // ` to o
    63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84, // p to ~
];

/// Bold (600) Latin glyphs are about this much wider than regular ones in the same fonts;
/// CJK glyphs stay one em.
const BOLD: f64 = 1.13;

/// Width of `text` at `size` px: ASCII from the table; CJK glyphs and punctuation from
/// U+2000 on (dashes and quotes, which CJK fonts set one em wide) one em; anything else
/// (`·`, accented Latin) 0.65 em, which is at least their width.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let latin = if bold { BOLD } else { 1.0 };
    let ems: f64 = text
        .chars()
        .map(
            |c| match (c as u32, ASCII.get((c as usize).wrapping_sub(0x20))) {
                (_, Some(hundredths)) => f64::from(*hundredths) / 100.0 * latin,
                (0x2000.., None) => 1.0,
                _ => 0.65 * latin,
            },
        )
        .sum();
    ems * size
}
