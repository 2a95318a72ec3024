//! A small JSON parser (RFC 8259) for the two data files: text → [`Json`] tree, or the line,
//! column and plain-words reason of the first syntax error. Our own, because the general
//! serde stack cost the widget more bytes than everything else it ships; nesting is limited
//! so hostile input cannot exhaust the stack.

/// A parsed JSON value. Objects keep their members in file order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A finite number.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, members in file order.
    Object(Vec<(String, Json)>),
    /// A value checked but not built, kept as its byte range in the text (see
    /// [`parse_deferring`]); [`resolve`] builds it when it is needed.
    Deferred {
        /// Where the value starts, in bytes.
        start: usize,
        /// Where it ends.
        end: usize,
    },
}

/// How deep arrays and objects may nest (GeoJSON needs 6).
pub const MAX_DEPTH: usize = 128;

/// The first syntax error in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong, in plain words.
    pub message: String,
}

impl Json {
    /// The member `key` of an object (the first, if repeated).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    /// What kind of value this is, for messages: "a string", "an array", …
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "true or false",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
            Json::Deferred { .. } => "a value",
        }
    }
}

/// Parses `text` as one JSON value (surrounding whitespace allowed).
pub fn parse(text: &str) -> Result<Json, SyntaxError> {
    parse_deferring(text, &[])
}

/// Parses `text` like [`parse`], but the values of object members named in `deferred` are
/// only checked and kept as [`Json::Deferred`]. A GeoJSON file is mostly coordinates: built all
/// at once they take several times the file's size; built one geometry at a time with
/// [`resolve`], the largest geometry's.
pub fn parse_deferring(text: &str, deferred: &[&str]) -> Result<Json, SyntaxError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        deferred,
    };
    p.skip_ws();
    let value = p.value(0, true)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error("unexpected text after the end of the JSON value"));
    }
    Ok(value)
}

/// The value `value` stands for in `text`: itself, borrowed, or, if deferred, the value
/// parsed from its range (checked when `text` was first parsed, so this does not fail on the
/// same text; `None` if it does).
pub fn resolve<'a>(text: &str, value: &'a Json) -> Option<std::borrow::Cow<'a, Json>> {
    match value {
        Json::Deferred { start, end } => text
            .get(*start..*end)
            .and_then(|t| parse(t).ok())
            .map(std::borrow::Cow::Owned),
        other => Some(std::borrow::Cow::Borrowed(other)),
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Member names whose values are checked but not built.
    deferred: &'a [&'a str],
}

impl Parser<'_> {
    fn error(&self, message: &str) -> SyntaxError {
        // Lines and columns in characters, not bytes (a byte that starts a character counts),
        // in one plain loop: `str` pattern searches cost the wasm over a kilobyte.
        let (mut line, mut column) = (1, 1);
        for &b in self.bytes.get(..self.pos).unwrap_or(self.bytes) {
            if b == b'\n' {
                (line, column) = (line + 1, 1);
            } else if b & 0xC0 != 0x80 {
                column += 1;
            }
        }
        SyntaxError {
            line,
            column,
            message: message.to_string(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect_word(&mut self, word: &str, value: Json) -> Result<Json, SyntaxError> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self
                .error("expected a value (a string, number, object, array, true, false or null)"))
        }
    }

    /// The value at the cursor; with `keep` false it is only checked (`Null` comes back).
    fn value(&mut self, depth: usize, keep: bool) -> Result<Json, SyntaxError> {
        match self.peek() {
            None => Err(self.error("the text ends where a value should be")),
            Some(b'{') => self.object(depth + 1, keep),
            Some(b'[') => self.array(depth + 1, keep),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.expect_word("true", Json::Bool(true)),
            Some(b'f') => self.expect_word("false", Json::Bool(false)),
            Some(b'n') => self.expect_word("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self
                .error("expected a value (a string, number, object, array, true, false or null)")),
        }
    }

    fn nest(&self, depth: usize) -> Result<(), SyntaxError> {
        if depth > MAX_DEPTH {
            Err(self.error("arrays and objects nest too deeply (more than 128 levels)"))
        } else {
            Ok(())
        }
    }

    fn array(&mut self, depth: usize, keep: bool) -> Result<Json, SyntaxError> {
        self.nest(depth)?;
        self.pos += 1; // [
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_ws();
            let item = self.value(depth, keep)?;
            if keep {
                items.push(item);
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                None => return Err(self.error("the text ends inside an array: a ] is missing")),
                Some(_) => return Err(self.error("expected , or ] after an array item")),
            }
        }
    }

    fn object(&mut self, depth: usize, keep: bool) -> Result<Json, SyntaxError> {
        self.nest(depth)?;
        self.pos += 1; // {
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error("the text ends inside an object: a } is missing")),
                Some(_) => return Err(self.error("expected a member name in double quotes")),
            }
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error("expected : after a member name"));
            }
            self.pos += 1;
            self.skip_ws();
            let start = self.pos;
            let defer = keep && self.deferred.contains(&key.as_str());
            let value = self.value(depth, keep && !defer)?;
            if defer {
                let end = self.pos;
                members.push((key, Json::Deferred { start, end }));
            } else if keep {
                members.push((key, value));
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                None => return Err(self.error("the text ends inside an object: a } is missing")),
                Some(_) => return Err(self.error("expected , or } after an object member")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("\\u must be followed by four hexadecimal digits"))?;
        let n = u32::from_str_radix(digits, 16)
            .map_err(|_| self.error("\\u must be followed by four hexadecimal digits"))?;
        self.pos += 4;
        Ok(n)
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(self.text.get(start..self.pos).unwrap_or(""));
            match self.peek() {
                None => return Err(self.error("the text ends inside a string: a \" is missing")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = self.peek();
                    self.pos += 1;
                    match escaped {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first)
                                && self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u")
                            {
                                self.pos += 2;
                                let second = self.hex4()?;
                                0x10000 + ((first - 0xD800) << 10) + second.wrapping_sub(0xDC00)
                            } else {
                                first
                            };
                            // A lone surrogate cannot be text: keep the place, mark it.
                            // Control characters (other than tab and line breaks) have no
                            // place in map text, and U+001F separates strings on their way
                            // to the page: they become U+FFFD too.
                            let control = code < 0x20 && !matches!(code, 0x09 | 0x0A | 0x0D);
                            let c = char::from_u32(code).filter(|_| !control);
                            out.push(c.unwrap_or('\u{FFFD}'));
                        }
                        _ => {
                            self.pos -= 1;
                            return Err(self.error("unknown escape after \\ in a string"));
                        }
                    }
                }
                Some(_) => return Err(self.error(
                    "a control character (such as a line break) inside a string must be escaped",
                )),
            }
        }
    }

    fn number(&mut self) -> Result<Json, SyntaxError> {
        let start = self.pos;
        let mut n = Decimal::default();
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        if self.peek() == Some(b'0') {
            self.pos += 1;
        } else if self.digits(&mut n, false) == 0 {
            return Err(self.error("a number needs digits"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits(&mut n, true) == 0 {
                return Err(self.error("a number needs digits after the decimal point"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            let sign = match self.peek() {
                Some(b'-') => -1,
                Some(b'+') => 1,
                _ => 0,
            };
            if sign != 0 {
                self.pos += 1;
            }
            let mut exponent: i32 = 0;
            let from = self.pos;
            while let Some(d @ b'0'..=b'9') = self.peek() {
                exponent = exponent
                    .saturating_mul(10)
                    .saturating_add(i32::from(d - b'0'));
                self.pos += 1;
            }
            if self.pos == from {
                return Err(self.error("a number needs digits in its exponent"));
            }
            n.exponent = n
                .exponent
                .saturating_add(if sign < 0 { -exponent } else { exponent });
        }
        let value = n.value();
        if !value.is_finite() {
            self.pos = start;
            return Err(self.error("number out of range"));
        }
        Ok(Json::Number(if negative { -value } else { value }))
    }

    /// Reads a run of digits into `n` (after the decimal point if `fraction`); returns how many.
    fn digits(&mut self, n: &mut Decimal, fraction: bool) -> usize {
        let from = self.pos;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            n.push(d - b'0', fraction);
            self.pos += 1;
        }
        self.pos - from
    }
}

/// A number as read: `mantissa × 10^exponent`, keeping the first 19 significant digits.
///
/// Our own rather than `str::parse::<f64>`, whose exact algorithm costs the wasm about 8 KB.
/// Values with at most 15 significant digits and a small exponent (every coordinate and date
/// a GeoJSON exporter writes) come out exactly as `parse` gives them (Clinger's fast path);
/// the rest are within a few units in the last place.
#[derive(Default)]
struct Decimal {
    mantissa: u64,
    exponent: i32,
}

impl Decimal {
    /// Below this, one more digit still fits in a `u64`.
    const ROOM_FOR_A_DIGIT: u64 = 900_000_000_000_000_000;

    fn push(&mut self, digit: u8, fraction: bool) {
        if self.mantissa < Self::ROOM_FOR_A_DIGIT {
            self.mantissa = self.mantissa * 10 + u64::from(digit);
            if fraction {
                self.exponent -= 1;
            }
        } else if !fraction {
            // Digits past the 19th only scale the number.
            self.exponent += 1;
        }
    }

    fn value(&self) -> f64 {
        // Powers of ten that an f64 holds exactly.
        const EXACT: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ];
        if self.mantissa == 0 {
            return 0.0;
        }
        let m = self.mantissa as f64;
        let exact_mantissa = self.mantissa < (1 << 53);
        match EXACT.get(self.exponent.unsigned_abs() as usize) {
            Some(&p) if exact_mantissa && self.exponent < 0 => m / p,
            Some(&p) if exact_mantissa => m * p,
            _ if self.exponent < -300 => m * 10f64.powi(self.exponent + 300) * 1e-300,
            _ => m * 10f64.powi(self.exponent),
        }
    }
}
