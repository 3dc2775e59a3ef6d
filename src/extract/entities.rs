//! The entities of one article while it is being read: a registry keyed by canonical name, and
//! the mentions that point into it.

use super::gazetteer::Gazetteer;
use crate::facts::EntityType;
use super::{FxHasher, FxMap};
use compact_str::CompactString;
use std::hash::Hasher;

/// An entity of the article being read.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRec {
    /// Canonical name (held inline up to 24 bytes, as most are: no allocation).
    pub name: CompactString,
    /// Type.
    pub kind: EntityType,
    /// Gazetteer row, when known.
    pub gaz: Option<usize>,
    /// Wikidata id.
    pub wikidata: Option<CompactString>,
    /// Short description.
    pub description: Option<String>,
    /// Other names used in the text (never pronouns or bare common nouns).
    pub aliases: Vec<CompactString>,
    /// Parent organization.
    pub part_of: Option<usize>,
    /// Country of a place.
    pub country: Option<usize>,
    /// Capitals: their country.
    pub capital_of: Option<usize>,
    /// Whether it is output (mentioned by name, or needed by a fact).
    pub used: bool,
    /// Confidence that it exists as typed.
    pub confidence: f64,
    /// Where it was first found (byte offset), to order the output.
    pub first: usize,
}

/// Entities by canonical name.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// All entities, in order of creation.
    pub list: Vec<EntityRec>,
    /// The hash of a canonical name ([`name_hash`]) → the entity registered last with a name
    /// of that hash; the others follow through `same_hash`. Keyed by the hash, not the name, so
    /// that registering an entity does not copy its name a second time (names are compared on
    /// look-up: no hash is trusted; so [`Registry::find`] reads the names in `list`, which
    /// `Output::build` moves out only after its last look-up).
    by_name: FxMap<u64, usize>,
    /// Per entity, the one registered before it with a name of the same hash.
    same_hash: Vec<Option<usize>>,
    /// Gazetteer row → 1 + its entity (0: none), as long as the largest row registered: read by
    /// index, without hashing, some thirty times an article ([`Registry::find_gaz`]).
    by_gaz: Vec<u32>,
}

/// The tables of a [`Registry`], without it (which gives them back when dropped).
#[derive(Debug)]
struct Tables {
    list: Vec<EntityRec>,
    by_name: FxMap<u64, usize>,
    same_hash: Vec<Option<usize>>,
    by_gaz: Vec<u32>,
}

thread_local! {
    /// The tables of the thread's last dropped [`Registry`] that had room for entities, emptied,
    /// for the next one [`Registry::with_capacity`] makes (one registry per article).
    static SPARE: std::cell::RefCell<Option<Tables>> = const { std::cell::RefCell::new(None) };
}

impl Drop for Registry {
    /// Empties the tables and leaves them to the thread's next registry ([`SPARE`]).
    fn drop(&mut self) {
        if self.list.capacity() == 0 {
            return;
        }
        let mut tables = Tables { list: std::mem::take(&mut self.list), by_name: std::mem::take(&mut self.by_name), same_hash: std::mem::take(&mut self.same_hash), by_gaz: std::mem::take(&mut self.by_gaz) };
        // (Only the rows of the entities were set: those are zeroed, not the whole table.)
        for row in tables.list.iter().filter_map(|e| e.gaz) {
            if let Some(slot) = tables.by_gaz.get_mut(row) {
                *slot = 0;
            }
        }
        tables.list.clear();
        tables.by_name.clear();
        tables.same_hash.clear();
        super::keep(&SPARE, Some(tables));
    }
}

/// The hash of a canonical name in [`Registry`]'s index.
fn name_hash(name: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(name.as_bytes());
    hasher.finish()
}

/// Removes a leading "the "/"The ".
pub fn strip_the(name: &str) -> &str {
    name.strip_prefix("the ").or_else(|| name.strip_prefix("The ")).unwrap_or(name)
}

#[allow(clippy::len_without_is_empty)]
impl Registry {
    /// An empty registry with room for `n` entities: an article names a few dozen, and growing
    /// from nothing moves the entities and hashes their names again several times.
    ///
    /// The tables are the thread's last dropped registry's, emptied ([`SPARE`]), when it left
    /// some: each article would otherwise allocate (and, for the maps, clear) four of them.
    pub fn with_capacity(n: usize) -> Self {
        if let Some(Tables { mut list, mut by_name, mut same_hash, by_gaz }) = super::take_kept(&SPARE) {
            list.reserve(n);
            same_hash.reserve(n);
            by_name.reserve(n);
            return Self { list, by_name, same_hash, by_gaz };
        }
        Self {
            list: Vec::with_capacity(n),
            by_name: FxMap::with_capacity_and_hasher(n, Default::default()),
            same_hash: Vec::with_capacity(n),
            by_gaz: Vec::new(),
        }
    }

    /// The entity with this canonical name.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.find_hashed(name, name_hash(name))
    }

    /// [`Registry::find`] of a name whose [`name_hash`] is `hash` (so that a caller that
    /// registers the name when it is not found hashes it once).
    fn find_hashed(&self, name: &str, hash: u64) -> Option<usize> {
        // (The last registered with the name, as a map from names would keep.)
        let mut at = self.by_name.get(&hash).copied();
        while let Some(i) = at {
            if self.list[i].name == name {
                return Some(i);
            }
            at = self.same_hash[i];
        }
        None
    }

    /// The entity of a gazetteer row, if registered.
    pub fn find_gaz(&self, gaz: usize) -> Option<usize> {
        // (An entry is trusted only if its entity has the row: the table is reused by the
        // thread's next registry, zeroed only at the rows of the entities.)
        let i = (*self.by_gaz.get(gaz)? as usize).checked_sub(1)?;
        (self.list.get(i)?.gaz == Some(gaz)).then_some(i)
    }

    /// The entity of gazetteer row `row`, registered if new.
    pub fn gaz(&mut self, gazetteer: &Gazetteer, row: usize, at: usize) -> usize {
        if let Some(i) = self.find_gaz(row) {
            self.list[i].first = self.list[i].first.min(at);
            return i;
        }
        let entry = gazetteer.entry(row);
        let i = self.add(&entry.name, entry.kind, at, 0.95);
        self.list[i].gaz = Some(row);
        self.list[i].wikidata = entry.wikidata.clone();
        if self.by_gaz.len() <= row {
            self.by_gaz.resize(row + 1, 0);
        }
        self.by_gaz[row] = u32::try_from(i + 1).expect("fewer than 2^32 entities");
        i
    }

    /// The entity named `name` (a leading "the" is dropped), registered with `kind` if new. When
    /// the gazetteer knows the name, its row is used.
    pub fn named(&mut self, gazetteer: &Gazetteer, name: &str, kind: EntityType, at: usize, confidence: f64) -> usize {
        let name = strip_the(name.trim());
        let hash = name_hash(name);
        if let Some(i) = self.find_hashed(name, hash) {
            self.list[i].first = self.list[i].first.min(at);
            return i;
        }
        if let Some(row) = gazetteer.by_name(name).or_else(|| gazetteer.by_form_ignore_case(name)) {
            if gazetteer.entry(row).demonyms.iter().all(|d| d != name) {
                let i = self.gaz(gazetteer, row, at);
                if self.list[i].name != name {
                    self.add_alias(i, name);
                }
                return i;
            }
        }
        self.add_hashed(name, hash, kind, at, confidence)
    }

    /// The entity named exactly `name`, registered with `kind` if new (no gazetteer look-up:
    /// for descriptive names such as "anonymous Beijing-based military expert").
    pub fn plain(&mut self, name: &str, kind: EntityType, at: usize, confidence: f64) -> usize {
        let hash = name_hash(name);
        match self.find_hashed(name, hash) {
            Some(i) => i,
            None => self.add_hashed(name, hash, kind, at, confidence),
        }
    }

    fn add(&mut self, name: &str, kind: EntityType, at: usize, confidence: f64) -> usize {
        self.add_hashed(name, name_hash(name), kind, at, confidence)
    }

    /// [`Registry::add`] of a name whose [`name_hash`] is `hash`.
    fn add_hashed(&mut self, name: &str, hash: u64, kind: EntityType, at: usize, confidence: f64) -> usize {
        let i = self.list.len();
        self.list.push(EntityRec {
            name: name.into(),
            kind,
            gaz: None,
            wikidata: None,
            description: None,
            aliases: Vec::new(),
            part_of: None,
            country: None,
            capital_of: None,
            used: false,
            confidence,
            first: at,
        });
        self.same_hash.push(self.by_name.insert(hash, i));
        i
    }

    /// Records another name of entity `i`.
    pub fn add_alias(&mut self, i: usize, alias: &str) {
        let alias = alias.trim();
        if alias.is_empty() || alias == self.list[i].name {
            return;
        }
        if !self.list[i].aliases.iter().any(|a| a == alias) {
            self.list[i].aliases.push(alias.into());
        }
    }

    /// Marks `i` as output.
    pub fn use_entity(&mut self, i: usize) {
        self.list[i].used = true;
    }

    /// The entity (tests read the registry through it).
    #[cfg(test)]
    pub fn get(&self, i: usize) -> &EntityRec {
        &self.list[i]
    }

    /// The number of entities.
    pub fn len(&self) -> usize {
        self.list.len()
    }

}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// The canonical name or a full name.
    Name,
    /// An alias, a short form or a surname.
    Alias,
    /// A capital city standing for its country.
    Metonym,
    /// A description with a qualifier ("the Chinese leader", "her Moroccan counterpart").
    Description,
    /// An adjective ("Russian"): not recorded as a mention.
    Demonym,
}

impl MentionKind {
    /// Whether the mention is recorded in the entity's mentions.
    pub fn recorded(self) -> bool {
        self != MentionKind::Demonym
    }
}

/// A mention of an entity (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mention {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// The entity.
    pub entity: usize,
    /// How it names it.
    pub kind: MentionKind,
    /// Nested in a longer mention (Kazakhstan inside a ministry's name): recorded, but not a
    /// slot of its own when sentences are read.
    pub nested: bool,
}

/// A title or apposition stating a person's role: the source of an affiliation.
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    /// The person.
    pub person: usize,
    /// The role in lower case, as the text words it.
    pub role: String,
    /// The organization or country, when the text names it.
    pub organization: Option<usize>,
    /// The span stating it (bytes).
    pub span: (usize, usize),
    /// The rule that found it.
    pub rule: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A registry made after one was dropped (on the dropped one's tables) starts empty and
    /// finds only its own entities.
    #[test]
    fn a_registry_on_spare_tables_starts_empty() {
        let gaz = Gazetteer::bundled();
        let mut first = Registry::with_capacity(2);
        for k in 0..40 {
            first.plain(&format!("Name {k}"), EntityType::Person, k, 0.5);
        }
        for row in 0..40 {
            let i = first.gaz(&gaz, row, 0);
            assert_eq!((i, first.find_gaz(row)), (40 + row, Some(40 + row)));
        }
        drop(first);
        let mut second = Registry::with_capacity(2);
        assert_eq!((second.len(), second.find("Name 3"), second.find_gaz(3), second.find_gaz(70)), (0, None, None, None));
        let i = second.plain("Name 7", EntityType::City, 0, 0.5);
        let j = second.gaz(&gaz, 7, 0);
        assert_eq!((i, j, second.find("Name 7"), second.find("Name 3")), (0, 1, Some(0), None));
        assert_eq!((second.find_gaz(7), second.find_gaz(3), second.find_gaz(39)), (Some(1), None, None));
        assert_eq!(second.get(0).kind, EntityType::City);
    }

    /// [`Registry::find`] against a map from names (the last entity registered with a name
    /// wins), over names registered once and several times.
    #[test]
    fn names_are_found_as_a_map_of_names_finds_them() {
        let mut registry = Registry::with_capacity(4);
        let mut expected: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let names: Vec<String> = (0..3000).map(|k| format!("{} {}", ["Kim", "Li", "", "Bank of Korea", "é"][k % 5], (k * 7919) % 1300)).collect();
        for (k, name) in names.iter().enumerate() {
            let i = if k % 3 == 0 { registry.add(name, EntityType::Person, k, 0.5) } else { registry.plain(name, EntityType::Organization, k, 0.5) };
            if k % 3 == 0 || !expected.contains_key(name) {
                expected.insert(name.clone(), i);
            }
        }
        for probe in names.iter().map(String::as_str).chain(["", "Kim", "Kim 0 ", "nobody"]) {
            assert_eq!(registry.find(probe), expected.get(probe).copied(), "{probe:?}");
        }
    }
}
