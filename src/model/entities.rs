//! Decodes HTML character references in fields that are plain text (JSON Feed `title`, WordPress
//! `title.rendered`). The result is rendered as text, never as HTML.

/// Also the widget script's (through `prerender --widget-kit`).
pub const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("copy", '©'),
    ("reg", '®'),
    ("middot", '·'),
    ("bull", '•'),
    ("deg", '°'),
    // HTML5 names of the Vietnamese letters outside Latin-1 that have one.
    ("abreve", 'ă'),
    ("Abreve", 'Ă'),
    ("dstrok", 'đ'),
    ("Dstrok", 'Đ'),
];

/// The HTML 4 Latin-1 names, U+00A0..=U+00FF in order. PHP's htmlentities() and the CMSs built on
/// it write Vietnamese that way: "X&atilde; h&#7897;i" for "Xã hội".
pub const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo", "not", "shy",
    "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot", "cedil", "sup1", "ordm",
    "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig",
    "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve",
    "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN",
    "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc",
    "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml",
    "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
];

pub fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match decode_one(rest) {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes one reference at the start of `s` (which begins with '&'): the char and bytes used.
fn decode_one(s: &str) -> Option<(char, usize)> {
    // Only the next 12 bytes may hold the ';': searching the whole rest made text with many '&'
    // and no ';' quadratic.
    let end = s.bytes().skip(1).take(12).position(|b| b == b';')? + 1;
    let body = &s[1..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        match code {
            0 => '\u{fffd}',
            _ => char::from_u32(code).unwrap_or('\u{fffd}'),
        }
    } else if let Some(&(_, c)) = NAMED.iter().find(|(n, _)| *n == body) {
        c
    } else {
        let i = LATIN1.iter().position(|n| *n == body)?;
        char::from_u32(0xA0 + i as u32)?
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_named_and_numeric_references() {
        assert_eq!(decode("Kinh t&#7871; &amp; x&atilde; h&#x1ED9;i"), "Kinh tế & xã hội");
        assert_eq!(decode("&Agrave;&yuml;&times;&divide;&dstrok;&Abreve;"), "Àÿ×÷đĂ");
        assert_eq!(decode("&lt;script&gt;"), "<script>");
        assert_eq!(decode("Quý I &#8211; 2022&hellip;"), "Quý I – 2022…");
    }

    #[test]
    fn leaves_broken_references_alone() {
        assert_eq!(decode("AT&T"), "AT&T");
        assert_eq!(decode("a & b;"), "a & b;");
        assert_eq!(decode("&#xZZ;"), "&#xZZ;");
        assert_eq!(decode("&#0;&#xD800;"), "\u{fffd}\u{fffd}");
        assert_eq!(decode("&"), "&");
        assert_eq!(decode("&;"), "&;");
    }
}
