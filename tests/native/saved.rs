//! What the browser keeps for offline reading: counter figures with their time, the opened articles.

use minh_long_portal::model::saved::{
    decode_read, decode_stats, encode_read, encode_stats, push_read, ReadEntry, MAX_READ,
};
use minh_long_portal::model::Stats;

fn entry(slug: &str, title: &str) -> ReadEntry {
    ReadEntry { slug: slug.into(), title: title.into() }
}

#[test]
fn counter_figures_keep_their_time_and_their_gaps() {
    let stats =
        Stats { visits: Some(13_832_759), page_views: Some(42), online: None, today: Some(0), this_month: None };
    let raw = encode_stats(&stats, 1_796_000_000);
    assert_eq!(raw, "1796000000;13832759,42,,0,");
    assert_eq!(decode_stats(&raw), Some((stats, 1_796_000_000)));
}

#[test]
fn counter_figures_in_another_format_are_not_shown() {
    // The figures this app kept in sessionStorage before (no time), and damaged values.
    for raw in
        ["13832759,42,,,", "", ";1,2,3,4,5", "x;1,2,3,4,5", "1;1,2,3,4", "1;1,2,3,4,5,6", "1;1,-2,3,4,5", "1;a,,,,"]
    {
        assert_eq!(decode_stats(raw), None, "{raw:?}");
    }
}

#[test]
fn an_opened_article_goes_first_once() {
    let mut list = vec![entry("a", "A"), entry("b", "B"), entry("c", "C")];
    push_read(&mut list, entry("b", "B mới"));
    assert_eq!(list, vec![entry("b", "B mới"), entry("a", "A"), entry("c", "C")]);
    assert_eq!(decode_read(&encode_read(&list)), list);
}

#[test]
fn the_list_is_bounded_and_drops_the_oldest() {
    let mut list = Vec::new();
    for i in 0..MAX_READ + 5 {
        push_read(&mut list, entry(&format!("s{i}"), &format!("Bài {i}")));
    }
    assert_eq!(list.len(), MAX_READ);
    assert_eq!(list[0].slug, format!("s{}", MAX_READ + 4));
    assert_eq!(list.last().map(|e| e.slug.as_str()), Some("s5"));
}

#[test]
fn titles_with_tabs_or_line_breaks_stay_one_entry() {
    let mut list = Vec::new();
    push_read(&mut list, entry("x", "Dòng một\nDòng\thai"));
    assert_eq!(decode_read(&encode_read(&list)), vec![entry("x", "Dòng một Dòng hai")]);
}

#[test]
fn damaged_stored_lists_keep_what_reads() {
    let raw = "a\tA\nno tab here\n\tno slug\na\tA again\nb\tB";
    assert_eq!(decode_read(raw), vec![entry("a", "A"), entry("b", "B")]);
    let long: String = (0..50).map(|i| format!("s{i}\tT\n")).collect();
    assert_eq!(decode_read(&long).len(), MAX_READ);
}
