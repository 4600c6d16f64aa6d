//! Clock and calendar: the counters' days and months are Vietnam's (UTC+7), like the app's dates.

use minh_long_portal::model::date::{format_date, VIETNAM_OFFSET_MINUTES};

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// `YYYY-MM-DD` of the Vietnam calendar day holding `ts` (sorts as it reads).
pub fn vietnam_day(ts: i64) -> String {
    // The crate's one calendar (model::date) writes dd/mm/yyyy.
    let d = format_date(ts, VIETNAM_OFFSET_MINUTES);
    format!("{}-{}-{}", &d[6..], &d[3..5], &d[0..2])
}

/// `YYYY-MM-01`: the first day of the Vietnam month holding `ts`.
pub fn vietnam_month_start(ts: i64) -> String {
    let mut day = vietnam_day(ts);
    day.replace_range(8..10, "01");
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_months_are_vietnam_time() {
        // 2026-03-31T16:59:59Z is 23:59:59 in Vietnam; one second later it is 1 April there.
        assert_eq!(vietnam_day(1_774_976_399), "2026-03-31");
        assert_eq!(vietnam_day(1_774_976_400), "2026-04-01");
        assert_eq!(vietnam_month_start(1_774_976_400), "2026-04-01");
        assert_eq!(vietnam_month_start(1_774_976_399), "2026-03-01");
    }
}
