//! Feed-mode search: diacritic- and case-insensitive ("dan van" finds "Dân vận"), every query word
//! must occur (AND), each at the start of a word. Ranking: the query as a phrase in the title, then
//! more query words in the title, then the phrase in the text, then the newest.
//!
//! The folded text of a feed is computed once ([`Index::build`]); a query only scans it. Highlights
//! are computed for the few results on screen, as byte ranges of the ORIGINAL text, so the view can
//! wrap them in `<mark>` without ever touching the text's markup.

use crate::model::order::positions_by;
use crate::model::slug::{fold, is_combining};
use crate::model::text::{collapse_whitespace, shorten};
use crate::model::Article;
use std::cmp::Reverse;
use std::ops::Range;

/// More words than this in one query are ignored (a pasted paragraph must not stall the page).
pub const MAX_WORDS: usize = 12;

/// The query's words, folded, without duplicates, in order. Any run of characters that are not
/// letters or digits separates words ("covid-19" → "covid", "19").
pub fn query_words(q: &str) -> Vec<String> {
    let folded = fold(q);
    let mut words: Vec<String> = Vec::new();
    for w in folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !words.iter().any(|x| x == w) {
            words.push(w.to_string());
        }
        if words.len() == MAX_WORDS {
            break;
        }
    }
    words
}

/// Start offsets of `word` in `folded` where it begins a word (no letter or digit right before).
fn word_starts<'a>(folded: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    folded
        .match_indices(word)
        .map(|(i, _)| i)
        .filter(move |&i| !folded[..i].chars().next_back().is_some_and(char::is_alphanumeric))
}

/// Whether `word` begins some word of the (already folded) text.
pub fn contains_word(folded: &str, word: &str) -> bool {
    word_starts(folded, word).next().is_some()
}

/// The searchable text of one article: its summary and its text (plain text, else the HTML with
/// the tags stripped).
pub fn body_text(a: &Article) -> String {
    let text = a.plain_text().unwrap_or_default();
    match &a.summary {
        Some(s) => format!("{s}\n{text}"),
        None => text,
    }
}

/// The title as searched: folded ([`fold`]: lower case, no diacritics, đ → d). The portal server
/// indexes these two fields and folds queries with [`query_words`], so its whole-archive search
/// finds what this index finds ("dan van" → "Dân vận", "duong" → "Đường"), with one folding table.
pub fn folded_title(a: &Article) -> String {
    fold(a.title.as_deref().unwrap_or(""))
}

/// The summary and text as searched ([`body_text`], folded).
pub fn folded_body(a: &Article) -> String {
    fold(&body_text(a))
}

/// A smaller key ranks first: (no phrase in the title, words in the title, no phrase in the
/// text, date).
type Rank = (bool, Reverse<usize>, bool, Reverse<i64>);

/// Set on a token followed by exactly one space: only such a token can continue a phrase.
const SPACED: u32 = 1 << 31;

/// One article: its tokens are `tokens[start..title_end]` (title) and `tokens[title_end..end]`.
struct Entry {
    start: u32,
    title_end: u32,
    end: u32,
    date: Option<i64>,
}

/// Every article of a feed as word numbers, in feed order. Words are numbered in sorted order, so
/// the words a query word begins are one range of numbers: a query compares integers instead of
/// scanning ≈ 12 MB of folded text for a 10,000-item feed (tens of ms per query before).
pub struct Index {
    /// Folded words, sorted; a token is an index into this (| [`SPACED`]).
    words: Vec<String>,
    tokens: Vec<u32>,
    entries: Vec<Entry>,
}

type Vocabulary = rustc_hash::FxHashMap<String, u32>;

/// Appends the words of `folded` to `tokens` as provisional numbers (first seen, first numbered).
fn tokenize(folded: &str, vocabulary: &mut Vocabulary, tokens: &mut Vec<u32>) {
    let mut rest = folded;
    while let Some(start) = rest.find(|c: char| c.is_alphanumeric()) {
        rest = &rest[start..];
        let len = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        let word = &rest[..len];
        let next = vocabulary.len() as u32;
        let id = match vocabulary.get(word) {
            Some(&id) => id,
            None => {
                vocabulary.insert(word.to_string(), next);
                next
            }
        };
        rest = &rest[len..];
        let spaced = rest.starts_with(' ') && rest[1..].starts_with(|c: char| c.is_alphanumeric());
        tokens.push(if spaced { id | SPACED } else { id });
    }
}

/// Tokens renumbered between two checks of [`IndexBuilder::run`]'s `pause`.
const RENUMBER_SLICE: usize = 16_384;

/// The index built a slice at a time, so that building it never holds the page for long: the
/// articles are read one by one, then the words sorted and the tokens renumbered in slices.
/// The result is the same as [`Index::build`]'s whatever the slices.
#[derive(Default)]
pub struct IndexBuilder {
    vocabulary: Vocabulary,
    tokens: Vec<u32>,
    entries: Vec<Entry>,
    /// Once every article is read: the sorted words, each provisional number's rank, and how many
    /// tokens are renumbered.
    sorted: Option<(Vec<String>, Vec<u32>, usize)>,
    /// Units of work done: one an article, one a slice of renumbered tokens, one the sort.
    steps: usize,
}

impl IndexBuilder {
    /// Works on until the index is complete (`true`) or `pause()` answers `true` (asked after
    /// each unit of work, so at least one is done a call).
    pub fn run(&mut self, articles: &[Article], pause: &mut dyn FnMut() -> bool) -> bool {
        loop {
            if self.step(articles) {
                return true;
            }
            if pause() {
                return false;
            }
        }
    }

    /// Units of work done so far.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// The index, doing at once whatever is left.
    pub fn into_index(mut self, articles: &[Article]) -> Index {
        while !self.step(articles) {}
        let (words, _, _) = self.sorted.unwrap_or_default();
        Index { words, tokens: self.tokens, entries: self.entries }
    }

    /// One unit of work; `true` once none is left.
    fn step(&mut self, articles: &[Article]) -> bool {
        let read = self.entries.len();
        if let Some(a) = articles.get(read) {
            let start = self.tokens.len() as u32;
            tokenize(&folded_title(a), &mut self.vocabulary, &mut self.tokens);
            let title_end = self.tokens.len() as u32;
            tokenize(&folded_body(a), &mut self.vocabulary, &mut self.tokens);
            self.entries.push(Entry { start, title_end, end: self.tokens.len() as u32, date: a.date() });
            self.steps += 1;
            return false;
        }
        let Some((_, rank, done)) = &mut self.sorted else {
            // Renumber in sorted order.
            let mut words: Vec<(String, u32)> = std::mem::take(&mut self.vocabulary).into_iter().collect();
            let order = positions_by(words.len(), &|a, b| words[a].0.cmp(&words[b].0));
            let mut rank = vec![0u32; words.len()];
            for (sorted, &i) in order.iter().enumerate() {
                rank[words[i].1 as usize] = sorted as u32;
            }
            let words: Vec<String> = order.into_iter().map(|i| std::mem::take(&mut words[i].0)).collect();
            self.sorted = Some((words, rank, 0));
            self.steps += 1;
            return false;
        };
        if *done >= self.tokens.len() {
            return true;
        }
        let end = (*done + RENUMBER_SLICE).min(self.tokens.len());
        for t in &mut self.tokens[*done..end] {
            *t = rank[(*t & !SPACED) as usize] | (*t & SPACED);
        }
        *done = end;
        self.steps += 1;
        false
    }
}

/// The numbers of the words `w` begins, as a range, and the number of `w` itself if it is a word.
struct Term {
    range: Range<u32>,
    exact: Option<u32>,
}

impl Index {
    pub fn build(articles: &[Article]) -> Index {
        IndexBuilder::default().into_index(articles)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn term(&self, w: &str) -> Term {
        let lo = self.words.partition_point(|x| x.as_str() < w);
        let hi = lo + self.words[lo..].partition_point(|x| x.starts_with(w));
        let exact = (self.words.get(lo).is_some_and(|x| x == w)).then_some(lo as u32);
        Term { range: lo as u32..hi as u32, exact }
    }

    /// Whether some token begins with the term.
    fn has(tokens: &[u32], t: &Term) -> bool {
        tokens.iter().any(|&x| t.range.contains(&(x & !SPACED)))
    }

    /// Whether the terms occur in order, separated by single spaces, the last one as a prefix: the
    /// folded text contains the query's words joined by spaces, starting a word.
    fn has_phrase(tokens: &[u32], terms: &[Term]) -> bool {
        let Some((last, inner)) = terms.split_last() else { return false };
        let Some(exact) = inner.iter().map(|t| t.exact).collect::<Option<Vec<u32>>>() else { return false };
        tokens.windows(terms.len()).any(|w| {
            exact.iter().zip(w).all(|(&e, &x)| x == e | SPACED) && last.range.contains(&(w[inner.len()] & !SPACED))
        })
    }

    /// Indices (into the articles the index was built from) of the articles where every word of
    /// `q` occurs in the title, summary or text. First those whose title has the words as a phrase
    /// ("dan van" in "công tác dân vận", not in "văn hóa các dân tộc"), then those with more of the
    /// words in the title, then those whose text has the phrase; within each, newest first, then
    /// feed order. An empty query finds nothing.
    pub fn search(&self, q: &str) -> Vec<usize> {
        let words = query_words(q);
        if words.is_empty() {
            return Vec::new();
        }
        let terms: Vec<Term> = words.iter().map(|w| self.term(w)).collect();
        if terms.iter().any(|t| t.range.is_empty()) {
            return Vec::new();
        }
        let phrase = words.len() > 1;
        let mut hits: Vec<(usize, Rank)> = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            let title = &self.tokens[e.start as usize..e.title_end as usize];
            let body = &self.tokens[e.title_end as usize..e.end as usize];
            let mut in_title = 0;
            let all = terms.iter().all(|t| {
                if Self::has(title, t) {
                    in_title += 1;
                    true
                } else {
                    Self::has(body, t)
                }
            });
            if all {
                let title_phrase = phrase && in_title == words.len() && Self::has_phrase(title, &terms);
                let body_phrase = phrase && !title_phrase && Self::has_phrase(body, &terms);
                let key = (!title_phrase, Reverse(in_title), !body_phrase, Reverse(e.date.unwrap_or(i64::MIN)));
                hits.push((i, key));
            }
        }
        // Pushed in feed order, so equal keys stay in feed order.
        positions_by(hits.len(), &|a, b| hits[a].1.cmp(&hits[b].1)).into_iter().map(|k| hits[k].0).collect()
    }
}

/// `text` folded, with, for each byte of the folded text, the offset in `text` of the character
/// it came from.
fn fold_mapped(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for (i, c) in text.char_indices() {
        let before = folded.len();
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
        } else {
            folded.push_str(&fold(c.encode_utf8(&mut buf)));
        }
        origin.resize(origin.len() + folded.len() - before, i);
    }
    (folded, origin)
}

/// Whether some query word begins a word of `text` (i.e. [`highlight_ranges`] is not empty),
/// without mapping every byte back to the original text.
pub fn mentions(text: &str, words: &[String]) -> bool {
    let folded = fold(text);
    words.iter().any(|w| !w.is_empty() && contains_word(&folded, w))
}

/// Byte ranges of `text` to highlight: every place where a query word (as from [`query_words`])
/// begins a word, whatever its diacritics and case. Sorted, non-overlapping, merged when they
/// touch, always on character boundaries (combining marks after a match are included).
pub fn highlight_ranges(text: &str, words: &[String]) -> Vec<Range<usize>> {
    if words.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let (folded, origin) = fold_mapped(text);
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for w in words.iter().filter(|w| !w.is_empty()) {
        for s in word_starts(&folded, w) {
            let start = origin[s];
            let last = origin[s + w.len() - 1];
            let mut end = last + text[last..].chars().next().map_or(0, char::len_utf8);
            end += text[end..].chars().take_while(|&c| is_combining(c)).map(char::len_utf8).sum::<usize>();
            ranges.push(start..end);
        }
    }
    let order =
        positions_by(ranges.len(), &|a, b| (ranges[a].start, ranges[a].end).cmp(&(ranges[b].start, ranges[b].end)));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in order.into_iter().map(|i| ranges[i].clone()) {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// `text` cut into pieces, each flagged whether it is highlighted; concatenated they give `text`.
pub fn segments<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<(&'a str, bool)> {
    let mut out = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for r in ranges {
        if r.start > at {
            out.push((&text[at..r.start], false));
        }
        if r.end > r.start.max(at) {
            out.push((&text[r.start.max(at)..r.end], true));
        }
        at = at.max(r.end);
    }
    if at < text.len() {
        out.push((&text[at..], false));
    }
    out
}

/// At most about `max_chars` characters of `text` (whitespace collapsed) around the first place a
/// query word occurs, cut at spaces, with "…" where text was left out. Without a match: the start.
pub fn snippet(text: &str, words: &[String], max_chars: usize) -> String {
    let text = collapse_whitespace(text);
    let total = text.chars().count();
    if total <= max_chars {
        return text;
    }
    let first = highlight_ranges(&text, words).first().map_or(0, |r| r.start);
    // Start a little before the match so it reads in context.
    let match_char = text[..first].chars().count();
    let lead = (max_chars / 4).min(match_char);
    let mut from = match_char - lead;
    if from + max_chars > total {
        from = total.saturating_sub(max_chars);
    }
    let byte = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    let mut start = byte(from);
    // Whole words: the start moves forwards to the next one (never past the match), the end is
    // the shortener's.
    if start > 0 {
        if let Some(sp) = text[start..first.max(start)].find(' ') {
            start += sp + 1;
        }
    }
    let keep = (from + max_chars).min(total) - text[..start].chars().count();
    format!("{}{}", if start > 0 { "…" } else { "" }, shorten(&text[start..], keep))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(title: &str, summary: Option<&str>, html: Option<&str>, date: Option<i64>) -> Article {
        Article {
            id: title.into(),
            slug: crate::model::slug::slugify(title),
            title: Some(title.into()),
            summary: summary.map(Into::into),
            content_html: html.map(Into::into),
            published: date,
            ..Default::default()
        }
    }

    fn marked(text: &str, q: &str) -> String {
        segments(text, &highlight_ranges(text, &query_words(q)))
            .into_iter()
            .map(|(s, m)| if m { format!("[{s}]") } else { s.to_string() })
            .collect()
    }

    /// The definition the index must agree with: every query word begins a word of the folded
    /// title or text, scanned as strings (how the index worked before it numbered words).
    fn reference_search(articles: &[Article], q: &str) -> Vec<usize> {
        let words = query_words(q);
        if words.is_empty() {
            return Vec::new();
        }
        let phrase = (words.len() > 1).then(|| words.join(" "));
        let has_phrase = |text: &str| phrase.as_deref().is_some_and(|p| contains_word(text, p));
        let mut hits: Vec<(usize, Rank)> = Vec::new();
        for (i, a) in articles.iter().enumerate() {
            let (title, body) = (fold(a.title.as_deref().unwrap_or("")), fold(&body_text(a)));
            let in_title = words.iter().filter(|w| contains_word(&title, w)).count();
            if words.iter().all(|w| contains_word(&title, w) || contains_word(&body, w)) {
                let title_phrase = in_title == words.len() && has_phrase(&title);
                let body_phrase = !title_phrase && has_phrase(&body);
                hits.push((i, (!title_phrase, Reverse(in_title), !body_phrase, Reverse(a.date().unwrap_or(i64::MIN)))));
            }
        }
        hits.sort_unstable_by_key(|&(i, key)| (key, i));
        hits.into_iter().map(|(i, _)| i).collect()
    }

    #[test]
    fn the_index_agrees_with_the_string_scan_on_random_feeds() {
        const PIECES: &[&str] = &[
            "dân", "vận", "Dân", "VẬN", "dan", "văn", "vanh", "công", "tác", "hội", "nghị", "Hrê", "quý", "I", "2022",
            " ", " ", " ", "  ", "-", ", ", "\n", "<b>", "</b>", "&amp;", "(", ")", "đ", "d\u{302}", "a\u{323}",
        ];
        let mut rng = fastrand::Rng::with_seed(1);
        let mut next = |n: usize| rng.usize(..n);
        let text = |n: usize, next: &mut dyn FnMut(usize) -> usize| -> String {
            (0..n).map(|_| PIECES[next(PIECES.len())]).collect()
        };
        let (mut found, mut phrased) = (0, 0);
        for round in 0..40 {
            let all: Vec<Article> = (0..30)
                .map(|i| {
                    let title = text(next(8), &mut next);
                    let summary = (next(2) == 0).then(|| text(next(10), &mut next));
                    let html = (next(3) > 0).then(|| format!("<p>{}</p>", text(next(40), &mut next)));
                    let date = (next(5) > 0).then(|| next(4) as i64);
                    art(
                        &format!("{title}{}", if i % 7 == 0 { "" } else { " " }),
                        summary.as_deref(),
                        html.as_deref(),
                        date,
                    )
                })
                .collect();
            let index = Index::build(&all);
            for q in
                ["dan van", "van", "dan", "va", "hoi nghi", "cong tac dan", "hre quy", "2022 i", "d", "van dan", "xyz"]
            {
                let hits = index.search(q);
                assert_eq!(hits, reference_search(&all, q), "round {round}, query {q:?}");
                found += hits.len();
                phrased += hits.iter().filter(|&&i| contains_word(&fold(&body_text(&all[i])), "dan van")).count();
            }
        }
        // The generator must keep producing matches and phrases, or this proves nothing.
        assert!(found > 2_000 && phrased > 100, "{found} hits, {phrased} with the phrase");
    }

    #[test]
    fn mentions_is_having_highlights() {
        for text in ["Công tác DÂN VẬN", "vận động", "", "dân", "xã Long Sơn – đ", "da\u{302}n va\u{323}\u{302}n"]
        {
            for q in ["dan van", "van", "son d", "an", "xyz", "d"] {
                let words = query_words(q);
                assert_eq!(mentions(text, &words), !highlight_ranges(text, &words).is_empty(), "{text:?} {q:?}");
            }
        }
    }

    #[test]
    fn query_words_are_folded_split_and_unique() {
        assert_eq!(query_words("  Dân  VẬN dân "), ["dan", "van"]);
        assert_eq!(query_words("COVID-19, tiêm"), ["covid", "19", "tiem"]);
        assert!(query_words(" – ,. ").is_empty());
        assert_eq!(query_words("a b c d e f g h i j k l m n o p").len(), MAX_WORDS);
    }

    #[test]
    fn folded_match_at_word_starts_only() {
        assert!(contains_word("hoi nghi cong tac dan van", "dan"));
        assert!(contains_word("(dan van)", "van"));
        assert!(!contains_word("hoi nghi", "nghiem"));
        // "an" is inside "dan" but begins no word
        assert!(!contains_word("dan van", "an"));
        assert!(contains_word("dan van", "va"));
    }

    #[test]
    fn every_word_must_match_title_first_then_newest() {
        let all = vec![
            art("Kinh tế phát triển", Some("Công tác dân vận được chú trọng"), None, Some(300)),
            art("Hội nghị trực báo công tác dân vận", None, Some("<p>Nội dung</p>"), Some(100)),
            art("Tổng kết năm", None, Some("<p>công tác <b>DÂN</b> vận năm 2021</p>"), Some(200)),
            art("Dân tộc Hrê", Some("Lễ hội"), None, Some(400)),
            art("Dân vận khéo", None, None, Some(50)),
            art("Thông báo", None, Some("<span class=\"dac-biet\">Nội dung</span>"), Some(10)),
        ];
        let index = Index::build(&all);
        assert_eq!(index.len(), 6);
        // Title matches (both words) first, newest first; then body matches, newest first.
        assert_eq!(index.search("dan van"), [1, 4, 0, 2]);
        assert_eq!(index.search("DÂN VẬN"), [1, 4, 0, 2]);
        assert_eq!(index.search("hre"), [3]);
        assert_eq!(index.search("dan hre"), [3]);
        assert!(index.search("dan xyz").is_empty());
        assert!(index.search("   ").is_empty());
        // Tags in the HTML are not text.
        assert!(index.search("span").is_empty());
        assert!(index.search("dac biet").is_empty());
        assert_eq!(index.search("noi dung"), [1, 5]);
    }

    #[test]
    fn the_phrase_ranks_before_scattered_words() {
        let all = vec![
            art("Ngày hội văn hóa các dân tộc", None, None, Some(900)),
            art("Hội nghị công tác dân vận", None, None, Some(100)),
            art("Tin khác", Some("Công tác dân vận"), None, Some(50)),
            art("Tin mới", Some("vận động người dân"), None, Some(800)),
            art("Văn bản", Some("Dân vận"), None, Some(10)),
        ];
        // Phrase in the title; both words in the title; one word in the title; phrase in the text;
        // words apart in the text.
        assert_eq!(Index::build(&all).search("dan van"), [1, 0, 4, 2, 3]);
    }

    #[test]
    fn more_title_words_rank_higher() {
        let all = vec![
            art("Dân vận", Some("mặt trận"), None, Some(900)),
            art("Dân vận mặt trận", None, None, Some(1)),
            art("Khác", Some("dân vận mặt trận"), None, Some(1000)),
        ];
        assert_eq!(Index::build(&all).search("dan van mat tran"), [1, 0, 2]);
    }

    #[test]
    fn highlights_map_back_to_the_original_text() {
        let title = "Hội nghị trực báo công tác dân vận, mặt trận quý I";
        assert_eq!(marked(title, "dan van"), "Hội nghị trực báo công tác [dân] [vận], mặt trận quý I");
        assert_eq!(marked("ĐẢNG ủy Đảng", "dang"), "[ĐẢNG] ủy [Đảng]");
        // A prefix is marked as far as it goes.
        assert_eq!(marked("Đảng bộ", "dan"), "[Đản]g bộ");
        // Adjacent words merge into one mark.
        assert_eq!(marked("dân vận", "dân vận"), "[dân] [vận]");
        assert_eq!(marked("dânvận", "dan danva"), "[dânvậ]n");
        assert_eq!(marked("không có", "xyz"), "không có");
        assert_eq!(marked("", "xyz"), "");
    }

    #[test]
    fn highlights_keep_decomposed_marks_inside() {
        // "dân" written as d + a + U+0302 + n; "dâ" must include the combining circumflex.
        let text = "cong tac da\u{302}n va\u{323}\u{302}n";
        let r = highlight_ranges(text, &query_words("dan va"));
        assert_eq!(r.len(), 2);
        assert_eq!(&text[r[0].clone()], "da\u{302}n");
        assert_eq!(&text[r[1].clone()], "va\u{323}\u{302}");
        for r in &r {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
    }

    #[test]
    fn segments_rebuild_the_text() {
        let text = "Một hai ba";
        let segs = segments(text, &[0..5, 6..9]);
        assert_eq!(segs, [("Một", true), (" ", false), ("hai", true), (" ba", false)]);
        assert_eq!(segs.iter().map(|s| s.0).collect::<String>(), text);
        assert_eq!(segments(text, &[]), [(text, false)]);
    }

    #[test]
    fn snippets_show_the_match_in_context() {
        let long = format!("{} công tác dân vận năm 2022 {}", "mở đầu ".repeat(40), "kết thúc ".repeat(40));
        let s = snippet(&long, &query_words("dan van"), 80);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("dân vận"), "{s}");
        assert!(s.chars().count() <= 82, "{s}");
        // No match: the start of the text.
        let s = snippet(&long, &query_words("xyz"), 30);
        assert!(s.starts_with("mở đầu") && s.ends_with('…'), "{s}");
        // Short texts are returned whole, whitespace collapsed.
        assert_eq!(snippet("  a \n b ", &[], 30), "a b");
        // A match at the very end.
        let s = snippet(&format!("{}cuối cùng", "x ".repeat(100)), &query_words("cuoi"), 40);
        assert!(s.ends_with("cuối cùng") && s.starts_with('…'), "{s}");
    }

    #[test]
    fn ten_thousand_items_rank_newest_first() {
        let body = "<p>Sáng ngày 13/4, Ban Dân vận Huyện ủy tổ chức hội nghị trực báo công tác dân vận, mặt trận, \
                    các tổ chức chính trị - xã hội, lực lượng vũ trang quý I năm 2022.</p>"
            .repeat(6);
        let all: Vec<Article> = (0..10_000)
            .map(|i| art(&format!("Tin số {i} về nông thôn mới"), Some("Tóm tắt ngắn gọn"), Some(&body), Some(i)))
            .collect();
        let index = Index::build(&all);
        let hits = index.search("dan van quy i");
        assert_eq!(hits.len(), 10_000);
        assert_eq!(hits[0], 9_999);
        assert!(index.search("khong co dau").is_empty());
    }

    #[test]
    fn a_sliced_build_is_the_one_shot_build() {
        let words = ["dân", "vận", "Minh", "Long", "hội", "nghị", "nông", "thôn", "mới", "2022", "xã", "Thanh", "An"];
        let articles: Vec<Article> = (0..300)
            .map(|i: usize| {
                let title: Vec<&str> = (0..1 + i % 6).map(|k| words[(i * 7 + k * 3) % words.len()]).collect();
                let body: Vec<&str> = (0..i % 40).map(|k| words[(i + k * 5) % words.len()]).collect();
                art(&title.join(" "), None, Some(&format!("<p>{}</p>", body.join(", "))), Some(i as i64 * 60))
            })
            .collect();
        let whole = Index::build(&articles);
        for every in [1, 2, 7, 1000] {
            let mut builder = IndexBuilder::default();
            let mut calls = 0;
            loop {
                calls += 1;
                let mut budget = every;
                // A unit of work is done before the first question, so `every` units a call.
                if builder.run(&articles, &mut || {
                    budget -= 1;
                    budget == 0
                }) {
                    break;
                }
                assert!(calls < 10_000, "the build ends");
            }
            let steps = builder.steps();
            assert!(calls >= steps / every, "{calls} calls for {steps} units, {every} a call");
            let sliced = builder.into_index(&articles);
            assert_eq!(sliced.words, whole.words, "every {every}");
            assert_eq!(sliced.tokens, whole.tokens, "every {every}");
            for q in ["dân vận", "minh", "nghị xã", "2022", "thanh an", "không có"] {
                assert_eq!(sliced.search(q), whole.search(q), "{q:?} every {every}");
            }
        }
    }
}
