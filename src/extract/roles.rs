//! Affiliations from titles and appositions: person – role – organization.
//!
//! The organization is the one the text ties the person to (the centre rather than its
//! university; a spokesperson's ministry); heads of state and government and ministers whose
//! title names no body are linked to their country (from the title's demonym, or the
//! gazetteer). "Counterpart" takes the role of the other person titled in the same sentence.

use super::entities::{Registry, Title};
use super::gazetteer::Gazetteer;
use super::segment::Sentence;
use crate::facts::EntityType;

/// An affiliation read from a title.
#[derive(Debug, Clone, PartialEq)]
pub struct AffiliationFrame {
    /// The person.
    pub person: usize,
    /// The role, lower case.
    pub role: String,
    /// The organization or country.
    pub organization: usize,
    /// Evidence (bytes).
    pub span: (usize, usize),
    /// Rule.
    pub rule: &'static str,
    /// Confidence.
    pub confidence: f64,
}

fn sentence_of(sentences: &[Sentence], pos: usize) -> Option<usize> {
    sentences.iter().position(|s| s.start <= pos && pos < s.end.max(s.start + 1))
}

/// The affiliations stated by `titles`.
pub fn affiliations(titles: &[Title], registry: &mut Registry, gaz: &Gazetteer, sentences: &[Sentence], publisher: Option<usize>) -> Vec<AffiliationFrame> {
    let mut out: Vec<AffiliationFrame> = Vec::new();
    for t in titles {
        let mut role = t.role.trim().trim_start_matches("the ").trim().to_lowercase();
        if role.is_empty() {
            continue;
        }
        if role.ends_with("counterpart") {
            let here = sentence_of(sentences, t.span.0);
            let other = titles.iter().find(|o| o.person != t.person && !o.role.contains("counterpart") && sentence_of(sentences, o.span.0) == here);
            match other {
                Some(o) => role = o.role.to_lowercase(),
                None => continue,
            }
        }
        // A by-line credits the publisher.
        let byline = if t.rule == "byline" { publisher } else { None };
        let organization = t.organization.or(byline).or_else(|| {
            // A head of state, of government or a minister the gazetteer knows: their country.
            let row = registry.list[t.person].gaz?;
            let entry = gaz.entry(row);
            let country = gaz.country_of(row)?;
            let known_role = entry.role.as_deref().unwrap_or("");
            (role.contains(known_role) || known_role.contains(&role)).then(|| registry.gaz(gaz, country, usize::MAX))
        });
        let Some(organization) = organization else { continue };
        if registry.list[organization].kind == EntityType::Person {
            continue;
        }
        registry.use_entity(organization);
        if out.iter().any(|a| a.person == t.person && a.organization == organization && a.role == role) {
            continue;
        }
        let confidence = if t.organization.is_some() { 0.85 } else { 0.75 };
        out.push(AffiliationFrame { person: t.person, role, organization, span: t.span, rule: t.rule, confidence });
    }
    out
}
