//! Dates as real feeds write them (RFC 3339, RFC 2822, no zone, date only), shown as dd/mm/yyyy in
//! the portal's time zone (Vietnam, UTC+7, unless the operator configures another offset).
//!
//! Pure integer arithmetic (Howard Hinnant's civil-date algorithms) on the fixed offsets the portal
//! uses: no time zone database is needed, Vietnam has no daylight saving time.

/// Vietnam has no daylight saving time, so a fixed offset is exact.
pub const VIETNAM_OFFSET_MINUTES: i32 = 7 * 60;

/// Parses a feed date to seconds since the Unix epoch. Text without a zone is read as local time
/// at `default_offset_minutes`. Returns `None` for anything it cannot read.
pub fn parse(input: &str, default_offset_minutes: i32) -> Option<i64> {
    let s = input.trim();
    if s.is_empty() {
        return None;
    }
    parse_iso(s, default_offset_minutes).or_else(|| parse_rfc2822(s, default_offset_minutes))
}

/// `dd/mm/yyyy` at the given offset.
pub fn format_date(ts: i64, offset_minutes: i32) -> String {
    let (y, m, d, _, _) = civil(ts, offset_minutes);
    format!("{d:02}/{m:02}/{y:04}")
}

/// `HH:MM dd/mm/yyyy` at the given offset.
pub fn format_date_time(ts: i64, offset_minutes: i32) -> String {
    let (y, m, d, hh, mm) = civil(ts, offset_minutes);
    format!("{hh:02}:{mm:02} {d:02}/{m:02}/{y:04}")
}

/// Machine-readable value for `<time datetime>`, in UTC.
pub fn iso_utc(ts: i64) -> String {
    let (y, m, d, hh, mm) = civil(ts, 0);
    let ss = ts.rem_euclid(60);
    format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z")
}

/// Parses an operator-written offset such as "+07:00", "-0330", "7" (hours) into minutes.
pub fn parse_offset(s: &str) -> Option<i32> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("z") || s.eq_ignore_ascii_case("utc") {
        return Some(0);
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => (1, s),
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        4 => (digits[..2].parse::<i32>().ok()?, digits[2..].parse::<i32>().ok()?),
        _ => return None,
    };
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

fn civil(ts: i64, offset_minutes: i32) -> (i64, u32, u32, u32, u32) {
    let local = ts + i64::from(offset_minutes) * 60;
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    (y, m, d, (secs / 3600) as u32, ((secs % 3600) / 60) as u32)
}

// Howard Hinnant's algorithms (public domain), valid for the whole proleptic Gregorian calendar.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn to_timestamp(fields: (i64, u32, u32, u32, u32, u32), offset_minutes: i32) -> Option<i64> {
    let (y, mo, d, h, mi, s) = fields;
    // RFC 2822 years are free-form digits; outside 0..=9999 the day arithmetic below overflows.
    if !(0..=9999).contains(&y) {
        return None;
    }
    if !(1..=12).contains(&mo) || d == 0 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let secs = days_from_civil(y, mo, d) * 86_400 + i64::from(h * 3600 + mi * 60 + s.min(59));
    let ts = secs - i64::from(offset_minutes) * 60;
    // A date the reader's time zone would show in the year 10000 (dd/mm/yyyy has four digits) is
    // no date: "9999-12-31T23:00Z" is a placeholder, not news.
    (ts < LAST_SHOWABLE).then_some(ts)
}

/// 10000-01-01T00:00Z less the largest UTC offset (+14:00).
const LAST_SHOWABLE: i64 = 253_402_300_800 - 14 * 3600;

/// A tiny cursor over ASCII bytes; every read is bounds-checked so no input can panic.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.i;
        while self.i < self.b.len() && self.i - start < max && self.b[self.i].is_ascii_digit() {
            self.i += 1;
        }
        if self.i - start < min {
            return None;
        }
        std::str::from_utf8(&self.b[start..self.i]).ok()?.parse().ok()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn skip_spaces(&mut self) {
        while self.b.get(self.i).is_some_and(|c| c.is_ascii_whitespace()) {
            self.i += 1;
        }
    }
    fn rest(&self) -> &str {
        std::str::from_utf8(&self.b[self.i.min(self.b.len())..]).unwrap_or("")
    }
}

fn parse_iso(s: &str, default_offset: i32) -> Option<i64> {
    let mut c = Cursor { b: s.as_bytes(), i: 0 };
    let y = i64::from(c.digits(4, 4)?);
    c.eat(b'-').then_some(())?;
    let mo = c.digits(1, 2)?;
    c.eat(b'-').then_some(())?;
    let d = c.digits(1, 2)?;
    let (mut h, mut mi, mut sec) = (0, 0, 0);
    if c.eat(b'T') || c.eat(b't') || c.eat(b' ') {
        h = c.digits(2, 2)?;
        c.eat(b':').then_some(())?;
        mi = c.digits(2, 2)?;
        if c.eat(b':') {
            sec = c.digits(2, 2)?;
            if c.eat(b'.') || c.eat(b',') {
                c.digits(1, 9)?;
            }
        }
    }
    c.skip_spaces();
    let zone = c.rest();
    let offset = if zone.is_empty() { default_offset } else { parse_offset(zone)? };
    to_timestamp((y, mo, d, h, mi, sec), offset)
}

/// Month names of RFC 2822 dates (a month token is read by its first three letters); also the
/// widget script's (through `prerender --widget-kit`).
pub const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// The zone names of RFC 2822 dates read (upper case), in minutes east of UTC; also the widget
/// script's (through `prerender --widget-kit`).
pub const ZONES: [(&str, i32); 13] = [
    ("GMT", 0),
    ("UT", 0),
    ("UTC", 0),
    ("Z", 0),
    ("EST", -300),
    ("EDT", -240),
    ("CST", -360),
    ("CDT", -300),
    ("MST", -420),
    ("MDT", -360),
    ("PST", -480),
    ("PDT", -420),
    ("ICT", VIETNAM_OFFSET_MINUTES),
];

fn parse_rfc2822(s: &str, default_offset: i32) -> Option<i64> {
    // Optional "Fri," prefix.
    let s = match s.split_once(',') {
        Some((day, rest)) if day.trim().chars().all(|c| c.is_ascii_alphabetic()) => rest,
        _ => s,
    };
    let mut parts = s.split_whitespace();
    let d: u32 = parts.next()?.parse().ok()?;
    let mon = parts.next()?.to_ascii_lowercase();
    let mo = MONTHS.iter().position(|m| mon.starts_with(m))? as u32 + 1;
    let y: i64 = parts.next()?.parse().ok()?;
    let y = match y {
        0..=49 => 2000 + y,
        50..=999 => 1900 + y,
        _ => y,
    };
    let (mut h, mut mi, mut sec) = (0, 0, 0);
    let mut zone = None;
    if let Some(time) = parts.next() {
        let mut t = time.split(':');
        h = t.next()?.parse().ok()?;
        mi = t.next()?.parse().ok()?;
        if let Some(x) = t.next() {
            sec = x.parse().ok()?;
        }
        zone = parts.next();
    }
    let offset = match zone {
        None => default_offset,
        Some(z) => {
            let z = z.to_ascii_uppercase();
            match ZONES.iter().find(|(name, _)| *name == z) {
                Some((_, minutes)) => *minutes,
                None => parse_offset(&z)?,
            }
        }
    };
    to_timestamp((y, mo, d, h, mi, sec), offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VN: i32 = VIETNAM_OFFSET_MINUTES;

    #[test]
    fn rfc3339_with_offset_is_shown_in_vietnam_time() {
        let ts = parse("2022-04-13T08:00:00+07:00", VN).unwrap();
        assert_eq!(format_date(ts, VN), "13/04/2022");
        assert_eq!(iso_utc(ts), "2022-04-13T01:00:00Z");
        // 20:00 UTC is already the next day in Vietnam.
        let late = parse("2022-04-12T20:30:00Z", VN).unwrap();
        assert_eq!(format_date(late, VN), "13/04/2022");
        assert_eq!(format_date(late, 0), "12/04/2022");
        assert_eq!(format_date_time(late, VN), "03:30 13/04/2022");
    }

    #[test]
    fn fractional_seconds_space_separator_and_compact_offsets() {
        let a = parse("2021-12-31T23:59:59.123456+07:00", VN).unwrap();
        let b = parse("2021-12-31 23:59:59 +0700", VN).unwrap();
        assert_eq!(a, b);
        assert_eq!(format_date(a, VN), "31/12/2021");
    }

    #[test]
    fn no_zone_means_the_portal_zone() {
        let ts = parse("2022-04-13T00:30:00", VN).unwrap();
        assert_eq!(format_date(ts, VN), "13/04/2022");
        assert_eq!(parse("2022-04-13", VN), parse("2022-04-13T00:00:00+07:00", VN));
    }

    #[test]
    fn rfc2822_as_seen_in_real_feeds() {
        let ts = parse("Fri, 31 May 2019 12:17:58 -0700", VN).unwrap();
        assert_eq!(iso_utc(ts), "2019-05-31T19:17:58Z");
        assert_eq!(format_date(ts, VN), "01/06/2019");
        assert_eq!(parse("31 May 2019 19:17:58 GMT", VN), Some(ts));
        assert_eq!(parse("Fri, 31 May 19 19:17 GMT", VN), Some(ts - 58));
    }

    #[test]
    fn leap_years_and_month_ends() {
        assert!(parse("2024-02-29T00:00:00Z", VN).is_some());
        assert_eq!(parse("2023-02-29T00:00:00Z", VN), None);
        assert_eq!(parse("2022-04-31", VN), None);
        assert_eq!(parse("2022-13-01", VN), None);
    }

    #[test]
    fn garbage_is_none_not_a_panic() {
        for s in [
            "",
            "   ",
            "yesterday",
            "2022",
            "2022-04-",
            "2022-04-13T25:00:00Z",
            "Fri, 99 Foo 2019",
            "2022-04-13T08:00:00+99:00",
            "2022-04-13T08:00:00 garbage",
            "1-1-1",
            "٢٠٢٢-٠٤-١٣",
        ] {
            assert_eq!(parse(s, VN), None, "{s:?}");
        }
    }

    #[test]
    fn offsets_written_by_operators() {
        assert_eq!(parse_offset("+07:00"), Some(420));
        assert_eq!(parse_offset("-0330"), Some(-210));
        assert_eq!(parse_offset("7"), Some(420));
        assert_eq!(parse_offset("Z"), Some(0));
        assert_eq!(parse_offset("+7:3"), None);
        assert_eq!(parse_offset("abc"), None);
    }

    #[test]
    fn civil_round_trip_over_centuries() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn no_date_shows_the_year_10000() {
        assert_eq!(parse("9999-12-31T23:00:00Z", VIETNAM_OFFSET_MINUTES), None);
        assert_eq!(parse("Fri, 31 Dec 9999 23:59:59 GMT", VIETNAM_OFFSET_MINUTES), None);
        let last_day = parse("9999-12-31", VIETNAM_OFFSET_MINUTES).expect("a local date in 9999 is valid");
        assert_eq!(format_date(last_day, VIETNAM_OFFSET_MINUTES), "31/12/9999");
        for offset in [-14 * 60, 0, 14 * 60] {
            let shown = format_date(LAST_SHOWABLE - 1, offset);
            assert!(shown.ends_with("/9999"), "{shown} at {offset}");
        }
    }
}
