//! Decodes HTML character references in fields that are plain text (JSON Feed `title`, WordPress
//! `title.rendered`). The result is rendered as text, never as HTML.

const NAMED: &[(&str, char)] = &[
    ("amp", '&'), ("lt", '<'), ("gt", '>'), ("quot", '"'), ("apos", '\''), ("nbsp", '\u{a0}'),
    ("ndash", '–'), ("mdash", '—'), ("hellip", '…'), ("lsquo", '‘'), ("rsquo", '’'),
    ("ldquo", '“'), ("rdquo", '”'), ("laquo", '«'), ("raquo", '»'), ("copy", '©'), ("reg", '®'),
    ("middot", '·'), ("bull", '•'), ("deg", '°'),
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
    let end = s[1..].find(';')? + 1;
    if end > 12 {
        return None;
    }
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
    } else {
        NAMED.iter().find(|(n, _)| *n == body)?.1
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_named_and_numeric_references() {
        assert_eq!(decode("Kinh t&#7871; &amp; x&atilde; h&#x1ED9;i"), "Kinh tế & x&atilde; hội");
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
