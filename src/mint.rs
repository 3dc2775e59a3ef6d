//! The only place where strings become IRIs.
//!
//! Scheme, under a base IRI `B` (default [`DEFAULT_BASE`]):
//!
//! | resource | IRI |
//! |---|---|
//! | article `A` | `B article/A` |
//! | its named graph | `B graph/A` |
//! | the extraction that produced it | `B extraction/A` |
//! | fact `F` of article `A` | `B fact/A.F` |
//! | evidence span `s..e` of article `A` | `B evidence/A.s-e` |
//! | entity named `N` | `B entity/N` |
//!
//! Each key is encoded so that distinct keys give distinct IRIs: ASCII letters, digits, `-`
//! and non-ASCII letters and digits stay as they are, a space becomes `_`, and every other
//! character (including `_` and `.` themselves) is percent-encoded. No `/` ever appears in an
//! encoded key, so each kind has a prefix under which every IRI is a valid Turtle local name.
//! Entity names are trimmed and inner white space collapsed first: "Vladimir  Putin" and
//! "Vladimir Putin" are one entity.

use crate::error::{Error, Result};
use oxigraph::model::NamedNode;
use std::fmt::Write;

/// The base IRI used when none is configured.
pub const DEFAULT_BASE: &str = "https://w3id.org/newsgraph/data/";

/// The kinds of minted resources, each with the path segment that follows the base.
pub const KINDS: &[(&str, &str)] = &[
    ("article", "article/"),
    ("graph", "graph/"),
    ("extraction", "extraction/"),
    ("fact", "fact/"),
    ("evidence", "evidence/"),
    ("entity", "entity/"),
];

/// Mints IRIs under one base. Cheap to clone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minter {
    base: String,
}

impl Default for Minter {
    fn default() -> Self {
        Self { base: DEFAULT_BASE.to_owned() }
    }
}

impl Minter {
    /// A minter for `base`, which must be an absolute IRI ending in `/` or `#`.
    pub fn new(base: &str) -> Result<Self> {
        let invalid = |reason: &str| Error::InvalidBase { value: base.to_owned(), reason: reason.to_owned() };
        oxigraph::model::NamedNode::new(base).map_err(|e| invalid(&e.to_string()))?;
        if !(base.ends_with('/') || base.ends_with('#')) {
            return Err(invalid("must end with '/' or '#'"));
        }
        Ok(Self { base: base.to_owned() })
    }

    /// The base IRI.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The IRI of an article.
    pub fn article(&self, article: &str) -> NamedNode {
        self.build("article/", &[article])
    }

    /// The IRI of the named graph holding an article's facts.
    pub fn graph(&self, article: &str) -> NamedNode {
        self.build("graph/", &[article])
    }

    /// The IRI of the extraction activity that produced an article's facts.
    pub fn extraction(&self, article: &str) -> NamedNode {
        self.build("extraction/", &[article])
    }

    /// The IRI of a fact of an article.
    pub fn fact(&self, article: &str, fact: &str) -> NamedNode {
        self.build("fact/", &[article, fact])
    }

    /// The IRI of an evidence span of an article.
    pub fn evidence(&self, article: &str, start: usize, end: usize) -> NamedNode {
        let mut iri = self.prefix("evidence/");
        encode_into(&mut iri, article);
        write!(iri, ".{start}-{end}").expect("writing to a String");
        NamedNode::new_unchecked(iri)
    }

    /// The IRI of the entity with this canonical name.
    pub fn entity(&self, name: &str) -> NamedNode {
        let normalized = normalize_name(name);
        self.build("entity/", &[&normalized])
    }

    fn prefix(&self, kind: &str) -> String {
        let mut iri = String::with_capacity(self.base.len() + kind.len() + 32);
        iri.push_str(&self.base);
        iri.push_str(kind);
        iri
    }

    fn build(&self, kind: &str, keys: &[&str]) -> NamedNode {
        let mut iri = self.prefix(kind);
        for (i, key) in keys.iter().enumerate() {
            if i > 0 {
                iri.push('.');
            }
            encode_into(&mut iri, key);
        }
        NamedNode::new_unchecked(iri)
    }
}

/// Trims a name and collapses runs of white space to one space.
pub fn normalize_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Appends the injective encoding of `key` described in the module documentation.
fn encode_into(out: &mut String, key: &str) {
    for c in key.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || (!c.is_ascii() && c.is_alphanumeric()) {
            out.push(c);
        } else if c == ' ' {
            out.push('_');
        } else {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                write!(out, "%{byte:02X}").expect("writing to a String");
            }
        }
    }
}

/// The encoded form of one key, as it appears in a minted IRI.
pub fn encode_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    encode_into(&mut out, key);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_names_are_readable_and_collapsed() {
        let m = Minter::default();
        assert_eq!(m.entity(" Vladimir   Putin ").as_str(), "https://w3id.org/newsgraph/data/entity/Vladimir_Putin");
        assert_eq!(m.entity("Zürich").as_str(), "https://w3id.org/newsgraph/data/entity/Zürich");
    }

    #[test]
    fn hostile_characters_are_encoded() {
        let m = Minter::default();
        let iri = m.entity("a>b \"c\" <d>/e_f.g");
        assert_eq!(iri.as_str(), "https://w3id.org/newsgraph/data/entity/a%3Eb_%22c%22_%3Cd%3E%2Fe%5Ff%2Eg");
        assert!(NamedNode::new(iri.as_str()).is_ok());
    }

    #[test]
    fn facts_are_scoped_by_article_without_ambiguity() {
        let m = Minter::default();
        assert_ne!(m.fact("a.b", "c"), m.fact("a", "b.c"));
        assert_eq!(m.fact("x", "visit-1").as_str(), "https://w3id.org/newsgraph/data/fact/x.visit-1");
    }

    #[test]
    fn base_must_be_absolute_and_end_with_a_separator() {
        assert!(Minter::new("https://example.org/kb/").is_ok());
        assert!(Minter::new("https://example.org/kb").is_err());
        assert!(Minter::new("not an iri/").is_err());
    }
}
