//! Numbers the Vietnamese way: "." groups thousands, "," is the decimal separator.

/// `13832759` → `"13.832.759"`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// File sizes as readers expect them: `"850 B"`, `"85,3 KB"`, `"1,2 MB"` (binary multiples).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let tenths = (value * 10.0).round() as u64;
    let (int, frac) = (tenths / 10, tenths % 10);
    let int = group_thousands(int);
    if frac == 0 {
        format!("{int} {}", UNITS[unit])
    } else {
        format!("{int},{frac} {}", UNITS[unit])
    }
}

/// `"3:25"` or `"1:02:05"` for audio/video attachments.
pub fn duration(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// `text` cut to at most `max_chars` characters followed by "…" when it is longer, for echoing
/// what a reader typed (a pasted 10,000-character query) inside a sentence. The cut falls on a
/// char boundary and never between a letter and the combining accents that follow it (text in
/// decomposed form), so no Vietnamese letter loses half its diacritics.
pub fn shorten(text: &str, max_chars: usize) -> std::borrow::Cow<'_, str> {
    let Some((mut cut, _)) = text.char_indices().nth(max_chars) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let combining = |c: char| matches!(c, '\u{0300}'..='\u{036F}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}');
    while text[cut..].chars().next().is_some_and(combining) {
        match text[..cut].char_indices().next_back() {
            Some((i, _)) => cut = i,
            None => break,
        }
    }
    let mut short = text[..cut].trim_end().to_string();
    short.push('…');
    std::borrow::Cow::Owned(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_like_the_portal() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(131), "131");
        assert_eq!(group_thousands(1790), "1.790");
        assert_eq!(group_thousands(13_832_759), "13.832.759");
        assert_eq!(group_thousands(100_000), "100.000");
        assert_eq!(group_thousands(u64::MAX), "18.446.744.073.709.551.615");
    }

    #[test]
    fn sizes_use_a_decimal_comma() {
        assert_eq!(human_size(850), "850 B");
        assert_eq!(human_size(1024), "1 KB");
        assert_eq!(human_size(87_347), "85,3 KB");
        assert_eq!(human_size(1_258_291), "1,2 MB");
        assert_eq!(human_size(5 * 1024 * 1024 * 1024), "5 GB");
        assert_eq!(human_size(u64::MAX), "16.777.216 TB");
    }

    #[test]
    fn durations() {
        assert_eq!(duration(205), "3:25");
        assert_eq!(duration(3725), "1:02:05");
    }

    #[test]
    fn long_text_is_shortened_on_a_char_boundary() {
        assert_eq!(shorten("dân vận", 80), "dân vận");
        assert_eq!(shorten("", 3), "");
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("abcd", 3), "abc…");
        let long = "đ".repeat(10_000);
        let short = shorten(&long, 80);
        assert_eq!(short.chars().count(), 81);
        assert!(short.ends_with('…'));
        // A space before the cut is not kept in front of the ellipsis.
        assert_eq!(shorten("ab cd", 3), "ab…");
        // Decomposed "ậ" (a + U+0323 + U+0302) is not split from its accents.
        let nfd = "va\u{0323}\u{0302}n";
        assert_eq!(shorten(nfd, 2), "v…");
        assert_eq!(shorten(nfd, 4), "va\u{0323}\u{0302}…");
    }
}
