//! End-to-end tests of the extractor: the seed acceptance test, the gold corpus regression
//! guard, determinism, and a timing check to run by hand.

use super::Extractor;
use crate::eval::{score, Scores};
use crate::facts::ArticleFacts;
use crate::map::Mapper;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const SEED: &str = "../shared/seed/tass-2024-06-20-putin-dprk.txt";
const SEED_GOLD: &str = "examples/gold/seed/tass-2024-06-20-putin-dprk.json";

fn read_gold(path: &Path) -> ArticleFacts {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (article, gold facts) pairs of the example corpora.
fn corpus() -> Vec<(PathBuf, PathBuf)> {
    let mut pairs = Vec::new();
    for (articles, facts) in [("examples/articles", "examples/facts"), ("examples/gold/articles", "examples/gold/facts")] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(articles))
            .expect("articles directory")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for article in files {
            let stem = article.file_stem().and_then(|s| s.to_str()).expect("stem").to_owned();
            pairs.push((article, root().join(facts).join(format!("{stem}.json"))));
        }
    }
    pairs
}

fn table(scores: &Scores) -> String {
    let mut out = format!("{:<12} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}\n", "kind", "gold", "pred", "hits", "P", "R", "F1");
    let total = scores.facts_total();
    for (kind, s) in scores.kinds.iter().map(|(k, s)| (k.as_str(), s)).chain(std::iter::once(("all facts", &total))) {
        out.push_str(&format!(
            "{:<12} {:>5} {:>5} {:>5} {:>6.2} {:>6.2} {:>6.2}\n",
            kind,
            s.gold,
            s.predicted,
            s.hits,
            s.precision(),
            s.recall(),
            s.f1()
        ));
    }
    out
}

#[test]
fn seed_article_gives_every_expected_fact_and_nothing_false() {
    let seed = root().join(SEED);
    if !seed.exists() {
        println!("skipped: {SEED} is absent");
        return;
    }
    let article = crate::article::read_article_file(&seed).expect("seed reads");
    let extracted = Extractor::new().extract(&article);
    let facts = &extracted.facts;
    if let Err(e) = Mapper::default().map(facts) {
        panic!("the seed's facts do not map: {e}");
    }
    let gold = read_gold(&root().join(SEED_GOLD));
    let scores = score(&gold, facts);
    println!("{}", table(&scores));
    for (kind, s) in &scores.kinds {
        assert!(
            s.precision() == 1.0 && s.recall() == 1.0,
            "{kind}: P {:.2} R {:.2}\n  missed: {:#?}\n  false: {:#?}",
            s.precision(),
            s.recall(),
            s.misses,
            s.false_hits
        );
    }
    // Every expected entity carries its Wikidata id.
    for g in gold.entities.iter().filter(|g| g.wikidata.is_some()) {
        let found = facts.entities.iter().find(|e| e.name == g.name).unwrap_or_else(|| panic!("{} not found", g.name));
        assert_eq!(found.wikidata, g.wikidata, "{}", g.name);
    }
    // The visit's date comes with its evidence.
    let visit = facts.events.iter().find(|e| e.start.as_deref() == Some("2024-06-18")).expect("the visit");
    let evidence = visit.evidence.text.as_deref().unwrap_or_default();
    assert!(evidence.contains("June 18 and 19"), "{evidence}");
    // Center → university.
    let centre = facts.entities.iter().find(|e| e.name == "Center for Russian Studies").expect("centre");
    let university = facts.entities.iter().find(|e| e.name == "East China Normal University").expect("university");
    assert_eq!(centre.part_of.as_deref(), Some(university.id.as_str()));
}

/// Floors slightly below what the extractor reaches on the example corpora (a regression
/// guard): (kind, precision, recall).
const FLOORS: &[(&str, f64, f64)] = &[
    ("entity", 0.90, 0.88),
    ("visit", 0.85, 0.85),
    ("meeting", 0.85, 0.75),
    ("signing", 0.95, 0.95),
    ("invitation", 0.95, 0.95),
    ("event", 0.90, 0.80),
    ("agreement", 0.95, 0.95),
    ("statement", 0.78, 0.72),
    ("quote", 0.82, 0.82),
    ("affiliation", 0.92, 0.80),
    ("all facts", 0.88, 0.84),
];

#[test]
fn example_corpora_score_above_the_floors_and_map() {
    let extractor = Extractor::new();
    let mut total = Scores::default();
    for (article_path, gold_path) in corpus() {
        let article = crate::article::read_article_file(&article_path).expect("article reads");
        let extracted = extractor.extract(&article);
        if let Err(e) = Mapper::default().map(&extracted.facts) {
            panic!("{}: facts do not map: {e}", article_path.display());
        }
        let gold = read_gold(&gold_path);
        total.add(&score(&gold, &extracted.facts));
    }
    println!("{}", table(&total));
    if std::env::var_os("NEWSGRAPH_SHOW_MISSES").is_some() {
        for (kind, s) in &total.kinds {
            for m in &s.misses {
                println!("MISS {kind}: {m}");
            }
            for f in &s.false_hits {
                println!("FALSE {kind}: {f}");
            }
        }
    }
    for &(kind, p, r) in FLOORS {
        let s = if kind == "all facts" { total.facts_total() } else { total.kinds.get(kind).cloned().unwrap_or_default() };
        assert!(s.precision() >= p && s.recall() >= r, "{kind}: P {:.2} (floor {p}) R {:.2} (floor {r})", s.precision(), s.recall());
    }
}

#[test]
fn extraction_is_deterministic() {
    let extractor = Extractor::new();
    for (article_path, _) in corpus() {
        let article = crate::article::read_article_file(&article_path).expect("article reads");
        let a = serde_json::to_string(&extractor.extract(&article).facts).expect("json");
        let b = serde_json::to_string(&Extractor::new().extract(&article).facts).expect("json");
        assert_eq!(a, b, "{}", article_path.display());
    }
}

/// The lists a stage keeps from one article to the next (such as `link`'s table of countries)
/// carry nothing over: each article's facts after each other article on the same thread are
/// those of a thread that read no article before.
#[test]
fn extraction_does_not_depend_on_the_articles_before() {
    let extractor = Extractor::new();
    let articles: Vec<_> = corpus().into_iter().map(|(path, _)| crate::article::read_article_file(&path).expect("article reads")).collect();
    let facts = |a| serde_json::to_string(&extractor.extract(a).facts).expect("json");
    for (i, a) in articles.iter().enumerate() {
        let alone = std::thread::scope(|s| s.spawn(|| facts(a)).join().expect("thread"));
        for (j, before) in articles.iter().enumerate() {
            facts(before);
            assert_eq!(facts(a), alone, "article {i} after article {j}");
        }
    }
}

#[test]
fn every_fact_is_explained() {
    let extractor = Extractor::new();
    for (article_path, _) in corpus() {
        let article = crate::article::read_article_file(&article_path).expect("article reads");
        let extracted = extractor.extract(&article);
        let f = &extracted.facts;
        let ids: Vec<&str> = f
            .events
            .iter()
            .map(|e| e.id.as_str())
            .chain(f.agreements.iter().map(|a| a.id.as_str()))
            .chain(f.statements.iter().map(|s| s.id.as_str()))
            .chain(f.affiliations.iter().map(|a| a.id.as_str()))
            .collect();
        for id in ids {
            let e = extracted.explanations.iter().find(|e| e.fact_id == id).unwrap_or_else(|| panic!("{id} unexplained"));
            assert!(!e.rule.is_empty() && !e.sentence.is_empty(), "{id}");
        }
    }
}

/// `extract_facts`, which makes no explanations, gives the facts `extract` gives, on every
/// bundled article and on each cut at a few points (fewer facts, other numbering).
#[test]
fn facts_without_explanations_are_the_explained_facts() {
    let extractor = Extractor::new();
    let mut facts = 0;
    for (article_path, _) in corpus() {
        let article = crate::article::read_article_file(&article_path).expect("article reads");
        let text = article.text().to_owned();
        for cut in [text.len(), text.len() * 2 / 3, text.len() / 3] {
            let cut = (0..=cut).rev().find(|&i| text.is_char_boundary(i)).expect("0 is a boundary");
            let mut part = article.clone();
            part.meta.text = Some(text[..cut].to_owned());
            let explained = extractor.extract(&part);
            facts += explained.explanations.len();
            assert_eq!(extractor.extract_facts(&part), explained.facts, "{} cut at {cut}", article_path.display());
        }
    }
    assert!(facts > 100, "{facts}");
}

#[test]
fn other_languages_give_entities_only() {
    let text = "Wladimir Putin besuchte Pjöngjang. Putin paid a state visit to Pyongyang on June 18.";
    let article = crate::article::read_text_article(&format!("date: 2024-06-20\nlanguage: de\n\n{text}"), "de", "de.txt").expect("reads");
    let extracted = Extractor::new().extract(&article);
    assert!(extracted.facts.events.is_empty() && extracted.facts.statements.is_empty());
    assert!(extracted.facts.entities.iter().any(|e| e.name == "Vladimir Putin"));
}

/// Variants of the example articles that must not panic and must still map: CRLF line ends,
/// upper case, no date, prefixes cut at many points, words shuffled, odd characters.
#[test]
fn mutated_articles_never_panic_and_always_map() {
    let extractor = Extractor::new();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for (article_path, _) in corpus() {
        let article = crate::article::read_article_file(&article_path).expect("article reads");
        let text = article.text().to_owned();
        let mut variants: Vec<String> = vec![
            text.replace('\n', "\r\n"),
            text.to_uppercase(),
            text.to_lowercase(),
            text.replace(['.', ',', '"'], ""),
            text.replace(' ', "  "),
            format!("🙂 “{text}” ‘é’ \u{E000}P1\u{E001} — –"),
        ];
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for k in (0..chars.len()).step_by(37) {
            variants.push(text[..chars[k].0].to_owned());
        }
        // Tricky characters inserted at random places.
        let tricky = ["’", "“", "”", "\"", "—", "é", "\u{a0}", ", ", ". ", "'s ", " of the ", "\n", "\u{E001}", "(", ")", "Mr. ", " said "];
        for _ in 0..6 {
            let mut t = text.clone();
            for _ in 0..25 {
                let boundaries: Vec<usize> = t.char_indices().map(|(i, _)| i).chain(std::iter::once(t.len())).collect();
                let at = boundaries[(next() % boundaries.len() as u64) as usize];
                let what = tricky[(next() % tricky.len() as u64) as usize];
                t.insert_str(at, what);
            }
            variants.push(t);
        }
        let mut words: Vec<&str> = text.split(' ').collect();
        for _ in 0..3 {
            for i in (1..words.len()).rev() {
                let j = (next() % (i as u64 + 1)) as usize;
                words.swap(i, j);
            }
            variants.push(words.join(" "));
        }
        for (n, variant) in variants.into_iter().enumerate() {
            for date in [article.meta.date.clone(), None] {
                let mut a = article.clone();
                a.meta.text = Some(variant.clone());
                a.meta.date = date;
                let extracted = extractor.extract(&a);
                if let Err(e) = Mapper::default().map(&extracted.facts) {
                    panic!("{} variant {n}: {e}", article_path.display());
                }
            }
        }
    }
}

/// Numbers, ids and dates are written by hand: as `format!` writes them.
#[test]
fn ids_and_dates_are_written_as_format_writes_them() {
    use super::time::DateValue;
    use chrono::Datelike;
    for n in [0usize, 1, 9, 10, 11, 99, 100, 101, 12_345, 4_000_000_000, usize::MAX] {
        let mut s = String::from("x");
        super::push_unsigned(&mut s, n as u64, 0);
        assert_eq!(s, format!("x{n}"));
    }
    for n in [0usize, 1, 9, 10, 99, 100, 12_345, 4_000_000_000] {
        assert_eq!(super::numbered("quote", n), format!("quote-{n}"));
    }
    let years = [-262_000, -10_000, -9_999, -1_000, -999, -100, -10, -5, -1, 0, 1, 9, 10, 99, 100, 999, 1_000, 2_024, 9_999, 10_000, 262_000];
    for y in years {
        let v = DateValue::Year(y);
        assert_eq!((v.text(), v.to_string()), (format!("{y:04}"), format!("{y:04}")));
        for m in [0, 1, 9, 10, 12, 123] {
            let v = DateValue::Month(y, m);
            assert_eq!((v.text(), v.to_string()), (format!("{y:04}-{m:02}"), format!("{y:04}-{m:02}")));
        }
        for (m, d) in [(1, 1), (2, 28), (9, 9), (10, 10), (12, 31)] {
            if let Some(date) = chrono::NaiveDate::from_ymd_opt(y, m, d) {
                let v = DateValue::Day(date);
                let expected = format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day());
                assert_eq!((v.text(), v.to_string()), (expected.clone(), expected));
            }
        }
    }
}

#[test]
fn character_offsets_are_those_of_char_indices() {
    // The per-block table against a count of `char_indices`, at every byte (inside characters
    // too) and past the end, on texts around the block size with characters of 1 to 4 bytes.
    let pieces = ["a", " ", "é", "—", "“", "🙂", "\u{E000}", "\n", "Putin"];
    let mut seed = 7u64;
    for length in [0, 1, 2, 63, 64, 65, 127, 128, 129, 300] {
        for _ in 0..20 {
            let mut text = String::new();
            while text.len() < length {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let chars = super::Chars::new(&text);
            for byte in 0..=text.len() + 2 {
                let expected = text.char_indices().filter(|&(i, _)| i <= byte).count().saturating_sub(1) + usize::from(byte >= text.len() && !text.is_empty());
                let expected = if text.is_empty() { 0 } else { expected };
                assert_eq!(chars.of(byte), expected, "byte {byte} of {text:?}");
            }
        }
    }
}

/// [`super::word_bytes`] tells each of eight bytes as [`super::is_ascii_word_byte`] does,
/// whatever its neighbours; [`super::next_word_start`] finds the word starts a byte-by-byte
/// reading finds, in and after the eight-byte part.
#[test]
fn word_bytes_and_word_starts_are_the_byte_tests() {
    use super::{is_ascii_word_byte, next_word_start, word_bytes};
    for b in 0..=u8::MAX {
        // Every byte in every place of eight, beside bytes of each kind.
        for (lane, fill) in (0..8).flat_map(|lane| [0, b'a', b'Z', b'_', b'0', b'9', b' ', b'`', 0x7F, 0x80, 0xFF].map(|fill| (lane, fill))) {
            let mut bytes = [fill; 8];
            bytes[lane] = b;
            let expected = (0..8).fold(0, |m, k| m | u64::from(is_ascii_word_byte(bytes[k])) << (8 * k + 7));
            assert_eq!(word_bytes(u64::from_le_bytes(bytes)), expected, "{bytes:?}");
        }
    }
    // Every pair of byte values, in every pair of neighbouring places.
    for low in 0..=u8::MAX {
        for high in 0..=u8::MAX {
            for lane in 0..7 {
                let mut bytes = [b'-'; 8];
                (bytes[lane], bytes[lane + 1]) = (low, high);
                let expected = (0..8).fold(0, |m, k| m | u64::from(is_ascii_word_byte(bytes[k])) << (8 * k + 7));
                assert_eq!(word_bytes(u64::from_le_bytes(bytes)), expected, "{bytes:?}");
            }
        }
    }
    let by_bytes = |b: &[u8], at: usize, first: &dyn Fn(u8) -> bool| {
        (at..b.len()).find(|&i| is_ascii_word_byte(b[i]) && (i == 0 || !is_ascii_word_byte(b[i - 1])) && first(b[i]))
    };
    let pieces = ["a", "Z", "_", "9", " ", "-", "é", "word", "the", "x_y", "  ", ".", "\u{E000}P3\u{E001}"];
    let firsts: [&dyn Fn(u8) -> bool; 3] = [&|_| true, &|b| b == b't', &|b| b.is_ascii_digit()];
    for s in crate::extract::testing::random_sentences(&pieces, 20_000, 12, 3) {
        let b = s.as_bytes();
        for at in 0..=b.len() {
            for first in &firsts {
                assert_eq!(next_word_start(b, at, first), by_bytes(b, at, first), "{s:?} from {at}");
            }
        }
    }
}


/// A set of cue words, each with its group.
type CueWords = Vec<(&'static str, usize)>;

/// The cue tests' word sets (the rules' cue words, each its own group, to tell them apart; and
/// words that overlap and share prefixes and suffixes) and sentences (the examples and `count`
/// random ones of up to `most` pieces: those words and characters that fold or mark slots).
fn cue_sets_and_sentences(count: usize, most: u64, unspaced: u64) -> (Vec<CueWords>, Vec<String>) {
    use super::rules::EVENT_RULES;
    let mut rule_words: Vec<&'static str> = EVENT_RULES.iter().flat_map(|t| t.iter()).flat_map(|r| r.cues.iter().chain(r.also)).copied().collect();
    rule_words.extend(super::speech::SPEECH_CUES);
    let sets: Vec<CueWords> = vec![
        rule_words.iter().enumerate().map(|(i, w)| (*w, i % 64)).collect(),
        ["he", "she", "hers", "his", "the", "then", "there", "her", "ERS", "s", "\u{E000}P"].iter().enumerate().map(|(i, w)| (*w, i)).collect(),
    ];
    let mut pieces: Vec<&str> = rule_words.clone();
    pieces.extend(["he", "she", "hers", "THE", "there", "ſ", "\u{212A}", "SAID", "Treaty", "\u{E000}", "\u{E001}", "P3", "é", ",", "x"]);
    let mut sentences = crate::extract::testing::example_sentences();
    sentences.extend(crate::extract::testing::random_sentences(&pieces, count, most, unspaced));
    (sets, sentences)
}

/// [`super::CueSet::groups_in`], which walks tables copied from the `aho_corasick` DFA, finds
/// the groups a walk of the DFA itself finds (on the words of [`cue_sets_and_sentences`]).
#[test]
fn cue_tables_find_the_groups_the_dfa_finds() {
    let (sets, sentences) = cue_sets_and_sentences(20_000, 12, 3);
    for words in sets {
        let cues = super::CueSet::new(words.iter().copied());
        let mut found = 0;
        for s in &sentences {
            let expected = cues.groups_in_by_dfa(s);
            found += expected.count_ones();
            assert_eq!(cues.groups_in(s), expected, "{s:?}");
        }
        assert!(found > 10_000, "{found}");
    }
}

/// [`super::CueSet::groups_in`] read as two walks side by side finds the groups one walk of the
/// DFA finds, wherever the text is split (the second walk starting the longest word's length
/// before the split).
#[test]
fn cue_walks_side_by_side_find_the_groups_of_one_walk() {
    let (sets, sentences) = cue_sets_and_sentences(3_000, 24, 5);
    let mut splits = 0;
    for words in sets {
        let cues = super::CueSet::new(words.iter().copied());
        for s in &sentences {
            let expected = cues.groups_in_by_dfa(s);
            assert_eq!(cues.groups_in(s), expected, "{s:?}");
            for split in cues.longest()..=s.len() {
                assert_eq!(cues.groups_in_split(s, split), expected, "{s:?} split at {split}");
                splits += 1;
            }
        }
    }
    assert!(splits > 100_000, "{splits}");
}

/// [`super::WordStarts`] gives the word starts [`super::next_word_start`] finds when asked again
/// from each one found, from any first byte.
#[test]
fn word_starts_are_the_next_word_starts_in_turn() {
    use super::{next_word_start, WordStarts};
    let pieces = ["a", "Z", "_", "9", " ", "-", "é", "word", "the", "x_y", "  ", ".", "\u{E000}P3\u{E001}", "then", "she"];
    let firsts: [&dyn Fn(u8) -> bool; 3] = [&|_| true, &|b| b == b't', &|b| b.is_ascii_digit()];
    let mut found = 0;
    for s in crate::extract::testing::random_sentences(&pieces, 20_000, 14, 3) {
        let b = s.as_bytes();
        for at in 0..=b.len() {
            for first in &firsts {
                let mut expected = Vec::new();
                let mut from = at;
                while let Some(p) = next_word_start(b, from, first) {
                    expected.push(p);
                    from = p + 1;
                }
                found += expected.len();
                assert_eq!(WordStarts::new(b, at, |p| first(b[p])).collect::<Vec<_>>(), expected, "{s:?} from {at}");
            }
        }
    }
    assert!(found > 100_000, "{found}");
}

/// [`super::slug`], which reads bytes and decodes only characters outside ASCII, writes what the
/// loop over characters it replaced wrote.
#[test]
fn slugs_as_by_characters() {
    fn by_characters(name: &str) -> String {
        let mut out = String::with_capacity(name.len());
        for c in name.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !c.is_ascii() && c.is_alphanumeric() {
                out.extend(c.to_lowercase());
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        if out.is_empty() {
            out.push_str("entity");
        }
        out
    }
    let pieces = ["Vladimir", "Putin", "İstanbul", "Ünal", "ß", "Σ", "-", " ", "'", "’", "é", "x", "9", "_", ".", "\u{E000}", "ǅ", "Ⅻ", "٣", "  "];
    let mut names = crate::extract::testing::example_sentences();
    names.extend(crate::extract::testing::random_sentences(&pieces, 30_000, 8, 3));
    names.push(String::new());
    for name in &names {
        assert_eq!(super::slug(name), by_characters(name), "{name:?}");
    }
}

/// [`super::simple_ascii_slug`], which maps a name that fits inline on the stack and tells its
/// hyphens eight bytes at a time, says what the byte-at-a-time pass (still the one for longer
/// names) says, on ASCII names of every length up to and past the inline size.
#[test]
fn inline_slugs_as_byte_at_a_time() {
    let pieces = ["Vladimir", "Putin", "-", " ", "'", "x", "9", "_", ".", "--", "A", "Kim Jong Un", "!", "Z-"];
    let mut names = crate::extract::testing::random_sentences(&pieces, 30_000, 8, 7);
    names.extend(crate::extract::testing::example_sentences().into_iter().filter(|n| n.is_ascii()).flat_map(|n| (0..=n.len().min(30)).map(move |k| n[..k].to_owned())));
    let trimmed: Vec<String> = names.iter().map(|n| n.trim().to_owned()).collect();
    names.extend(trimmed);
    let (mut inline, mut simple) = (0, 0);
    for name in &names {
        let slug = super::simple_ascii_slug(name);
        inline += usize::from(name.len() <= super::INLINE_BYTES);
        simple += usize::from(slug.is_some());
        assert_eq!(slug, super::long_simple_ascii_slug(name), "{name:?}");
    }
    assert!(inline > 10_000 && simple > 5_000, "{inline} {simple}");
}

/// [`super::space_end`], which tells ASCII white space from the byte, ends where decoding every
/// character ended.
#[test]
fn space_ends_as_by_characters() {
    let pieces = [" ", "  ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{1C}", "\u{85}", "\u{a0}", "\u{2003}", "\u{3000}", "x", "é", "’", ",", "said"];
    let mut texts = crate::extract::testing::example_sentences();
    texts.extend(crate::extract::testing::random_sentences(&pieces, 20_000, 8, 2));
    let mut moved = 0;
    for text in &texts {
        for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let expected = super::space_end_by_characters(text, at);
            moved += usize::from(expected > at);
            assert_eq!(super::space_end(text, at), expected, "{text:?} {at}");
        }
    }
    assert!(moved > 10_000, "{moved}");
}

/// `prefix_key` (made at compile time for the lists' words) is `word_key` of the whole word,
/// and `key_mask` keeps as many bytes (and `last_word_key` reads as much of a short word), for
/// words of every length up to past eight bytes, inside texts with bytes after them.
#[test]
fn prefix_keys_are_word_keys() {
    let text = "Pyongyang, été; a-b treaty signed";
    for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
        for end in (start..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let word = &text.as_bytes()[start..end];
            let key = super::prefix_key(word);
            assert_eq!(key, super::word_key(text.as_bytes(), start, end), "{:?}", &text[start..end]);
            assert_eq!(super::eight_bytes_at(text.as_bytes(), start) & super::key_mask(end - start), key, "{:?}", &text[start..end]);
            if end - start < 8 {
                assert_eq!(super::last_word_key(text.as_bytes(), start, end), key, "{:?}", &text[start..end]);
            }
        }
    }
}
