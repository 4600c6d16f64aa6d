//! serde field types that accept what real feeds send instead of failing the whole document:
//! numbers as strings, strings as numbers, "1.790"-style counts, empty strings for absent fields,
//! objects where text was expected, a lone value where a list was expected. Each never fails on a
//! well-formed value, so a derived struct made of them fails only where JSON itself does.
//!
//! And the two places where serde_json is stricter than `JSON.parse`, which the browser's own
//! reading of the same feed would accept: unpaired surrogate escapes ([`replace_lone_surrogates`])
//! and keys given twice ([`last_key_wins`]).

use serde::de::{
    self, value::MapAccessDeserializer, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// The visitor methods of a type that takes every value the same way (`$v`) except those it
/// implements itself.
macro_rules! otherwise {
    ($ty:ty, $v:expr; $($kind:ident)*) => {
        $(otherwise!(@ $kind, $ty, $v);)*
    };
    (@ bool, $ty:ty, $v:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<$ty, E> { Ok($v) }
    };
    (@ num, $ty:ty, $v:expr) => {
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<$ty, E> { Ok($v) }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<$ty, E> { Ok($v) }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<$ty, E> { Ok($v) }
    };
    (@ str, $ty:ty, $v:expr) => {
        fn visit_str<E: de::Error>(self, _: &str) -> Result<$ty, E> { Ok($v) }
    };
    (@ null, $ty:ty, $v:expr) => {
        fn visit_unit<E: de::Error>(self) -> Result<$ty, E> { Ok($v) }
        fn visit_none<E: de::Error>(self) -> Result<$ty, E> { Ok($v) }
    };
    (@ seq, $ty:ty, $v:expr) => {
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<$ty, A::Error> { drain_seq(seq).map(|_| $v) }
    };
    (@ map, $ty:ty, $v:expr) => {
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> { drain_map(map).map(|_| $v) }
    };
}

/// Optional text. Strings are trimmed and empty ones become `None`; numbers become their decimal
/// text (ids are often numbers; whole numbers as integers: "4.0" reads "4"); anything else is
/// `None`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Text(pub Option<String>);

impl Text {
    pub fn into_option(self) -> Option<String> {
        self.0
    }
}

/// Reads a [`Text`]; public so that types taking text among other shapes can delegate to it.
pub struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        let t = v.trim();
        Ok(Text((!t.is_empty()).then(|| t.to_string())))
    }
    /// A string serde_json had to unescape arrives owned: kept, not copied again, when trimmed.
    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        if v.trim().len() == v.len() {
            Ok(Text((!v.is_empty()).then_some(v)))
        } else {
            self.visit_str(&v)
        }
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
        Ok(Text(Some(v.to_string())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
        Ok(Text(Some(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
        Ok(Text(if v.fract() == 0.0 && v.abs() < 9.0e15 {
            Some((v as i64).to_string())
        } else {
            v.is_finite().then(|| format!("{v:?}"))
        }))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Text, D::Error> {
        Text::deserialize(d)
    }
    otherwise!(Text, Text(None); bool null seq map);
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

/// Optional non-negative count: numbers, or strings holding digits (grouping dots, commas and
/// spaces are tolerated: "13.832.759", "1.790"). Negative, fractional garbage or other types are
/// `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Count(pub Option<u64>);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Numbers are read as numbers: only text may hold Vietnamese grouping, and a JSON 2.125
        // is two and a bit, not 2125.
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a count")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
                Ok(Count(Some(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Count, E> {
                Ok(Count(u64::try_from(v).ok()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Count, E> {
                Ok(Count(float_count(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Count, E> {
                Ok(Count(parse_count(v)))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Count, D::Error> {
                Count::deserialize(d)
            }
            otherwise!(Count, Count(None); bool null seq map);
        }
        d.deserialize_any(V)
    }
}

fn float_count(f: f64) -> Option<u64> {
    (0.0..1.8e19).contains(&f).then_some(f as u64)
}

fn parse_count(s: &str) -> Option<u64> {
    let s = s.trim();
    if let Ok(n) = s.parse::<u64>() {
        return Some(n);
    }
    if let Some(n) = grouped(s) {
        return Some(n);
    }
    s.parse::<f64>().ok().and_then(float_count)
}

/// "13.832.759" / "1.790" / "1,790" / "1 790": digits in groups of three, checked before reading
/// the text as a decimal number because "." groups thousands in Vietnamese.
fn grouped(s: &str) -> Option<u64> {
    let groups: Vec<&str> = s.split(['.', ',', ' ', '\u{a0}']).collect();
    let well_grouped = groups.len() > 1
        && groups.iter().all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3);
    if well_grouped {
        groups.concat().parse().ok()
    } else {
        None
    }
}

/// A boolean that also accepts "true"/"false"/"1"/"0" and numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Flag(pub bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a boolean")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Flag, E> {
                Ok(Flag(v != 0))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Flag, E> {
                Ok(Flag(v != 0))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Flag, E> {
                Ok(Flag(v != 0.0))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Flag, E> {
                Ok(Flag(matches!(v.trim().to_ascii_lowercase().as_str(), "true" | "1" | "yes")))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Flag, D::Error> {
                Flag::deserialize(d)
            }
            otherwise!(Flag, Flag(false); null seq map);
        }
        d.deserialize_any(V)
    }
}

/// An object of type `T`, or `None` when the value is not an object. `T` must itself be lenient
/// (all fields of the types in this module) for the whole to be infallible.
#[derive(Clone, Debug, PartialEq)]
pub struct Obj<T>(pub Option<T>);

impl<T> Default for Obj<T> {
    fn default() -> Self {
        Obj(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Obj<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Obj<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(|t| Obj(Some(t)))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Obj<T>, D::Error> {
                Obj::deserialize(d)
            }
            otherwise!(Obj<T>, Obj(None); bool num str null seq);
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// A list of `T`; anything that is not an array is an empty list. A lone string or object is
/// taken as a list of one (feeds write `"tags": "Dân vận"`).
#[derive(Clone, Debug, PartialEq)]
pub struct List<T>(pub Vec<T>);

impl<T> Default for List<T> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
                let mut out = Vec::new();
                while let Some(x) = seq.next_element::<T>()? {
                    out.push(x);
                }
                Ok(List(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<List<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(|t| List(vec![t]))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<List<T>, E> {
                T::deserialize(de::value::StrDeserializer::<E>::new(v)).map(|t| List(vec![t]))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<List<T>, D::Error> {
                List::deserialize(d)
            }
            otherwise!(List<T>, List(Vec::new()); bool num null);
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// `text` with each `\u` escape of an unpaired UTF-16 surrogate replaced by `\ufffd`.
/// `JSON.parse` takes them (a JavaScript `.slice()` through an emoji writes one) and the browser
/// shows U+FFFD; serde_json refuses the document. Borrowed when there is none, as nearly always.
pub fn replace_lone_surrogates(text: &str) -> Cow<'_, str> {
    let hex = |at: usize| {
        let digits = text.as_bytes().get(at..at + 4)?;
        digits.iter().try_fold(0u32, |n, &b| Some(n << 4 | (b as char).to_digit(16)?))
    };
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(found) = text[i..].find('\\') {
        let at = i + found;
        match text.as_bytes().get(at + 1) {
            Some(b'u') => {}
            // Any other escape is two ASCII bytes; a backslash before anything else is left to
            // serde_json to refuse.
            Some(b) if b.is_ascii() => {
                i = at + 2;
                continue;
            }
            _ => {
                i = at + 1;
                continue;
            }
        }
        i = at + 2;
        let lone = match hex(at + 2) {
            Some(0xD800..=0xDBFF) => {
                let paired = text[at + 6..].starts_with("\\u") && matches!(hex(at + 8), Some(0xDC00..=0xDFFF));
                i = if paired { at + 12 } else { at + 6 };
                !paired
            }
            Some(0xDC00..=0xDFFF) => {
                i = at + 6;
                true
            }
            _ => false,
        };
        if lone {
            out.push_str(&text[copied..at]);
            out.push_str("\\ufffd");
            copied = at + 6;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// `read` on `text`; when serde refuses the data (a known key given twice: derived structs refuse
/// what `JSON.parse` takes, keeping the last), once more on the document as [`serde_json::Value`]
/// wrote it back, where the last of equal keys has won. Syntax errors are not retried.
pub fn last_key_wins<R>(text: &str, read: impl Fn(&str) -> serde_json::Result<R>) -> serde_json::Result<R> {
    match read(text) {
        Err(e) if e.is_data() => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(v) => read(&v.to_string()).map_err(|_| e),
            Err(_) => Err(e),
        },
        done => done,
    }
}

/// A value of an owned type from JSON text, the last of equal keys winning ([`last_key_wins`]).
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    last_key_wins(text, |t| serde_json::from_str(t))
}

/// The first line of an error, at most 200 characters: what the console and the error view show.
pub fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from<'a, T: Deserialize<'a>>(json: &'a str) -> T {
        serde_json::from_str(json).expect(json)
    }

    #[test]
    fn text_accepts_numbers_and_drops_empties() {
        assert_eq!(from::<Text>("\"  a \"").0.as_deref(), Some("a"));
        assert_eq!(from::<Text>("\" \\u00e2 \"").0.as_deref(), Some("â"));
        assert_eq!(from::<Text>("\"\"").0, None);
        assert_eq!(from::<Text>("42").0.as_deref(), Some("42"));
        assert_eq!(from::<Text>("4.0").0.as_deref(), Some("4"));
        assert_eq!(from::<Text>("-4e1").0.as_deref(), Some("-40"));
        assert_eq!(from::<Text>("2.50").0.as_deref(), Some("2.5"));
        assert_eq!(from::<Text>("{\"a\":[1,{}]}").0, None);
        assert_eq!(from::<Text>("[1,2]").0, None);
        assert_eq!(from::<Text>("null").0, None);
    }

    #[test]
    fn counts_accept_strings_and_grouping() {
        assert_eq!(from::<Count>("131").0, Some(131));
        assert_eq!(from::<Count>("\"131\"").0, Some(131));
        assert_eq!(from::<Count>("\"13.832.759\"").0, Some(13_832_759));
        assert_eq!(from::<Count>("\"1,790\"").0, Some(1790));
        assert_eq!(from::<Count>("12.7").0, Some(12));
        assert_eq!(from::<Count>("-5").0, None);
        assert_eq!(from::<Count>("\"nhiều\"").0, None);
        assert_eq!(from::<Count>("\"1.79\"").0, Some(1));
        assert_eq!(from::<Count>("\"1.790\"").0, Some(1790));
        assert_eq!(from::<Count>("2.125").0, Some(2));
        assert_eq!(from::<Count>("\"-0\"").0, Some(0));
        assert_eq!(from::<Count>("true").0, None);
    }

    #[test]
    fn lists_tolerate_single_values_and_garbage() {
        assert_eq!(from::<List<Text>>("[\"a\", 1, null, {}]").0.len(), 4);
        assert_eq!(from::<List<Text>>("\"Dân vận\"").0, vec![Text(Some("Dân vận".into()))]);
        assert!(from::<List<Text>>("42").0.is_empty());
        assert!(from::<List<Text>>("null").0.is_empty());
    }

    #[test]
    fn flags() {
        assert!(from::<Flag>("true").0);
        assert!(from::<Flag>("\"true\"").0);
        assert!(!from::<Flag>("\"no\"").0);
        assert!(from::<Flag>("1").0);
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let fixed = |s: &str| replace_lone_surrogates(s).into_owned();
        assert!(matches!(replace_lone_surrogates(r#"{"a":"\ud83d\ude00 \u00e2 \\ud83d"}"#), Cow::Borrowed(_)));
        assert_eq!(fixed(r#""\ud83c""#), r#""\ufffd""#);
        assert_eq!(fixed(r#""x\ude00y""#), r#""x\ufffdy""#);
        assert_eq!(fixed(r#""\ud83d\u0041""#), r#""\ufffd\u0041""#);
        assert_eq!(fixed(r#""\uD83D\uD83D\uDE00""#), r#""\ufffd\uD83D\uDE00""#);
        assert_eq!(fixed(r#""\\\ud800""#), r#""\\\ufffd""#);
        assert_eq!(fixed(r#""\ud800"#), r#""\ufffd"#);
        assert_eq!(fixed("\"\\ud83"), "\"\\ud83", "not an escape: left for serde_json to refuse");
        assert_eq!(fixed("\\é\\"), "\\é\\");
        let read: String = from(&fixed(r#""Tết 🎉 \ud83c""#));
        assert_eq!(read, "Tết 🎉 \u{fffd}");
    }

    #[test]
    fn the_last_of_equal_keys_wins() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct S {
            a: u32,
        }
        let read = from_json::<S>;
        assert_eq!(read(r#"{"a": 1, "a": 2}"#).ok(), Some(S { a: 2 }));
        assert_eq!(read(r#"{"a": 1}"#).ok(), Some(S { a: 1 }));
        assert!(read(r#"{"a": 1,}"#).is_err(), "syntax stays an error");
        assert!(read(r#"{"a": "x"}"#).is_err(), "a refused value stays refused");
    }
}
