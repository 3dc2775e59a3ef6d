//! Affiliations from titles and appositions: person – role – organization.
//!
//! The organization is the one the text ties the person to (the centre rather than its
//! university; a spokesperson's ministry); heads of state and government and ministers whose
//! title names no body are linked to their country (from the title's demonym, or the
//! gazetteer). "Counterpart" takes the role of the other person titled in the same sentence.

use super::entities::{Registry, Title};
use super::gazetteer::Gazetteer;
use super::segment::Sentence;
use super::strip_repeated;
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
    let i = sentences.partition_point(|s| s.start <= pos).checked_sub(1)?;
    (pos < sentences[i].end.max(sentences[i].start + 1)).then_some(i)
}

/// The affiliations stated by `titles`.
pub fn affiliations(titles: &[Title], registry: &mut Registry, gaz: &Gazetteer, sentences: &[Sentence], publisher: Option<usize>) -> Vec<AffiliationFrame> {
    let mut out: Vec<AffiliationFrame> = Vec::new();
    for t in titles {
        let mut role = strip_repeated(t.role.trim(), "the ").trim().to_lowercase();
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

#[cfg(test)]
mod tests {
    use crate::extract::Extractor;

    fn affiliations(text: &str) -> Vec<(String, String, String)> {
        let article = crate::article::read_text_article(&format!("date: 2026-01-17\npublisher: Iberian Dispatch\n\n{text}"), "t", "t.txt").expect("reads");
        let f = Extractor::new().extract(&article).facts;
        let name = |id: &str| f.entities.iter().find(|e| e.id == id).map(|e| e.name.to_string()).unwrap_or_default();
        f.affiliations.iter().map(|a| (name(&a.person), a.role.as_deref().unwrap_or_default().to_owned(), name(&a.organization))).collect()
    }

    #[test]
    fn titles_appositions_counterparts_and_bylines() {
        let got = affiliations(
            "Spanish Foreign Minister Lucía Navarro held talks with her Moroccan counterpart, Youssef Alami. Manuel Ortega, president of the regional government of Andalusia, left.\n(Reporting by Ana Ruiz)",
        );
        assert!(got.contains(&("Lucía Navarro".into(), "foreign minister".into(), "Spain".into())), "{got:?}");
        assert!(got.contains(&("Youssef Alami".into(), "foreign minister".into(), "Morocco".into())), "{got:?}");
        assert!(got.contains(&("Manuel Ortega".into(), "president".into(), "Regional Government of Andalusia".into())), "{got:?}");
        assert!(got.contains(&("Ana Ruiz".into(), "reporter".into(), "Iberian Dispatch".into())), "{got:?}");
    }

    #[test]
    fn heads_of_state_known_to_the_gazetteer_link_to_their_country() {
        let got = affiliations("At the invitation of President Abdel Fattah el-Sisi, the talks began.");
        assert_eq!(got, [("Abdel Fattah el-Sisi".into(), "president".into(), "Egypt".into())]);
    }
}
