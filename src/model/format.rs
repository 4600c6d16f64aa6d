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
}
