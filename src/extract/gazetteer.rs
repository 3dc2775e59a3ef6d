//! The bundled gazetteer (`data/gazetteer.tsv`): known entities with their Wikidata ids,
//! aliases, demonyms, countries, capitals, roles and parents, and an index of their names' first
//! words that finds the names in text.
//!
//! Matching is ASCII case-sensitive (names are written with capitals; "US" is not "us"), keeps
//! only whole words (a letter or digit may not touch either end of a match; hyphens and
//! apostrophes may: "Beijing-based", "Putin's") and, where matches overlap, the leftmost and
//! then the longest wins ("Center for Russian Studies" over "Russian").
//!
//! Since a whole-word match can only start where a word starts, and a form found at a word
//! start begins with the text's first word there, each word start looks up the forms that begin
//! with its first word (most words begin none, and a filter says so without a look-up) and
//! takes the longest that is written there as a whole word.

use crate::facts::EntityType;
use super::segment::{Word, ASCII_ALPHANUMERIC};
use super::FxMap as HashMap;

/// First words of aliases that are a title plus a name.
const TITLE_WORDS: &[&str] = &["President", "Prime", "King", "Queen", "Chancellor", "Premier", "Emir", "Sheikh", "Crown", "Prince", "Ayatollah", "Pope"];

/// The bundled gazetteer file.
pub const BUNDLED: &str = include_str!("../../data/gazetteer.tsv");

/// One row of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Canonical name.
    pub name: String,
    /// Entity type.
    pub kind: EntityType,
    /// Wikidata id, where certain.
    pub wikidata: Option<compact_str::CompactString>,
    /// Other names.
    pub aliases: Vec<String>,
    /// Countries only: adjectival forms ("Russian").
    pub demonyms: Vec<String>,
    /// Canonical names of the countries the entity is in (several for rivers and regions).
    pub countries: Vec<String>,
    /// Capitals: the canonical name of their country.
    pub capital_of: Option<String>,
    /// People: the office as news phrases it ("President of Russia").
    pub office: Option<String>,
    /// People: the short role ("president").
    pub role: Option<String>,
    /// Canonical name of the parent row.
    pub part_of: Option<String>,
}

impl Entry {
    /// The single country of the entry, when it has exactly one.
    pub fn country(&self) -> Option<&str> {
        match self.countries.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }
}

/// How a surface form names its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Form {
    /// The canonical name.
    Name,
    /// An alias.
    Alias,
    /// A demonym (countries only): an adjective, not a mention.
    Demonym,
}

/// A match of a surface form in a text (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GazMatch {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Index of the entry.
    pub entry: usize,
    /// Which form matched.
    pub form: Form,
}

/// The parsed gazetteer with its indexes.
#[derive(Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_name: HashMap<String, usize>,
    /// Lowercased name, alias or demonym → entry (for case-insensitive look-ups such as datelines).
    by_form_lower: HashMap<String, usize>,
    /// [`NameFilter`]s of the keys of `by_name` and of the ASCII keys of `by_form_lower`: most
    /// names looked up (the mention stage's organizations and people) are in neither.
    name_filter: Box<NameFilter>,
    form_lower_filter: Box<NameFilter>,
    /// Pattern id → the form (name, alias or demonym) as written. (Matching reads the forms
    /// from `form_text` and the candidates; the tests read these.)
    #[cfg_attr(not(test), allow(dead_code))]
    forms: Vec<String>,
    /// The forms that begin with each first word (a form's leading run of ASCII letters and
    /// digits), found through `first_words` ([`Gazetteer::by_first_word`]).
    first_word_list: Vec<FirstWord>,
    /// The first words, each in the slot of its [`first_word_hash`] or the next free one after
    /// it (an open-addressed table, at most half full, of a power of two slots). Looked up for
    /// every word of a text that may start a form: a slot holds the word's length and first
    /// eight bytes, so that a word (of eight bytes or fewer, nearly all) is found or ruled out
    /// by the slots it reads, without following an index to a list and then to the word's
    /// bytes (two loads, each depending on the last, before the first comparison).
    first_words: Box<[FirstWordSlot]>,
    /// Bit [`first_word_bit`] of each first word: a word whose bit is
    /// clear is none, which rules out most of the words that reach the slot table (about two in
    /// five of them begin no form) without reading it. The slot table (64 KB) does not stay in
    /// the first-level cache, this filter (4 KB) does: its probe was a miss for most such words.
    first_word_filter: Box<FirstWordFilter>,
    /// The characters of all the forms, one after the other: a [`Candidate`] is compared with
    /// the text here (its `start`), without loading the form's `String` first.
    form_text: String,
    /// The forms that do not begin with an ASCII letter or digit ("Élysée"), longest first.
    other_forms: Vec<Candidate>,
    /// Bit [`form_start_bit`] of `b0 b1`: some form starts with bytes that have the bit of
    /// `b0 b1` (or is one byte with the bit of `b0`). Rules out, without trying forms, starts
    /// where the text's word does not begin with an ASCII letter or digit.
    ///
    /// (A bit per pair of the bytes' low six bits: 512 bytes, where a bit per pair of bytes
    /// took 8 kB, the probe of which, made for nearly every word, was often a first-level cache
    /// miss. A pair that shares its bit with a form's start is passed on to the first-word
    /// filter, which rules out most such words.)
    form_starts: Box<Bits<{ 4096 / 64 }>>,
    /// Pattern id → (entry, form).
    #[cfg_attr(not(test), allow(dead_code))]
    patterns: Vec<(usize, Form)>,
    /// Whether every form begins with a letter or digit: then a match can only start at a
    /// character of one of the text's words ([`Gazetteer::find_in_words`]).
    forms_start_alphanumeric: bool,
    /// Entry → [`Gazetteer::country_of`], and → [`Gazetteer::capital_of`]: looked up for most
    /// entities of every article, so found once here rather than by hashing names each time.
    country_rows: Vec<Option<usize>>,
    capital_rows: Vec<Option<usize>>,
    /// Country entry → people whose country it is.
    people_by_country: HashMap<usize, Vec<usize>>,
    /// First or last word of a person's name → people.
    by_name_part: HashMap<String, Vec<usize>>,
    /// The [`NameFilter`] of the keys of `by_name_part`: the mention stage asks of most
    /// capitalized words of an article whether they are such a part, and few are. (2 kB, a
    /// quarter of the others: its probe, made for most capitalized words, was a first-level
    /// cache miss for many.)
    name_part_filter: Box<NameFilter<256>>,
}

fn entity_type(value: &str) -> Option<EntityType> {
    Some(match value {
        "Person" => EntityType::Person,
        "Organization" => EntityType::Organization,
        "NewsOutlet" => EntityType::NewsOutlet,
        "University" => EntityType::University,
        "ResearchCenter" => EntityType::ResearchCenter,
        "Government" => EntityType::Government,
        "PoliticalParty" => EntityType::PoliticalParty,
        "InternationalOrganization" => EntityType::InternationalOrganization,
        "Place" => EntityType::Place,
        "Country" => EntityType::Country,
        "City" => EntityType::City,
        "River" => EntityType::River,
        "Region" => EntityType::Region,
        _ => return None,
    })
}

fn list(field: &str) -> Vec<String> {
    field.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

fn opt(field: &str) -> Option<String> {
    let field = field.trim();
    (!field.is_empty()).then(|| field.to_owned())
}

/// Parses the TSV (header line first). Rows with an unknown type or too few columns are errors.
pub fn parse(tsv: &str) -> Result<Vec<Entry>, String> {
    let mut entries = Vec::new();
    for (n, line) in tsv.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 9 {
            return Err(format!("gazetteer line {}: {} columns, expected 10", n + 1, cols.len()));
        }
        let kind = entity_type(cols[1]).ok_or_else(|| format!("gazetteer line {}: unknown type {:?}", n + 1, cols[1]))?;
        let roles = list(cols[7]);
        entries.push(Entry {
            name: cols[0].trim().to_owned(),
            kind,
            wikidata: opt(cols[2]).map(Into::into),
            aliases: list(cols[3]),
            demonyms: list(cols[4]),
            countries: list(cols[5]),
            capital_of: opt(cols[6]),
            office: roles.first().cloned(),
            role: roles.get(1).cloned(),
            part_of: opt(cols[8]),
        });
    }
    Ok(entries)
}

/// True when `c` continues a word (so a match may not end or start next to it).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `text[start..end]` is a whole word (or words). An ASCII byte next to the range is
/// the character there, told from the byte; only a character outside ASCII is decoded.
#[inline]
pub fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let before = match start.checked_sub(1).map(|i| bytes[i]) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[..start].chars().next_back().is_some_and(is_word_char),
    };
    let after = match bytes.get(end) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[end..].chars().next().is_some_and(is_word_char),
    };
    !before && !after
}

/// [`whole_word`] as it was, decoding both characters (the reference of its test).
#[cfg(test)]
fn whole_word_by_chars(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

impl Gazetteer {
    /// Builds the gazetteer from TSV text.
    pub fn from_tsv(tsv: &str) -> Result<Self, String> {
        let entries = parse(tsv)?;
        let mut by_name = HashMap::default();
        for (i, e) in entries.iter().enumerate() {
            by_name.insert(e.name.clone(), i);
        }
        let mut forms: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut by_form_lower = HashMap::default();
        let mut seen: HashMap<String, usize> = HashMap::default();
        for (i, e) in entries.iter().enumerate() {
            let all = std::iter::once((&e.name, Form::Name))
                .chain(e.aliases.iter().map(|a| (a, Form::Alias)))
                .chain(e.demonyms.iter().map(|d| (d, Form::Demonym)));
            for (form, how) in all {
                // "President Xi", "King Abdullah II": titles are read by the mention stage, and
                // such an alias would hide the full name that follows ("President Xi Jinping").
                let first_word = form.split_whitespace().next().unwrap_or("");
                if how == Form::Alias && form.contains(' ') && TITLE_WORDS.contains(&first_word) {
                    continue;
                }
                if seen.contains_key(form) {
                    continue; // the file promises no shared forms; keep the first if it breaks it
                }
                seen.insert(form.clone(), i);
                by_form_lower.entry(form.to_lowercase()).or_insert(i);
                forms.push(form.clone());
                patterns.push((i, how));
            }
        }
        let mut by_first_word: HashMap<Vec<u8>, FirstWord> = HashMap::default();
        let mut other_forms = Vec::new();
        let mut form_text = String::with_capacity(forms.iter().map(String::len).sum());
        for (pattern, form) in forms.iter().enumerate() {
            let start = u32::try_from(form_text.len()).map_err(|_| "gazetteer: too many forms".to_owned())?;
            form_text.push_str(form);
            let Some(&last) = form.as_bytes().last() else { continue };
            let (entry, how) = patterns[pattern];
            let entry = u32::try_from(entry).map_err(|_| "gazetteer: too many entries".to_owned())?;
            let candidate = Candidate { start, len: form.len() as u32, entry, last, form: how };
            let run = first_word(form.as_bytes());
            if run.is_empty() {
                other_forms.push(candidate);
                continue;
            }
            let first = by_first_word.entry(run.to_vec()).or_default();
            match form.as_bytes().get(run.len() + 1) {
                Some(&second) => {
                    first.second.insert(usize::from(second));
                    first.long.push(candidate);
                }
                None => first.short.push(candidate),
            }
        }
        // Longest first: the first whole-word form written at a start is the longest there.
        for list in by_first_word.values_mut().flat_map(|f| [&mut f.long, &mut f.short]).chain(std::iter::once(&mut other_forms)) {
            list.sort_by_key(|c| std::cmp::Reverse(c.len));
        }
        // The longer forms by their byte after the first word's next one (a stable sort: still
        // longest first among those with the same byte).
        for (run, first) in by_first_word.iter_mut() {
            let second = |c: &Candidate| form_text.as_bytes()[c.start as usize + run.len() + 1];
            first.long.sort_by_key(second);
            first.long_second = first.long.iter().map(second).collect();
        }
        let forms_start_alphanumeric = forms.iter().all(|f| f.chars().next().is_some_and(is_word_char));
        // (A fixed-size array: its index, a pair of bytes over 64, needs no bounds check.)
        let mut form_starts = Box::<Bits<{ 4096 / 64 }>>::default();
        for form in &forms {
            let mut set = |pair: usize| form_starts.insert(pair);
            match *form.as_bytes() {
                [b0] => (0..=255).for_each(|b1| set(form_start_bit(b0, b1))),
                [b0, b1, ..] => set(form_start_bit(b0, b1)),
                [] => {}
            }
        }
        // (At most half full: a word that begins no form reads one or two slots.)
        let mut first_words = vec![FirstWordSlot::default(); (2 * by_first_word.len()).next_power_of_two().max(16)].into_boxed_slice();
        let mask = first_words.len() - 1;
        let mut first_word_list = Vec::with_capacity(by_first_word.len());
        let mut first_word_filter = Box::<FirstWordFilter>::default();
        for (run, mut first) in by_first_word {
            let key = first_word_key(&run);
            let hash = first_word_hash(key, run.len());
            first_word_filter.insert(first_word_bit(hash));
            let mut at = hash & mask;
            while first_words[at].len != 0 {
                at = (at + 1) & mask;
            }
            let index = u32::try_from(first_word_list.len()).map_err(|_| "gazetteer: too many first words".to_owned())?;
            first_words[at] = FirstWordSlot { key, len: u32::try_from(run.len()).map_err(|_| "gazetteer: a long first word".to_owned())?, index };
            first.word = run.into_boxed_slice();
            first_word_list.push(first);
        }
        let country_rows: Vec<Option<usize>> = (0..entries.len()).map(|i| country_by_name(&entries, &by_name, i)).collect();
        let mut people_by_country: HashMap<usize, Vec<usize>> = HashMap::default();
        let mut by_name_part: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, e) in entries.iter().enumerate() {
            if e.kind != EntityType::Person {
                continue;
            }
            if let Some(country) = country_rows[i] {
                people_by_country.entry(country).or_default().push(i);
            }
            let words: Vec<&str> = e.name.split_whitespace().collect();
            if words.len() >= 2 {
                for part in [words[0], words[words.len() - 1]] {
                    let list = by_name_part.entry(part.to_owned()).or_default();
                    if !list.contains(&i) {
                        list.push(i);
                    }
                }
            }
        }
        let capital_rows = entries.iter().map(|e| capital_by_name(e, &by_name)).collect();
        let name_filter = NameFilter::of(by_name.keys().map(|k| k.as_bytes()));
        let name_part_filter = NameFilter::of(by_name_part.keys().map(|k| k.as_bytes()));
        // (The lower case of an ASCII form is ASCII: the other keys are never an ASCII form's.)
        let form_lower_filter = NameFilter::of(by_form_lower.keys().filter(|k| k.is_ascii()).map(|k| k.as_bytes()));
        Ok(Self {
            entries,
            by_name,
            by_form_lower,
            name_filter,
            form_lower_filter,
            forms,
            first_word_list,
            first_words,
            first_word_filter,
            form_text,
            other_forms,
            form_starts,
            patterns,
            forms_start_alphanumeric,
            country_rows,
            capital_rows,
            people_by_country,
            by_name_part,
            name_part_filter,
        })
    }

    /// The bundled gazetteer.
    pub fn bundled() -> Self {
        Self::from_tsv(BUNDLED).expect("the bundled gazetteer parses")
    }

    /// All entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// One entry.
    pub fn entry(&self, index: usize) -> &Entry {
        &self.entries[index]
    }

    /// The entry with this canonical name.
    pub fn by_name(&self, name: &str) -> Option<usize> {
        if !self.name_filter.may_hold_name(name.as_bytes()) {
            return None;
        }
        self.by_name.get(name).copied()
    }

    /// The entry with this name, alias or demonym, compared case-insensitively.
    pub fn by_form_ignore_case(&self, form: &str) -> Option<usize> {
        // (An ASCII form's lower case is its bytes lowered one by one: the filter is asked
        // without lowering the rest.)
        let lower = |b: Option<&u8>| b.map(u8::to_ascii_lowercase);
        if form.is_ascii() && !self.form_lower_filter.may_hold(form.len(), lower(form.as_bytes().first()), lower(form.as_bytes().last())) {
            return None;
        }
        super::with_lowercase(form, |lower| self.by_form_lower.get(lower).copied())
    }

    /// The people whose country is the country entry `country`.
    pub fn people_of_country(&self, country: usize) -> &[usize] {
        self.people_by_country.get(&country).map_or(&[], Vec::as_slice)
    }

    /// Whether `part` may be a word [`Gazetteer::people_by_name_part`] knows (if not, it
    /// knows no people by it): a test of bits, without hashing the word.
    #[inline]
    pub fn may_be_name_part(&self, part: &[u8]) -> bool {
        self.name_part_filter.may_hold_name(part)
    }

    /// People whose name starts or ends with the word `part` ("Kim", "Putin").
    pub fn people_by_name_part(&self, part: &str) -> &[usize] {
        if !self.may_be_name_part(part.as_bytes()) {
            return &[];
        }
        self.by_name_part.get(part).map_or(&[], Vec::as_slice)
    }

    /// People with short role `role` (e.g. "president") whose country is `country`.
    pub fn people_by_role(&self, country: usize, role: &str) -> Vec<usize> {
        self.people_of_country(country)
            .iter()
            .copied()
            .filter(|&p| self.entries[p].role.as_deref().is_some_and(|r| r.eq_ignore_ascii_case(role)))
            .collect()
    }

    /// The country entry of an entry (its single `country`), or the entry itself for a country.
    pub fn country_of(&self, index: usize) -> Option<usize> {
        self.country_rows[index]
    }

    /// The row of an entry's single `country`, as `by_name` finds it: a country itself has
    /// none. (Read from the row table, without hashing the name.)
    pub fn country_row(&self, index: usize) -> Option<usize> {
        self.country_rows[index].filter(|&c| c != index)
    }

    /// The country a capital city is the capital of.
    pub fn capital_of(&self, index: usize) -> Option<usize> {
        self.capital_rows[index]
    }

    /// Whole-word, leftmost-longest matches of names, aliases and demonyms in `text`.
    ///
    /// The same as taking all whole-word matches, by start and then longest first, and keeping
    /// each that starts after the last kept one ends: a match can only start where a word
    /// starts (after a character that is not a letter or digit), so only word starts are tried,
    /// and of the matches at one start the longest whole-word one is kept.
    ///
    /// At a start with an ASCII letter or digit, a form that matches there has the same leading
    /// run of ASCII letters and digits as the text (the form ends at a word boundary or goes on
    /// with the same other byte), so only the forms with that first word are tried
    /// ([`Gazetteer::by_first_word`]). At other
    /// starts, only forms that begin with neither can match, and they are tried when some form
    /// begins with the start's first two bytes.
    pub fn find(&self, text: &str) -> Vec<GazMatch> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut last_end = 0;
        // Whether the character before `i` is not a letter or digit (a word may start at `i`).
        let mut boundary = true;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if ASCII_ALPHANUMERIC[usize::from(b)] {
                // The run of ASCII letters and digits: no match starts inside it.
                let end = i + 1 + bytes[i + 1..].iter().position(|&b| !ASCII_ALPHANUMERIC[usize::from(b)]).unwrap_or(bytes.len() - i - 1);
                if boundary && i >= last_end {
                    if let Some(m) = self.longest_at_run(text, i, end) {
                        last_end = m.end;
                        out.push(m);
                    }
                }
                boundary = false;
                i = end;
                continue;
            }
            if boundary && i >= last_end && self.may_start_form(bytes, i) {
                if let Some(m) = self.longest_at(text, i, &self.other_forms) {
                    last_end = m.end;
                    out.push(m);
                }
            }
            if b.is_ascii() {
                boundary = true;
                i += 1;
            } else {
                let c = text[i..].chars().next().expect("a character");
                boundary = !is_word_char(c);
                i += c.len_utf8();
            }
        }
        out
    }

    /// [`Gazetteer::find`] of `text`, given `words`, its words, and `mixed`, the indexes of those
    /// that are not plain (`segment::words_and_mixed(text, 0, text.len())`), so that only the starts of
    /// words and of their parts are visited, and the bytes of plain words (ASCII letters and
    /// digits: one run, the whole word) are not read again ([`WordFinder::word`] says why
    /// those starts are enough).
    #[cfg_attr(not(test), allow(dead_code))] // (detection feeds a `WordFinder` as it reads the words)
    pub fn find_in_words(&self, text: &str, words: &[Word], mixed: &[usize]) -> Vec<GazMatch> {
        let mut out = Vec::new();
        self.find_in_words_into(text, words, mixed, &mut out);
        out
    }

    /// [`Gazetteer::find_in_words`] into `out` (emptied first), so that a caller can keep the
    /// vector from one article to the next.
    #[cfg_attr(not(test), allow(dead_code))] // (detection feeds a `WordFinder` as it reads the words)
    pub fn find_in_words_into(&self, text: &str, words: &[Word], mixed: &[usize], into: &mut Vec<GazMatch>) {
        let mut finder = self.word_finder(std::mem::take(into));
        let mut mixed = mixed.iter().copied().peekable();
        for (k, &w) in words.iter().enumerate() {
            finder.word(text, w, mixed.next_if_eq(&k).is_none());
        }
        *into = finder.finish(text);
    }

    /// A [`WordFinder`] that fills `out` (emptied first).
    pub fn word_finder(&self, mut out: Vec<GazMatch>) -> WordFinder<'_> {
        out.clear();
        // (Without forms that all begin with a letter or digit, no word is looked up: every
        // word ends before this `last_end`, and `finish` searches the whole text.)
        let last_end = if self.forms_start_alphanumeric { 0 } else { usize::MAX };
        WordFinder { gaz: self, last_end, out }
    }

    /// The longest form written as a whole word at byte `i`, where `text[i..end]` is a run of
    /// ASCII letters and digits that begins a word or part of one: the forms with that first
    /// word ([`Gazetteer::by_first_word`]).
    ///
    /// Most words begin no form: the pair of bytes at `i` rules most of them out
    /// ([`Gazetteer::may_start_form`]) before their first word is looked up.
    #[inline(always)]
    fn longest_at_run(&self, text: &str, i: usize, end: usize) -> Option<GazMatch> {
        let bytes = text.as_bytes();
        if !self.may_start_form(bytes, i) {
            return None;
        }
        let first = self.by_first_word(bytes, i, end)?;
        // The longer forms only where the text's byte after the word's next one is one of
        // theirs ("the Netherlands", not "the talks").
        // Of those, only the ones with that byte there are tried.
        let long = match bytes.get(end + 1) {
            Some(&b) if first.second.has(usize::from(b)) => {
                let (from, to) = (first.long_second.partition_point(|&s| s < b), first.long_second.partition_point(|&s| s <= b));
                self.longest_at(text, i, &first.long[from..to])
            }
            _ => None,
        };
        long.or_else(|| if first.short.is_empty() { None } else { self.longest_at(text, i, &first.short) })
    }

    /// The forms whose first word is `bytes[i..end]`, a run of ASCII letters and digits (not
    /// empty), if there are some.
    #[inline]
    fn by_first_word(&self, bytes: &[u8], i: usize, end: usize) -> Option<&FirstWord> {
        let n = end - i;
        let key = super::word_key(bytes, i, end);
        let hash = first_word_hash(key, n);
        if !self.first_word_filter.has(first_word_bit(hash)) {
            return None;
        }
        let mask = self.first_words.len() - 1;
        let mut at = hash & mask;
        loop {
            let slot = self.first_words[at];
            if slot.len as usize == n && slot.key == key {
                let first = &self.first_word_list[slot.index as usize];
                // (Longer words are compared past their first eight bytes: rare.)
                if n <= 8 || first.word[8..] == bytes[i + 8..end] {
                    return Some(first);
                }
            } else if slot.len == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    /// [`Gazetteer::by_first_word`] by a map from the first words (the reference of its test).
    #[cfg(test)]
    fn by_first_word_in_list(&self, run: &[u8]) -> Option<&FirstWord> {
        self.first_word_list.iter().find(|f| *f.word == *run)
    }

    /// Whether some form starts with the byte at `i` and the one after it.
    fn may_start_form(&self, bytes: &[u8], i: usize) -> bool {
        let Some(&b1) = bytes.get(i + 1) else { return true };
        self.form_starts.has(form_start_bit(bytes[i], b1))
    }

    /// The longest of `candidates` (longest first) written as a whole word at byte `start` of
    /// `text`. Forms sharing a first word are many for some ("the", "United"), so each is first
    /// tested on its last byte and on the byte after it (which must not be an ASCII letter or
    /// digit) before it is compared whole.
    fn longest_at(&self, text: &str, start: usize, candidates: &[Candidate]) -> Option<GazMatch> {
        let rest = &text.as_bytes()[start..];
        let form_text = self.form_text.as_bytes();
        candidates.iter().find_map(|&Candidate { start: at, len, entry, last, form }| {
            let (at, len) = (at as usize, len as usize);
            let ends_there = rest.get(len - 1) == Some(&last) && rest.get(len).is_none_or(|&b| !ASCII_ALPHANUMERIC[usize::from(b)]);
            let written = ends_there && rest[..len] == form_text[at..at + len] && whole_word(text, start, start + len);
            written.then_some(GazMatch { start, end: start + len, entry: entry as usize, form })
        })
    }
}

/// [`Gazetteer::find_in_words`] fed the words of a text one at a time, in order, with whether
/// each is plain: so that the reader of the words ([`super::segment::words_mixed_and_capitals_each_into`])
/// looks each up while it has it, and no pass of its own goes over all the words again.
#[derive(Debug)]
pub struct WordFinder<'g> {
    gaz: &'g Gazetteer,
    /// Where the last match ends: no match starts before (`usize::MAX`: the words are not
    /// looked up, [`WordFinder::finish`] searches the text).
    last_end: usize,
    out: Vec<GazMatch>,
}

impl WordFinder<'_> {
    /// Looks up the starts of word `w` of `text` (`plain`: all ASCII letters and digits).
    ///
    /// When every form begins with a letter or digit, a match starts at a letter or digit
    /// after a character that is neither. Every letter or digit of the text is in one of its
    /// words, whose characters are letters, digits and joiners (`-`, `.`, `'`, `’`), each joiner
    /// followed by a letter or digit, and the character before a word is neither. So the starts
    /// are the words' starts and the characters after their joiners ("based" in
    /// "Beijing-based", "S" in "U.S"); at each, the forms are tried as `find` tries them.
    #[inline(always)]
    pub fn word(&mut self, text: &str, w: Word, plain: bool) {
        let gaz = self.gaz;
        // (Every start inside the word is inside the last match.)
        if w.end <= self.last_end {
            return;
        }
        if plain {
            if let Some(m) = gaz.longest_at_run(text, w.start, w.end) {
                self.last_end = m.end;
                self.out.push(m);
            }
            return;
        }
        self.mixed_word(text, w);
    }

    /// [`WordFinder::word`] of a word that is not plain: its parts' starts.
    #[inline(never)]
    fn mixed_word(&mut self, text: &str, w: Word) {
        let gaz = self.gaz;
        let bytes = text.as_bytes();
        let mut i = w.start;
        while i < w.end {
            // `i` starts the word or follows a joiner.
            let found = if ASCII_ALPHANUMERIC[usize::from(bytes[i])] {
                let end = i + 1 + bytes[i + 1..w.end].iter().position(|&b| !ASCII_ALPHANUMERIC[usize::from(b)]).unwrap_or(w.end - i - 1);
                let found = if i >= self.last_end { gaz.longest_at_run(text, i, end) } else { None };
                i = end;
                found
            } else {
                // A letter or digit outside ASCII.
                let found = if i >= self.last_end && gaz.may_start_form(bytes, i) { gaz.longest_at(text, i, &gaz.other_forms) } else { None };
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                found
            };
            if let Some(m) = found {
                self.last_end = m.end;
                self.out.push(m);
            }
            // On to the character after the next joiner.
            while i < w.end {
                let b = bytes[i];
                if b.is_ascii() {
                    i += 1;
                    if matches!(b, b'-' | b'.' | b'\'') {
                        break;
                    }
                } else {
                    let c = text[i..].chars().next().expect("a character");
                    i += c.len_utf8();
                    if c == '’' {
                        break;
                    }
                }
            }
        }
    }

    /// The matches, [`Gazetteer::find`]'s of `text`, the text whose words were given.
    pub fn finish(self, text: &str) -> Vec<GazMatch> {
        let mut out = self.out;
        if !self.gaz.forms_start_alphanumeric {
            out.clear();
            out.extend(self.gaz.find(text));
        }
        out
    }
}

/// The forms that begin with one first word ([`Gazetteer::by_first_word`]), in two lists:
/// every form of `long` is longer than the first word and the byte after it, which all of
/// `short` are not, so where the text's byte after those is not in `second` (bit `b`: some form
/// of `long` has byte `b` there), no form of `long` is written, and where it is, only the forms
/// of `long` with that byte there can be. `short` is longest first; `long` is by that byte,
/// then longest first.
#[derive(Debug, Default)]
struct FirstWord {
    /// The first word.
    word: Box<[u8]>,
    /// By their byte after the first word's next one (`long_second`), then longest first.
    long: Vec<Candidate>,
    /// The byte after the first word's next one of each of `long`, in order.
    long_second: Vec<u8>,
    second: Bits<4>,
    short: Vec<Candidate>,
}

/// A form that may be written at a word start ([`Gazetteer::longest_at`]), with what a match
/// of it records: read from the list of candidates, without loading the form's `String` or its
/// pattern's entry.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// Where it starts in [`Gazetteer::form_text`].
    start: u32,
    /// Its length in bytes (not zero).
    len: u32,
    /// Its entry.
    entry: u32,
    /// Its last byte.
    last: u8,
    /// How it names its entry.
    form: Form,
}

/// The bit of [`Gazetteer::form_starts`] of a start with the bytes `b0 b1`: the low six bits of
/// each, which tell the ASCII letters apart, capitals from small ones (a small letter shares
/// its bits with a digit or a sign, and a letter with bytes outside ASCII: "é" begins with
/// 0xC3, whose low bits are those of "C").
#[inline(always)]
fn form_start_bit(b0: u8, b1: u8) -> usize {
    64 * usize::from(b0 & 63) + usize::from(b1 & 63)
}

/// A slot of [`Gazetteer::first_words`]: a first word's length (0: the slot is empty), its
/// first eight bytes ([`first_word_key`]) and its index in `first_word_list`.
#[derive(Debug, Clone, Copy, Default)]
struct FirstWordSlot {
    key: u64,
    len: u32,
    index: u32,
}

/// A set of `64 * WORDS` bits: the gazetteer's filters (a bit for each word or pair of bytes
/// hashed or read to it) and its sets of bytes.
#[derive(Debug, Clone)]
pub(crate) struct Bits<const WORDS: usize>([u64; WORDS]);

impl<const WORDS: usize> Default for Bits<WORDS> {
    fn default() -> Self {
        Self([0; WORDS])
    }
}

impl<const WORDS: usize> Bits<WORDS> {
    /// Sets bit `bit` (below `64 * WORDS`).
    #[inline]
    pub(crate) fn insert(&mut self, bit: usize) {
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// Whether bit `bit` (below `64 * WORDS`) is set.
    #[inline]
    pub(crate) fn has(&self, bit: usize) -> bool {
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// A set of names as bits of their length and first and last bytes, `64 * WORDS` bits (a
/// power of two; the gazetteer's sets set a few percent of 65,536): a name whose bit is not set
/// is not in the set, which rules out most names looked up without hashing them (or lowering
/// them) whole. A small one (the mention stage's name parts of an article) is filled for each
/// article on the stack.
#[derive(Debug)]
pub(crate) struct NameFilter<const WORDS: usize = 1024>(Bits<WORDS>);

impl<const WORDS: usize> Default for NameFilter<WORDS> {
    fn default() -> Self {
        Self(Bits::default())
    }
}

impl<const WORDS: usize> NameFilter<WORDS> {
    /// The bit of a name of `len` bytes with these first and last bytes (none when empty).
    fn bit(len: usize, first: Option<u8>, last: Option<u8>) -> usize {
        const { assert!(WORDS.is_power_of_two()) };
        let key = (len as u64) | u64::from(first.unwrap_or(0)) << 32 | u64::from(last.unwrap_or(0)) << 40;
        (key.wrapping_mul(super::FxHasher::SEED) >> (64 - (64 * WORDS).trailing_zeros())) as usize
    }

    /// The filter of `names` (boxed: the gazetteer's are 8 kB each).
    fn of<'a>(names: impl Iterator<Item = &'a [u8]>) -> Box<Self> {
        let mut filter = Box::<Self>::default();
        names.for_each(|name| filter.insert(name));
        filter
    }

    /// Adds `name`.
    pub(crate) fn insert(&mut self, name: &[u8]) {
        self.0.insert(Self::bit(name.len(), name.first().copied(), name.last().copied()));
    }

    /// Whether a name of `len` bytes with these first and last bytes may be in the set.
    #[inline]
    fn may_hold(&self, len: usize, first: Option<u8>, last: Option<u8>) -> bool {
        self.0.has(Self::bit(len, first, last))
    }

    /// Whether `name` may be in the set.
    #[inline]
    pub(crate) fn may_hold_name(&self, name: &[u8]) -> bool {
        self.may_hold(name.len(), name.first().copied(), name.last().copied())
    }
}

/// [`Gazetteer::country_of`] entry `index`, found by name.
fn country_by_name(entries: &[Entry], by_name: &HashMap<String, usize>, index: usize) -> Option<usize> {
    let e = &entries[index];
    if e.kind == EntityType::Country {
        return Some(index);
    }
    e.country().and_then(|c| by_name.get(c).copied())
}

/// [`Gazetteer::capital_of`] entry `e`, found by name.
fn capital_by_name(e: &Entry, by_name: &HashMap<String, usize>) -> Option<usize> {
    e.capital_of.as_deref().and_then(|c| by_name.get(c).copied())
}

/// A form's first word, as [`Gazetteer::find`] compares it with the text: its leading run of
/// ASCII letters and digits (empty when it begins with another character).
fn first_word(form: &[u8]) -> &[u8] {
    let run = form.iter().take_while(|&&b| ASCII_ALPHANUMERIC[usize::from(b)]).count();
    &form[..run]
}

/// A word's first eight bytes (fewer when it is shorter) as a little-endian `u64`, zero after
/// its end: with its length, the whole of a word of up to eight bytes.
fn first_word_key(word: &[u8]) -> u64 {
    super::word_key(word, 0, word.len())
}

/// The size in bits of [`Gazetteer::first_word_filter`] (4 KB: some 1,600 first words set
/// about one bit in twenty).
const FIRST_WORD_BITS: usize = 1 << 15;

/// The type of [`Gazetteer::first_word_filter`].
type FirstWordFilter = Bits<{ FIRST_WORD_BITS / 64 }>;

/// The bit of [`Gazetteer::first_word_filter`] of a first word whose [`first_word_hash`] is
/// `hash`: its low bits (the slot table's home slot is from the same hash, masked likewise).
#[inline]
fn first_word_bit(hash: usize) -> usize {
    hash & (FIRST_WORD_BITS - 1)
}

/// The home slot of a first word in [`Gazetteer::first_words`] (before the table's mask): a
/// multiplicative hash of its [`first_word_key`] and length, its high bits brought down.
fn first_word_hash(key: u64, len: usize) -> usize {
    let h = (key ^ (key >> 29)).wrapping_add(len as u64).wrapping_mul(super::FxHasher::SEED);
    (h >> 40) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(g: &Gazetteer, text: &str) -> Vec<(String, String, Form)> {
        g.find(text).into_iter().map(|m| (text[m.start..m.end].to_owned(), g.entry(m.entry).name.clone(), m.form)).collect()
    }

    #[test]
    fn parses_the_bundled_file() {
        let g = Gazetteer::bundled();
        assert_eq!(g.entries().len(), 1142);
        let putin = g.entry(g.by_name("Vladimir Putin").unwrap());
        assert_eq!(putin.wikidata.as_deref(), Some("Q7747"));
        assert_eq!(putin.role.as_deref(), Some("president"));
        assert_eq!(putin.country(), Some("Russia"));
        let pyongyang = g.by_name("Pyongyang").unwrap();
        assert_eq!(g.capital_of(pyongyang), g.by_name("North Korea"));
    }

    #[test]
    fn whole_words_and_longest() {
        let g = Gazetteer::bundled();
        let found = names(&g, "the Center for Russian Studies of East China Normal University");
        assert_eq!(found[0].1, "Center for Russian Studies");
        assert_eq!(found[1].1, "East China Normal University");
        assert_eq!(found.len(), 2);
        // Not inside words; hyphens and apostrophes are boundaries.
        assert!(names(&g, "Russians and Chinatown").is_empty());
        let found = names(&g, "a Beijing-based expert, Putin’s visit, the US' strategy");
        let got: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(got, ["Beijing", "Vladimir Putin", "United States"]);
        // Case-sensitive: "us" is a pronoun.
        assert!(names(&g, "told us").is_empty());
    }

    /// What [`Gazetteer::find`] promises: of all the whole-word occurrences of the forms, by
    /// start and then longest first, each that starts after the last kept one ends.
    fn find_by_every_occurrence(g: &Gazetteer, all: &aho_corasick::AhoCorasick, text: &str) -> Vec<GazMatch> {
        let mut found: Vec<(usize, usize, usize)> = all.find_overlapping_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize())).filter(|&(s, e, _)| whole_word(text, s, e)).collect();
        found.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        let mut out = Vec::new();
        let mut last_end = 0;
        for (start, end, pattern) in found {
            if start >= last_end {
                let (entry, form) = g.patterns[pattern];
                out.push(GazMatch { start, end, entry, form });
                last_end = end;
            }
        }
        out
    }

    /// [`whole_word`] against [`whole_word_by_chars`] on every pair of character boundaries of
    /// random texts of letters, digits and other characters in and outside ASCII.
    #[test]
    fn whole_words_told_by_bytes_as_by_chars() {
        let pieces = ["a", "Z", "7", " ", "-", "'", ".", "é", "日", "—", "\u{a0}", "Ⅻ", "٣", "x y"];
        let texts = crate::extract::testing::random_sentences(&pieces, 3_000, 6, 3);
        let mut whole = 0;
        for t in &texts {
            for (s, e) in crate::extract::testing::char_ranges(t) {
                let expected = whole_word_by_chars(t, s, e);
                whole += usize::from(expected);
                assert_eq!(whole_word(t, s, e), expected, "{t:?} {s} {e}");
            }
        }
        assert!(whole > 10_000, "{whole}");
    }

    #[test]
    fn find_keeps_the_leftmost_longest_whole_words() {
        let g = Gazetteer::bundled();
        let pieces = [
            "the", "The", "the Netherlands", "The Hague", "the Hague", "Netherlands", "Russian", "Russian Federation", "U.S.", "U.S", "US", "U",
            "S", "United", "United States", "United Kingdom", "Kingdom", "Republic of Korea", "Republic", "of", "Korea", "Élysée", "Élysée Palace",
            "St.", "St", "Petersburg", "China", "China's", "Beijing-based", "x", "-", ".", "'", "’", "é", "2", "  ",
        ];
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 20_000, 8, 4));
        let all = aho_corasick::AhoCorasick::new(&g.forms).unwrap();
        let mut found = 0;
        for s in &sentences {
            let expected = find_by_every_occurrence(&g, &all, s);
            found += expected.len();
            assert_eq!(g.find(s), expected, "{s:?}");
        }
        assert!(found > 20_000, "{found}");
    }

    /// [`Gazetteer::find_in_words`] against [`Gazetteer::find`], its reference, on the example
    /// sentences and 40,000 random ones built of forms, their parts and the joiners and other
    /// characters around words (hyphens, dots, apostrophes, letters outside ASCII); and on a
    /// gazetteer with a form that does not begin with a letter or digit.
    #[test]
    fn find_in_words_finds_what_find_finds() {
        use crate::extract::segment::words_and_mixed;
        let find_in_words = |g: &Gazetteer, s: &str| {
            let (words, mixed) = words_and_mixed(s, 0, s.len());
            g.find_in_words(s, &words, &mixed)
        };
        let g = Gazetteer::bundled();
        assert!(g.forms_start_alphanumeric);
        let pieces = [
            "the", "The", "the Netherlands", "The Hague", "Netherlands", "Russian", "Russian Federation", "U.S.", "U.S", "US", "U", "S", "United",
            "United States", "Republic of Korea", "Korea", "Élysée", "Élysée Palace", "Éire", "St.", "Petersburg", "China", "China's", "China’s",
            "Beijing-based", "-", ".", "'", "’", "é", "Đà", "2", "  ", "x", "pro-Russian", "Putin", "Vladimir Putin", "D.C.", "Washington, D.C.",
            "New York, N.Y.", "O'Brien", "\u{2013}", "/", "(", "\"", "“", "Kim Jong Un", "Seoul", "Pyongyang-", "-Seoul", "ÉChina",
        ];
        let mut sentences = crate::extract::testing::example_sentences();
        sentences.extend(crate::extract::testing::random_sentences(&pieces, 40_000, 8, 3));
        let mut found = 0;
        for s in &sentences {
            let expected = g.find(s);
            found += expected.len();
            assert_eq!(find_in_words(&g, s), expected, "{s:?}");
        }
        assert!(found > 40_000, "{found}");
        // A form that does not begin with a letter or digit: the whole text is searched.
        let tsv = format!("{}\n(Paren) Org\tOrganization\t\t\t\t\t\t\t\t\n", BUNDLED.trim_end());
        let g = Gazetteer::from_tsv(&tsv).expect("parses");
        assert!(!g.forms_start_alphanumeric);
        let text = "The (Paren) Org met Putin.";
        let expected = g.find(text);
        assert!(expected.iter().any(|m| &text[m.start..m.end] == "(Paren) Org"));
        assert_eq!(find_in_words(&g, text), expected);
    }

    /// [`Gazetteer::by_first_word`], read from the open-addressed table of first words, against
    /// a search of the list of first words: on every first word, its prefixes and the words made
    /// of it and a few more letters (some over eight bytes, sharing their first eight), and many
    /// random words of a few letters; each written at the end of a text and before other bytes
    /// (letters too, which the eight bytes read at once must not take into the key).
    #[test]
    fn first_words_found_as_in_the_list() {
        let g = Gazetteer::bundled();
        let mut runs: Vec<Vec<u8>> = Vec::new();
        for f in &g.first_word_list {
            let w = f.word.to_vec();
            for n in 1..=w.len() {
                runs.push(w[..n].to_vec());
            }
            for tail in [&b"s"[..], b"x", b"ern", b"123456789", b"a"] {
                runs.push([&w[..], tail].concat());
            }
        }
        let words = crate::extract::testing::random_sentences(&["a", "e", "n", "s", "t", "U", "S", "C", "h", "i", "1"], 30_000, 12, 5);
        runs.extend(words.iter().map(|w| w.as_bytes().to_vec()));
        let (mut found, mut tried) = (0, 0);
        for run in runs.iter().filter(|r| !r.is_empty() && r.iter().all(|&b| ASCII_ALPHANUMERIC[usize::from(b)])) {
            let expected = g.by_first_word_in_list(run).map(|f| f as *const FirstWord);
            found += usize::from(expected.is_some());
            for (before, after) in [(&b""[..], &b""[..]), (b"x ", b" y"), (b"", b"abcdefghij"), (b"(", b"-9"), (b"", b".")] {
                let text = [before, &run[..], after].concat();
                let got = g.by_first_word(&text, before.len(), before.len() + run.len()).map(|f| f as *const FirstWord);
                assert_eq!(got, expected, "{:?}", String::from_utf8_lossy(&text));
                tried += 1;
            }
        }
        assert!(found > 3_000 && tried > 90_000, "{found} {tried}");
        // The filter in front of the slots (which the comparison above checks never rules out a
        // first word) rules out most other words.
        let others: Vec<&Vec<u8>> = runs.iter().filter(|r| !r.is_empty() && g.by_first_word_in_list(r).is_none()).collect();
        let passed = others.iter().filter(|r| {
            g.first_word_filter.has(first_word_bit(first_word_hash(first_word_key(r), r.len())))
        });
        let (passed, others) = (passed.count(), others.len());
        assert!(others > 20_000 && passed * 10 < others, "{passed} of {others}");
    }

    /// [`Gazetteer::country_row`], read from the row table, against the look-up by name of the
    /// entry's single country that it replaced, on every row of the gazetteer.
    #[test]
    fn country_rows_as_found_by_name() {
        let g = Gazetteer::bundled();
        let mut placed = 0;
        for (row, entry) in g.entries.iter().enumerate() {
            let expected = entry.country().and_then(|c| g.by_name(c));
            placed += usize::from(expected.is_some());
            assert_eq!(g.country_row(row), expected, "{}", entry.name);
        }
        assert!(placed > 100, "only {placed} entries have a country");
    }

    /// [`Gazetteer::by_form_ignore_case`] against the look-up of `to_lowercase` it does without
    /// allocating for short ASCII forms (and [`Gazetteer::by_name`] against the map's, both
    /// after their [`NameFilter`]s), on the forms themselves in several cases, the example
    /// sentences and 20,000 random ones (some longer than its buffer, some not ASCII).
    #[test]
    fn forms_ignore_case_as_lowercase() {
        let g = Gazetteer::bundled();
        let mut inputs: Vec<String> = g.forms.iter().flat_map(|f| [f.clone(), f.to_uppercase(), f.to_lowercase()]).collect();
        let pieces = ["Russia", "RUSSIA", "beijing", "United States", "the", "Élysée", "ÉLYSÉE", "İ", "K", "\u{212A}", " ", "-", "x", "Ministry of Foreign Affairs"];
        inputs.extend(crate::extract::testing::example_sentences());
        inputs.extend(crate::extract::testing::random_sentences(&pieces, 20_000, 6, 3));
        let (mut found, mut named) = (0, 0);
        for form in &inputs {
            let expected = g.by_form_lower.get(&form.to_lowercase()).copied();
            found += usize::from(expected.is_some());
            assert_eq!(g.by_form_ignore_case(form), expected, "{form:?}");
            // And by name (the filter before the map changes nothing found).
            let expected = g.by_name.get(form.as_str()).copied();
            named += usize::from(expected.is_some());
            assert_eq!(g.by_name(form), expected, "{form:?}");
        }
        assert!(found > 5_000 && named > 1_000, "{found} {named}");
    }

    /// The countries and capitals found once per entry are those found by name.
    #[test]
    fn countries_and_capitals_by_row_as_by_name() {
        let g = Gazetteer::bundled();
        let (mut countries, mut capitals) = (0, 0);
        for i in 0..g.entries().len() {
            let (country, capital) = (country_by_name(&g.entries, &g.by_name, i), capital_by_name(&g.entries[i], &g.by_name));
            countries += usize::from(country.is_some());
            capitals += usize::from(capital.is_some());
            assert_eq!((g.country_of(i), g.capital_of(i)), (country, capital), "{}", g.entries[i].name);
        }
        assert!(countries > 500 && capitals > 100, "{countries} {capitals}");
    }

    #[test]
    fn demonyms_are_marked() {
        let g = Gazetteer::bundled();
        let found = names(&g, "Russian President");
        assert_eq!(found, [("Russian".to_owned(), "Russia".to_owned(), Form::Demonym)]);
    }

    /// [`Gazetteer::may_start_form`] against the forms' first two bytes, on every pair of
    /// bytes: never false where a form starts so (or is the first byte alone); and on pairs of
    /// ASCII letters, most of the text's word starts, seldom true where none does.
    #[test]
    fn form_starts_as_the_forms_begin() {
        let g = Gazetteer::bundled();
        let starts = |b0: u8, b1: u8| g.forms.iter().any(|f| matches!(*f.as_bytes(), [a] if a == b0) || f.as_bytes().starts_with(&[b0, b1]));
        let (mut letters, mut begun, mut passed) = (0, 0, 0);
        for b0 in 0..=255u8 {
            for b1 in 0..=255u8 {
                let (expected, got) = (starts(b0, b1), g.may_start_form(&[b0, b1], 0));
                assert!(got || !expected, "{b0} {b1}");
                if b0.is_ascii_alphabetic() && b1.is_ascii_alphabetic() {
                    letters += 1;
                    begun += usize::from(expected);
                    passed += usize::from(got && !expected);
                }
            }
        }
        assert!(letters == 52 * 52 && begun > 300 && passed * 20 < letters - begun, "{begun} {passed} of {letters}");
    }

    /// [`Gazetteer::people_by_name_part`], behind its filter, against the map alone, on every
    /// part the map knows, words near them (plurals, cut, lowered, doubled) and the words of
    /// the example articles; most of those the filter rules out.
    #[test]
    fn name_parts_found_as_by_the_map_alone() {
        let g = Gazetteer::bundled();
        let mut words: Vec<String> = g.by_name_part.keys().cloned().collect();
        assert!(words.len() > 100, "{}", words.len());
        for s in crate::extract::testing::example_sentences() {
            words.extend(s.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).map(str::to_owned));
        }
        let keys: Vec<String> = g.by_name_part.keys().cloned().collect();
        words.extend(keys.iter().flat_map(|k| [format!("{k}s"), k.chars().skip(1).collect(), k.to_lowercase(), format!("{k}{k}")]));
        words.extend(["", "X", "Kim", "Putin", "Moon", "Xi"].map(str::to_owned));
        let (mut known, mut ruled_out) = (0, 0);
        for w in &words {
            let expected = g.by_name_part.get(w.as_str()).map_or(&[][..], Vec::as_slice);
            assert_eq!(g.people_by_name_part(w), expected, "{w:?}");
            known += usize::from(!expected.is_empty());
            ruled_out += usize::from(!g.may_be_name_part(w.as_bytes()));
        }
        assert!(known >= keys.len() && ruled_out > words.len() / 2, "{known} {ruled_out} of {}", words.len());
    }

    #[test]
    fn role_and_name_part_lookups() {
        let g = Gazetteer::bundled();
        let russia = g.by_name("Russia").unwrap();
        let presidents = g.people_by_role(russia, "president");
        assert_eq!(presidents.iter().map(|&p| g.entry(p).name.as_str()).collect::<Vec<_>>(), ["Vladimir Putin"]);
        assert!(g.people_by_name_part("Kim").contains(&g.by_name("Kim Jong Un").unwrap()));
        assert_eq!(g.by_form_ignore_case("BEIJING"), g.by_name("Beijing"));
    }
}
