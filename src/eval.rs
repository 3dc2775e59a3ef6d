//! Scoring extracted facts against gold facts: precision, recall and F1 per fact kind, with the
//! misses and false hits listed.
//!
//! Facts are compared by a signature of what makes them true, with entities compared by name
//! (a predicted name matches a gold entity when it equals the gold name or one of its aliases,
//! case-insensitively): a visit by visitor, destinations, dates and modality; talks and
//! signings by participants and modality; an invitation by inviter and invitee; an agreement by
//! kind, parties and modality; a statement or quote by kind and speaker; an affiliation by
//! person, organization and role. Entities are compared by name and type.

use crate::facts::*;
use crate::CompactString;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Scores of one fact kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KindScore {
    /// Gold facts of this kind.
    pub gold: usize,
    /// Predicted facts of this kind.
    pub predicted: usize,
    /// Predicted facts matching a gold fact (one to one).
    pub hits: usize,
    /// Gold facts not found, as signatures.
    pub misses: Vec<String>,
    /// Predicted facts matching no gold fact, as signatures.
    pub false_hits: Vec<String>,
}

impl KindScore {
    /// hits / predicted (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 { 1.0 } else { self.hits as f64 / self.predicted as f64 }
    }
    /// hits / gold (1 when there is no gold).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 { 1.0 } else { self.hits as f64 / self.gold as f64 }
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    fn add(&mut self, other: &KindScore) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.hits += other.hits;
        self.misses.extend(other.misses.iter().cloned());
        self.false_hits.extend(other.false_hits.iter().cloned());
    }
}

/// Scores per fact kind (`entity`, `visit`, `meeting`, …, `quote`, `affiliation`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// By kind, sorted.
    pub kinds: BTreeMap<String, KindScore>,
}

impl Scores {
    /// Adds another article's scores.
    pub fn add(&mut self, other: &Scores) {
        for (kind, score) in &other.kinds {
            self.kinds.entry(kind.clone()).or_default().add(score);
        }
    }

    /// All facts (not entities) together.
    pub fn facts_total(&self) -> KindScore {
        let mut total = KindScore::default();
        for (kind, score) in &self.kinds {
            if kind != "entity" {
                total.add(score);
            }
        }
        total
    }
}

/// Resolves entity ids of one document to comparable names.
struct Names<'a> {
    by_id: HashMap<&'a str, &'a Entity>,
    /// Lowercased name or alias → canonical lowercased name (gold side only).
    canonical: HashMap<String, String>,
}

impl<'a> Names<'a> {
    fn new(facts: &'a ArticleFacts) -> Self {
        let by_id = facts.entities.iter().map(|e| (e.id.as_str(), e)).collect();
        let mut canonical = HashMap::new();
        for entity in &facts.entities {
            let name = entity.name.as_str().to_lowercase();
            for alias in std::iter::once(&entity.name).chain(&entity.aliases) {
                canonical.entry(alias.as_str().to_lowercase()).or_insert_with(|| name.clone());
            }
        }
        Self { by_id, canonical }
    }

    /// The name of an entity id (or the id itself when unknown).
    fn name(&self, id: &str) -> String {
        self.by_id.get(id).map_or_else(|| id.to_lowercase(), |e| e.name.as_str().to_lowercase())
    }
}

/// Maps predicted names onto gold canonical names where they match a gold name or alias.
fn align(name: String, gold: &Names<'_>) -> String {
    gold.canonical.get(&name).cloned().unwrap_or(name)
}

fn set(names: impl IntoIterator<Item = String>) -> String {
    let set: BTreeSet<String> = names.into_iter().collect();
    format!("{{{}}}", set.into_iter().collect::<Vec<_>>().join(", "))
}

fn modality(m: Modality) -> &'static str {
    match m {
        Modality::Asserted => "asserted",
        Modality::Planned => "planned",
        Modality::Negated => "negated",
        Modality::Hypothetical => "hypothetical",
    }
}

/// (kind, signature) of every fact and entity of a document, names aligned to `gold`.
fn signatures(facts: &ArticleFacts, gold: &Names<'_>) -> Vec<(String, String)> {
    let own = Names::new(facts);
    let n = |id: &str| align(own.name(id), gold);
    let ns = |ids: &[CompactString]| set(ids.iter().map(|i| n(i)));
    let opt = |id: &Option<CompactString>| id.as_deref().map(n).unwrap_or_default();
    let mut out = Vec::new();
    for entity in &facts.entities {
        out.push(("entity".to_owned(), format!("{} ({:?})", align(entity.name.as_str().to_lowercase(), gold), type_group(entity.kind))));
    }
    for event in &facts.events {
        let (kind, signature) = match event.kind {
            EventKind::Visit => (
                "visit",
                format!(
                    "visitor={} destination={} start={} end={}",
                    opt(&event.visitor),
                    ns(&event.destination),
                    event.start.as_deref().unwrap_or("?"),
                    event.end.as_deref().unwrap_or("?")
                ),
            ),
            EventKind::Invitation => ("invitation", format!("inviter={} invitee={}", opt(&event.inviter), opt(&event.invitee))),
            EventKind::Meeting | EventKind::Signing | EventKind::Event => {
                let mut people: Vec<CompactString> = event.participants.clone();
                people.extend(event.visitor.iter().chain(&event.host).cloned());
                let kind = match event.kind {
                    EventKind::Meeting => "meeting",
                    EventKind::Signing => "signing",
                    _ => "event",
                };
                (kind, format!("participants={}", ns(&people)))
            }
        };
        out.push((kind.to_owned(), format!("{signature} [{}]", modality(event.modality))));
    }
    for agreement in &facts.agreements {
        out.push((
            "agreement".to_owned(),
            format!("{:?} parties={} [{}]", agreement.kind, ns(&agreement.parties), modality(agreement.modality)),
        ));
    }
    for statement in &facts.statements {
        let kind = match statement.kind {
            StatementKind::Statement => "statement",
            StatementKind::Quote => "quote",
        };
        out.push((kind.to_owned(), format!("speaker={}", n(&statement.speaker))));
    }
    for affiliation in &facts.affiliations {
        out.push((
            "affiliation".to_owned(),
            format!(
                "person={} organization={} role={}",
                n(&affiliation.person),
                n(&affiliation.organization),
                affiliation.role.as_deref().unwrap_or_default().to_lowercase()
            ),
        ));
    }
    out
}

/// Types are compared coarsely: a person, an organization or a place.
fn type_group(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "person",
        EntityType::Place | EntityType::Country | EntityType::City | EntityType::River | EntityType::Region => "place",
        _ => "organization",
    }
}

/// Scores `predicted` against `gold` for one article.
pub fn score(gold: &ArticleFacts, predicted: &ArticleFacts) -> Scores {
    let gold_names = Names::new(gold);
    let gold_signatures = signatures(gold, &gold_names);
    let predicted_signatures = signatures(predicted, &gold_names);
    let mut scores = Scores::default();
    let mut remaining: HashMap<(String, String), usize> = HashMap::new();
    for (kind, signature) in &gold_signatures {
        *remaining.entry((kind.clone(), signature.clone())).or_default() += 1;
        scores.kinds.entry(kind.clone()).or_default().gold += 1;
    }
    for (kind, signature) in &predicted_signatures {
        let entry = scores.kinds.entry(kind.clone()).or_default();
        entry.predicted += 1;
        match remaining.get_mut(&(kind.clone(), signature.clone())) {
            Some(count) if *count > 0 => {
                *count -= 1;
                entry.hits += 1;
            }
            _ => entry.false_hits.push(format!("{}: {signature}", gold.article.id)),
        }
    }
    let mut misses: Vec<_> = remaining.into_iter().filter(|(_, c)| *c > 0).collect();
    misses.sort();
    for ((kind, signature), count) in misses {
        for _ in 0..count {
            scores.kinds.entry(kind.clone()).or_default().misses.push(format!("{}: {signature}", gold.article.id));
        }
    }
    scores
}
