//! A small JSON reader: one non-generic parser into one value type, so the wasm carries a single
//! code path instead of a serde deserializer per struct. Syntax is RFC 8259 as strictly as
//! serde_json reads it (no trailing commas, no NaN, no leading zeros, no control characters in
//! strings, nesting limited to serde_json's 128 levels so hostile input cannot overflow the stack).
//!
//! Parsing only checks; it neither copies strings nor converts numbers. Strings borrow the text
//! and decode their escapes, and numbers are converted, when a reader asks for them
//! ([`Json::visit`]): what is never read is never decoded, and the checks serde_json makes only on
//! values it converts (lone surrogates, numbers out of range) are made at the same places.

use std::borrow::Cow;
use std::fmt;

/// serde_json's default recursion limit: 127 nested arrays/objects are read, 128 are refused.
const MAX_DEPTH: u32 = 128;

#[derive(Clone, Debug, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    /// The number as written (syntax checked).
    Num(&'a str),
    Str(Str<'a>),
    Arr(Vec<Json<'a>>),
    Obj(Vec<(Str<'a>, Json<'a>)>),
}

/// The members of an object, in document order (duplicates kept).
pub type Members<'a> = [(Str<'a>, Json<'a>)];

/// A string as written between its quotes; its escapes are checked but decoded only on demand.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Str<'a> {
    raw: &'a str,
    escaped: bool,
}

/// A number as serde_json hands it to a visitor: unsigned and negative integers exactly, anything
/// else (fractions, exponents, integers beyond 64 bits, `-0`) as a float.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    U(u64),
    I(i64),
    F(f64),
}

/// A value as a reader sees it: scalars converted, containers borrowed.
#[derive(Debug)]
pub enum Value<'v, 'a> {
    Null,
    Bool(bool),
    Num(Number),
    Str(Cow<'a, str>),
    Arr(&'v [Json<'a>]),
    Obj(&'v Members<'a>),
}

/// Why text is not JSON, and at which byte.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub what: &'static str,
    pub at: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.what, self.at)
    }
}

/// Reads one JSON document; only whitespace may follow it. A byte-order mark is not whitespace
/// (strip it first, as `JSON.parse` users must).
pub fn parse(text: &str) -> Result<Json<'_>, SyntaxError> {
    let mut p = Parser { s: text, b: text.as_bytes(), i: 0, items: Vec::new(), members: Vec::new() };
    let v = p.value(MAX_DEPTH)?;
    p.ws();
    if p.i != p.b.len() {
        return Err(p.err("trailing characters"));
    }
    Ok(v)
}

impl<'a> Json<'a> {
    /// The value converted as serde_json converts what it passes to a visitor; fails where it
    /// would: a string with an unpaired surrogate escape, a number too large for a float.
    pub fn visit(&self) -> Result<Value<'_, 'a>, String> {
        Ok(match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Num(t) => Value::Num(number(t)?),
            Json::Str(s) => Value::Str(s.decode()?),
            Json::Arr(a) => Value::Arr(a),
            Json::Obj(o) => Value::Obj(o),
        })
    }
}

/// Visits the members of `obj` whose key is one of `names`, in document order, as a serde-derived
/// struct reads them: other keys are skipped unread, a listed key given twice is an error.
pub fn fields<'a>(
    obj: &Members<'a>,
    names: &[&'static str],
    read: &mut dyn FnMut(&'static str, &Json<'a>) -> Result<(), String>,
) -> Result<(), String> {
    let mut seen = 0u64;
    for (key, value) in obj {
        // Keys are nearly always written plainly: compared as they stand, without a `Cow`.
        let found = if key.escaped {
            let key = key.decode()?;
            names.iter().position(|n| *n == key)
        } else {
            names.iter().position(|n| *n == key.raw)
        };
        if let Some(i) = found {
            if seen & (1 << i) != 0 {
                return Err(format!("duplicate field `{}`", names[i]));
            }
            seen |= 1 << i;
            read(names[i], value)?;
        }
    }
    Ok(())
}

impl<'a> Str<'a> {
    pub fn decode(&self) -> Result<Cow<'a, str>, String> {
        if self.escaped {
            unescape(self.raw).map(Cow::Owned)
        } else {
            Ok(Cow::Borrowed(self.raw))
        }
    }
}

fn unescape(raw: &str) -> Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let esc = rest.as_bytes().get(i + 1).copied().unwrap_or(b'\\');
        rest = &rest[i + 2..];
        let c = match esc {
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let n = hex4(rest);
                rest = &rest[4..];
                let code = match n {
                    0xDC00..=0xDFFF => return Err("lone leading surrogate in hex escape".into()),
                    0xD800..=0xDBFF => {
                        let Some(low) = rest.strip_prefix("\\u") else {
                            return Err("unexpected end of hex escape".into());
                        };
                        let n2 = hex4(low);
                        if !(0xDC00..=0xDFFF).contains(&n2) {
                            return Err("lone leading surrogate in hex escape".into());
                        }
                        rest = &low[4..];
                        0x1_0000 + ((n - 0xD800) << 10 | (n2 - 0xDC00))
                    }
                    n => n,
                };
                char::from_u32(code).unwrap_or('\u{fffd}')
            }
            other => other as char,
        };
        out.push(c);
    }
    out.push_str(rest);
    Ok(out)
}

/// Four hex digits the parser has already checked.
fn hex4(s: &str) -> u32 {
    s.bytes().take(4).fold(0, |n, b| n << 4 | (b as char).to_digit(16).unwrap_or(0))
}

/// Integers are read by hand; only fractions, exponents and integers beyond 64 bits go through
/// the float parser.
fn number(text: &str) -> Result<Number, String> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, text),
    };
    if digits.bytes().all(|b| b.is_ascii_digit()) {
        let exact = digits.bytes().try_fold(0u64, |n, b| n.checked_mul(10)?.checked_add(u64::from(b - b'0')));
        if let Some(n) = exact {
            if !negative {
                return Ok(Number::U(n));
            }
            let neg = (n as i64).wrapping_neg();
            // Like serde_json: `-0` and integers below i64::MIN are floats.
            return Ok(if neg >= 0 { Number::F(-(n as f64)) } else { Number::I(neg) });
        }
    }
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() => Ok(Number::F(f)),
        _ => Err("number out of range".into()),
    }
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    // Open containers collect their values here and move them out in one exact allocation when
    // they close, instead of each growing its own Vec (three or four reallocations per item).
    items: Vec<Json<'a>>,
    members: Vec<(Str<'a>, Json<'a>)>,
}

impl<'a> Parser<'a> {
    fn err(&self, what: &'static str) -> SyntaxError {
        SyntaxError { what, at: self.i }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: u32) -> Result<Json<'a>, SyntaxError> {
        self.ws();
        match self.peek() {
            Some(b'"') => {
                self.i += 1;
                self.string().map(Json::Str)
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(_) => Err(self.err("expected value")),
            None => Err(self.err("EOF while parsing a value")),
        }
    }

    fn literal(&mut self, word: &str, v: Json<'a>) -> Result<Json<'a>, SyntaxError> {
        if self.b[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(v)
        } else {
            Err(self.err("expected ident"))
        }
    }

    fn enter(&mut self, depth: u32) -> Result<u32, SyntaxError> {
        self.i += 1;
        match depth - 1 {
            0 => Err(self.err("recursion limit exceeded")),
            d => Ok(d),
        }
    }

    fn array(&mut self, depth: u32) -> Result<Json<'a>, SyntaxError> {
        let depth = self.enter(depth)?;
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(Json::Arr(Vec::new()));
        }
        let base = self.items.len();
        loop {
            let v = self.value(depth)?;
            self.items.push(v);
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Json::Arr(self.items.split_off(base)));
                }
                _ => return Err(self.err("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: u32) -> Result<Json<'a>, SyntaxError> {
        let depth = self.enter(depth)?;
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(Json::Obj(Vec::new()));
        }
        let base = self.members.len();
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.err("key must be a string"));
            }
            self.i += 1;
            let key = self.string()?;
            self.ws();
            if self.peek() != Some(b':') {
                return Err(self.err("expected `:`"));
            }
            self.i += 1;
            let v = self.value(depth)?;
            self.members.push((key, v));
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Json::Obj(self.members.split_off(base)));
                }
                _ => return Err(self.err("expected `,` or `}`")),
            }
        }
    }

    /// After the opening quote.
    fn string(&mut self) -> Result<Str<'a>, SyntaxError> {
        let start = self.i;
        let mut escaped = false;
        loop {
            self.skip_plain();
            match self.peek() {
                Some(b'"') => {
                    let raw = &self.s[start..self.i];
                    self.i += 1;
                    return Ok(Str { raw, escaped });
                }
                Some(b'\\') => {
                    escaped = true;
                    self.i += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.i += 1,
                        Some(b'u') => {
                            self.i += 1;
                            let hex = self.b.get(self.i..self.i + 4).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                            if hex.is_none() {
                                return Err(self.err("invalid escape"));
                            }
                            self.i += 4;
                        }
                        _ => return Err(self.err("invalid escape")),
                    }
                }
                Some(_) => return Err(self.err("control character (\\u0000-\\u001F) found while parsing a string")),
                None => return Err(self.err("EOF while parsing a string")),
            }
        }
    }

    /// Skips string bytes that need no attention (not `"`, `\\` or a control character), eight
    /// at a time: article bodies are most of a feed's bytes. A word that holds any of the three
    /// (or a false alarm above one) is left to the exact byte loop.
    fn skip_plain(&mut self) {
        const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
        const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
        let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
        while let Some(word) = self.b.get(self.i..self.i + 8) {
            let mut w = [0; 8];
            w.copy_from_slice(word);
            let w = u64::from_ne_bytes(w);
            let hit = zero(w ^ (ONES * u64::from(b'"')))
                | zero(w ^ (ONES * u64::from(b'\\')))
                | (w.wrapping_sub(ONES * 0x20) & !w & HIGHS);
            if hit != 0 {
                break;
            }
            self.i += 8;
        }
        let rest = &self.b[self.i..];
        self.i += rest.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20).unwrap_or(rest.len());
    }

    fn number(&mut self) -> Result<Json<'a>, SyntaxError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.i += 1;
                if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    return Err(self.err("invalid number"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.err("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            self.required_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            self.required_digits()?;
        }
        Ok(Json::Num(&self.s[start..self.i]))
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
    }

    fn required_digits(&mut self) -> Result<(), SyntaxError> {
        let before = self.i;
        self.digits();
        if self.i == before {
            return Err(self.err("invalid number"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> Json<'_> {
        parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn num(s: &str) -> Result<Number, String> {
        match ok(s) {
            Json::Num(t) => number(t),
            other => panic!("{s}: {other:?}"),
        }
    }

    fn string(s: &str) -> Result<String, String> {
        match ok(s) {
            Json::Str(t) => t.decode().map(Cow::into_owned),
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn strict_syntax() {
        for bad in [
            "",
            " ",
            "[1,]",
            "{\"a\":1,}",
            "NaN",
            "01",
            "-",
            "1.",
            ".5",
            "+1",
            "1e",
            "[1 2]",
            "{a:1}",
            "{\"a\" 1}",
            "\"\u{1}\"",
            "\"\\x\"",
            "\"\\u12\"",
            "\"abc",
            "[",
            "{",
            "tru",
            "nul",
            "1 2",
            "\u{feff}{}",
            "'a'",
            "[]]",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} must be refused");
        }
        for good in ["0", "-0", "1.5e-3", "1E+2", " {} ", "[[], {}]", "\"\\/\"", "null", "true", "false"] {
            ok(good);
        }
    }

    #[test]
    fn nesting_limit_is_serde_jsons() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&nested(127)).is_ok());
        assert!(parse(&nested(128)).is_err());
        assert!(parse(&nested(100_000)).is_err());
    }

    #[test]
    fn numbers_as_serde_json_hands_them_out() {
        assert_eq!(num("42"), Ok(Number::U(42)));
        assert_eq!(num("18446744073709551615"), Ok(Number::U(u64::MAX)));
        assert_eq!(num("18446744073709551616"), Ok(Number::F(18446744073709551616.0)));
        assert_eq!(num("-5"), Ok(Number::I(-5)));
        assert_eq!(num("-9223372036854775808"), Ok(Number::I(i64::MIN)));
        assert_eq!(num("-9223372036854775809"), Ok(Number::F(-9223372036854775809.0)));
        assert!(matches!(num("-0"), Ok(Number::F(f)) if f == 0.0 && f.is_sign_negative()));
        assert_eq!(num("4.0"), Ok(Number::F(4.0)));
        assert_eq!(num("1e2"), Ok(Number::F(100.0)));
        assert!(num("1e400").is_err());
        assert_eq!(num("1e-400"), Ok(Number::F(0.0)));
    }

    #[test]
    fn strings_decode_on_demand() {
        assert_eq!(string(r#""plain""#).as_deref(), Ok("plain"));
        assert_eq!(string(r#""a\"b\\c\/d\n\t\u00e2\u1EADe""#).as_deref(), Ok("a\"b\\c/d\n\tâậe"));
        assert_eq!(string(r#""\ud83d\ude00""#).as_deref(), Ok("😀"));
        assert!(string(r#""\ud83d""#).is_err());
        assert!(string(r#""\ud83dx""#).is_err());
        assert!(string(r#""\ude00""#).is_err());
        assert!(string(r#""\ud83d\u0041""#).is_err());
    }

    #[test]
    fn fields_like_a_derived_struct() {
        let doc = ok(r#"{"a": 1, "zz": [1e400, "\ud800"], "b": 2, "\u0061": 3}"#);
        let Json::Obj(members) = doc else { panic!() };
        let mut got = Vec::new();
        let r = fields(&members, &["a", "b"], &mut |k, v| {
            got.push((k, v.clone()));
            Ok(())
        });
        assert_eq!(r, Err("duplicate field `a`".into()));
        assert_eq!(got, [("a", Json::Num("1")), ("b", Json::Num("2"))]);
    }
}
