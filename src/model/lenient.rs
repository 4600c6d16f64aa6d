//! Field types that accept what real feeds send instead of failing the whole document: numbers as
//! strings, strings as numbers, empty strings for absent fields, objects where text was expected.
//! Each reads a [`Json`] value the way the serde types they replace read it, so documents are
//! accepted and refused exactly as before: the only errors are those of [`Json::visit`] (an
//! unpaired surrogate escape, a number out of range) and of [`json::fields`] (a duplicate key).

use crate::model::json::{self, Json, Members, Number, Value};

/// Optional text. Strings are trimmed and empty ones become `None`; numbers become their
/// decimal text (ids are often numbers): whole numbers as integers ("4.0" and "4e0" read "4"), other
/// numbers as the feed wrote them ("2.50"), which keeps float formatting (≈ 6 KB) out of the wasm;
/// anything else is `None`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Text(pub Option<String>);

impl Text {
    pub fn into_option(self) -> Option<String> {
        self.0
    }

    pub fn read(v: &Json<'_>) -> Result<Text, String> {
        Ok(Text(match (v.visit()?, v) {
            // An untrimmed string decoded from escapes is kept, not copied again.
            (Value::Str(s), _) => match s.trim() {
                "" => None,
                t if t.len() == s.len() => Some(s.into_owned()),
                t => Some(t.to_string()),
            },
            (Value::Num(n), Json::Num(literal)) => Some(number_text(n, literal)),
            _ => None,
        }))
    }
}

fn number_text(n: Number, literal: &str) -> String {
    match n {
        Number::U(v) => v.to_string(),
        Number::I(v) => v.to_string(),
        Number::F(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => (v as i64).to_string(),
        Number::F(_) => literal.to_string(),
    }
}

/// Optional non-negative count: numbers, or strings holding digits (grouping dots, commas and
/// spaces are tolerated: "13.832.759", "1.790"). Negative, fractional garbage or other types are
/// `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Count(pub Option<u64>);

impl Count {
    pub fn read(v: &Json<'_>) -> Result<Count, String> {
        // Numbers are read as numbers: only text may hold Vietnamese grouping, and a JSON 2.125
        // is two and a bit, not 2125.
        Ok(Count(match v.visit()? {
            Value::Num(Number::U(n)) => Some(n),
            Value::Num(Number::I(n)) => u64::try_from(n).ok(),
            Value::Num(Number::F(f)) => float_count(f),
            Value::Str(s) => parse_count(&s),
            _ => None,
        }))
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

impl Flag {
    pub fn read(v: &Json<'_>) -> Result<Flag, String> {
        Ok(Flag(match v.visit()? {
            Value::Bool(b) => b,
            Value::Num(Number::U(n)) => n != 0,
            Value::Num(Number::I(n)) => n != 0,
            Value::Num(Number::F(f)) => f != 0.0,
            Value::Str(s) => matches!(s.trim().to_ascii_lowercase().as_str(), "true" | "1" | "yes"),
            _ => false,
        }))
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

impl<T> Obj<T> {
    pub fn read<'a>(v: &Json<'a>, read: fn(&Members<'a>) -> Result<T, String>) -> Result<Obj<T>, String> {
        match members(v)? {
            Some(m) => read(m).map(|t| Obj(Some(t))),
            None => Ok(Obj(None)),
        }
    }
}

/// The members of an object; `None` for any other value (checked as serde_json would).
pub fn members<'v, 'a>(v: &'v Json<'a>) -> Result<Option<&'v Members<'a>>, String> {
    Ok(match v.visit()? {
        Value::Obj(m) => Some(m),
        _ => None,
    })
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

impl<T> List<T> {
    pub fn read<'a>(v: &Json<'a>, read: &dyn Fn(&Json<'a>) -> Result<T, String>) -> Result<List<T>, String> {
        elements(v)?.iter().map(read).collect::<Result<_, _>>().map(List)
    }
}

/// The elements a [`List`] reads: an array's, a lone string or object, or none.
fn elements<'v, 'a>(v: &'v Json<'a>) -> Result<&'v [Json<'a>], String> {
    Ok(match v.visit()? {
        Value::Arr(a) => a,
        Value::Obj(_) | Value::Str(_) => std::slice::from_ref(v),
        _ => &[],
    })
}

/// Reads an object's members into a `Default` struct, as `#[derive(Deserialize)]` with
/// `#[serde(default)]` did: `read` gets each listed key present (in document order) with its value.
pub fn fields<'a, T: Default>(
    m: &Members<'a>,
    names: &[&'static str],
    read: fn(&mut T, &'static str, &Json<'a>) -> Result<(), String>,
) -> Result<T, String> {
    let mut out = T::default();
    json::fields(m, names, &mut |k, v| read(&mut out, k, v))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(json: &str) -> Json<'_> {
        json::parse(json).expect(json)
    }

    fn text(json: &str) -> Text {
        Text::read(&doc(json)).expect(json)
    }

    fn count(json: &str) -> Count {
        Count::read(&doc(json)).expect(json)
    }

    fn flag(json: &str) -> Flag {
        Flag::read(&doc(json)).expect(json)
    }

    fn texts(json: &str) -> List<Text> {
        List::read(&doc(json), &Text::read).expect(json)
    }

    #[test]
    fn text_accepts_numbers_and_drops_empties() {
        assert_eq!(text("\"  a \"").0.as_deref(), Some("a"));
        assert_eq!(text("\"\"").0, None);
        assert_eq!(text("42").0.as_deref(), Some("42"));
        assert_eq!(text("4.0").0.as_deref(), Some("4"));
        assert_eq!(text("-4e1").0.as_deref(), Some("-40"));
        assert_eq!(text("2.50").0.as_deref(), Some("2.50"), "as written");
        assert_eq!(text("1e-3").0.as_deref(), Some("1e-3"), "as written");
        assert_eq!(text("{\"a\":[1,{}]}").0, None);
        assert_eq!(text("[1,2]").0, None);
        assert_eq!(text("null").0, None);
    }

    #[test]
    fn counts_accept_strings_and_grouping() {
        assert_eq!(count("131").0, Some(131));
        assert_eq!(count("\"131\"").0, Some(131));
        assert_eq!(count("\"13.832.759\"").0, Some(13_832_759));
        assert_eq!(count("\"1,790\"").0, Some(1790));
        assert_eq!(count("12.7").0, Some(12));
        assert_eq!(count("-5").0, None);
        assert_eq!(count("\"nhiều\"").0, None);
        assert_eq!(count("\"1.79\"").0, Some(1));
        assert_eq!(count("\"1.790\"").0, Some(1790));
        assert_eq!(count("2.125").0, Some(2));
        assert_eq!(count("\"-0\"").0, Some(0));
        assert_eq!(count("true").0, None);
    }

    #[test]
    fn lists_tolerate_single_values_and_garbage() {
        assert_eq!(texts("[\"a\", 1, null, {}]").0.len(), 4);
        assert_eq!(texts("\"Dân vận\"").0, vec![Text(Some("Dân vận".into()))]);
        assert!(texts("42").0.is_empty());
        assert!(texts("null").0.is_empty());
    }

    #[test]
    fn flags() {
        assert!(flag("true").0);
        assert!(flag("\"true\"").0);
        assert!(!flag("\"no\"").0);
        assert!(flag("1").0);
    }

    #[test]
    fn values_serde_json_refused_still_are() {
        assert!(Text::read(&doc("1e400")).is_err());
        assert!(Count::read(&doc("\"\\ud800\"")).is_err());
        assert!(members(&doc("1e400")).is_err());
        assert!(Text::read(&doc("[1e400, \"\\ud800\"]")).is_ok(), "ignored values are not converted");
    }
}
