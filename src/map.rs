//! Facts → quads. Pure: the same facts give the same quads, in the same order, on any machine.
//!
//! Everything an article says goes into its own named graph (see [`crate::mint`]): the article's
//! metadata, the entities as the article presents them, the facts with their evidence and
//! confidence, and the PROV-O record of the extraction. Mapping also checks the document: every
//! reference must resolve, every date, IRI, language tag and span must be valid. Nothing is
//! written anywhere until the whole document maps.

use crate::error::{FactError, FactProblem};
use crate::facts::*;
use crate::mint::Minter;
use crate::vocab::{ng, owl, prov, rdf, rdfs, schema, skos, WIKIDATA_ENTITY};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, NamedOrBlankNode, Term};
use std::collections::{HashMap, HashSet};
use std::str::FromStr;

/// The quads of one article, all in the article's named graph.
#[derive(Debug, Clone, PartialEq)]
pub struct MappedArticle {
    /// The article's id.
    pub id: String,
    /// The named graph the quads belong to.
    pub graph: NamedNode,
    /// The quads, without duplicates, in a deterministic order.
    pub quads: Vec<Quad>,
}

/// Maps checked facts to quads under the ontology.
#[derive(Debug, Clone, Default)]
pub struct Mapper {
    minter: Minter,
    same_as: bool,
}

impl Mapper {
    /// A mapper minting IRIs with `minter`.
    pub fn new(minter: Minter) -> Self {
        Self { minter, same_as: false }
    }

    /// Link entities to Wikidata with `owl:sameAs` instead of `skos:exactMatch`. Off by default:
    /// `owl:sameAs` makes reasoners merge everything both IRIs say.
    pub fn with_same_as(mut self, same_as: bool) -> Self {
        self.same_as = same_as;
        self
    }

    /// The minter in use.
    pub fn minter(&self) -> &Minter {
        &self.minter
    }

    /// Checks `facts` and maps them to quads.
    pub fn map(&self, facts: &ArticleFacts) -> Result<MappedArticle, FactError> {
        Mapping::new(self, facts)?.run()
    }
}

/// The state of mapping one article.
struct Mapping<'a> {
    mapper: &'a Mapper,
    facts: &'a ArticleFacts,
    article: NamedNode,
    graph: GraphName,
    entities: HashMap<&'a str, NamedNode>,
    events: HashMap<&'a str, NamedNode>,
    /// Character index → byte offset of the article text, when the text is known.
    char_offsets: Option<Vec<usize>>,
    quads: Vec<Quad>,
    seen: HashSet<Quad>,
}

fn err(path: impl Into<String>, problem: FactProblem) -> FactError {
    FactError { path: path.into(), problem }
}

fn non_empty(path: &str, value: &str) -> Result<(), FactError> {
    if value.trim().is_empty() {
        Err(err(path, FactProblem::Empty))
    } else {
        Ok(())
    }
}

impl<'a> Mapping<'a> {
    fn new(mapper: &'a Mapper, facts: &'a ArticleFacts) -> Result<Self, FactError> {
        let id = &facts.article.id;
        non_empty("article.id", id)?;
        let minter = &mapper.minter;
        let mut entities = HashMap::new();
        for (i, entity) in facts.entities.iter().enumerate() {
            let path = format!("entities[{i}]");
            non_empty(&format!("{path}.id"), &entity.id)?;
            non_empty(&format!("{path}.name"), &entity.name)?;
            if entities.insert(entity.id.as_str(), minter.entity(&entity.name)).is_some() {
                return Err(err(format!("{path}.id"), FactProblem::DuplicateId(entity.id.as_str().to_owned())));
            }
        }
        let mut fact_ids = HashSet::new();
        let mut events = HashMap::new();
        let all_ids = facts
            .events
            .iter()
            .map(|f| ("events", &f.id))
            .chain(facts.agreements.iter().map(|f| ("agreements", &f.id)))
            .chain(facts.statements.iter().map(|f| ("statements", &f.id)))
            .chain(facts.affiliations.iter().map(|f| ("affiliations", &f.id)));
        for (kind, fact_id) in all_ids {
            non_empty(&format!("{kind}[].id"), fact_id)?;
            if !fact_ids.insert(fact_id.as_str()) {
                return Err(err(format!("{kind}[] {fact_id:?} .id"), FactProblem::DuplicateId(fact_id.as_str().to_owned())));
            }
        }
        for event in &facts.events {
            events.insert(event.id.as_str(), minter.fact(id, &event.id));
        }
        let char_offsets = facts.article.text.as_ref().map(|text| {
            let mut offsets: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            offsets.push(text.len());
            offsets
        });
        Ok(Self {
            mapper,
            facts,
            article: minter.article(id),
            graph: minter.graph(id).into(),
            entities,
            events,
            char_offsets,
            quads: Vec::new(),
            seen: HashSet::new(),
        })
    }

    fn run(mut self) -> Result<MappedArticle, FactError> {
        self.article_and_provenance()?;
        for (i, entity) in self.facts.entities.iter().enumerate() {
            self.entity(&format!("entities[{i}] {:?}", entity.id), entity)?;
        }
        for (i, event) in self.facts.events.iter().enumerate() {
            self.event(&format!("events[{i}] {:?}", event.id), event)?;
        }
        for (i, agreement) in self.facts.agreements.iter().enumerate() {
            self.agreement(&format!("agreements[{i}] {:?}", agreement.id), agreement)?;
        }
        for (i, statement) in self.facts.statements.iter().enumerate() {
            self.statement(&format!("statements[{i}] {:?}", statement.id), statement)?;
        }
        for (i, affiliation) in self.facts.affiliations.iter().enumerate() {
            self.affiliation(&format!("affiliations[{i}] {:?}", affiliation.id), affiliation)?;
        }
        let GraphName::NamedNode(graph) = self.graph else { unreachable!("article graphs are named") };
        Ok(MappedArticle { id: self.facts.article.id.clone(), graph, quads: self.quads })
    }

    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        let quad = Quad::new(s, p, o, self.graph.clone());
        if self.seen.insert(quad.clone()) {
            self.quads.push(quad);
        }
    }

    fn entity_ref(&self, path: &str, id: &str) -> Result<NamedNode, FactError> {
        self.entities
            .get(id)
            .cloned()
            .ok_or_else(|| err(path, FactProblem::UnknownReference { kind: "entity", id: id.to_owned() }))
    }

    fn event_ref(&self, path: &str, id: &str) -> Result<NamedNode, FactError> {
        self.events
            .get(id)
            .cloned()
            .ok_or_else(|| err(path, FactProblem::UnknownReference { kind: "event", id: id.to_owned() }))
    }

    /// An entity id of this document, or else a plain name minted as an entity of `kind`.
    fn entity_or_name(&mut self, path: &str, value: &str, kind: NamedNodeRef<'_>) -> Result<NamedNode, FactError> {
        if let Some(node) = self.entities.get(value) {
            return Ok(node.clone());
        }
        non_empty(path, value)?;
        let node = self.mapper.minter.entity(value);
        self.add(node.clone(), rdf::TYPE, kind);
        self.add(node.clone(), rdfs::LABEL, Literal::new_simple_literal(crate::mint::normalize_name(value)));
        Ok(node)
    }

    fn article_and_provenance(&mut self) -> Result<(), FactError> {
        let meta = &self.facts.article;
        let article = self.article.clone();
        self.add(article.clone(), rdf::TYPE, ng::ARTICLE);
        if let Some(title) = &meta.title {
            self.add(article.clone(), schema::HEADLINE, Literal::new_simple_literal(title));
        }
        if let Some(publisher) = &meta.publisher {
            let publisher = self.entity_or_name("article.publisher", publisher, ng::NEWS_OUTLET)?;
            self.add(article.clone(), schema::PUBLISHER, publisher);
        }
        if let Some(date) = &meta.date {
            let date = date_literal(date).map_err(|p| err("article.date", p))?;
            if date.datatype() != xsd::DATE {
                return Err(err(
                    "article.date",
                    FactProblem::InvalidDate { value: date.value().to_owned(), reason: "a publication date must be YYYY-MM-DD".into() },
                ));
            }
            self.add(article.clone(), schema::DATE_PUBLISHED, date);
        }
        if let Some(url) = &meta.url {
            let url = NamedNode::new(url)
                .map_err(|e| err("article.url", FactProblem::InvalidIri { value: url.clone(), reason: e.to_string() }))?;
            self.add(article.clone(), schema::URL, url);
        }
        let language = meta.language.as_deref().unwrap_or("en");
        Literal::new_language_tagged_literal("", language)
            .map_err(|_| err("article.language", FactProblem::InvalidLanguageTag(language.to_owned())))?;
        self.add(article.clone(), schema::IN_LANGUAGE, Literal::new_simple_literal(language));
        if let Some(dateline) = &meta.dateline {
            let place = self.entity_or_name("article.dateline", dateline, ng::PLACE)?;
            self.add(article.clone(), ng::DATELINE, place);
        }

        let minter = &self.mapper.minter;
        let GraphName::NamedNode(graph) = self.graph.clone() else { unreachable!("article graphs are named") };
        let activity = minter.extraction(&meta.id);
        self.add(graph.clone(), rdf::TYPE, prov::ENTITY);
        self.add(graph.clone(), prov::WAS_DERIVED_FROM, article.clone());
        self.add(graph, prov::WAS_GENERATED_BY, activity.clone());
        self.add(activity.clone(), rdf::TYPE, ng::EXTRACTION);
        self.add(activity.clone(), prov::USED, article);
        if let Some(extraction) = &self.facts.extraction {
            non_empty("extraction.extractor", &extraction.extractor)?;
            self.add(activity.clone(), ng::EXTRACTOR, Literal::new_simple_literal(extraction.extractor.as_str()));
            if let Some(version) = &extraction.version {
                self.add(activity.clone(), ng::EXTRACTOR_VERSION, Literal::new_simple_literal(version.as_str()));
            }
            if let Some(time) = &extraction.time {
                oxsdatatypes::DateTime::from_str(time)
                    .map_err(|_| err("extraction.time", FactProblem::InvalidDateTime(time.as_str().to_owned())))?;
                self.add(activity, prov::ENDED_AT_TIME, Literal::new_typed_literal(time.as_str(), xsd::DATE_TIME));
            }
        }
        Ok(())
    }

    fn entity(&mut self, path: &str, entity: &Entity) -> Result<(), FactError> {
        let node = self.entities[entity.id.as_str()].clone();
        self.add(node.clone(), rdf::TYPE, entity_class(entity.kind));
        self.add(node.clone(), rdfs::LABEL, Literal::new_simple_literal(crate::mint::normalize_name(&entity.name)));
        for alias in &entity.aliases {
            self.add(node.clone(), skos::ALT_LABEL, Literal::new_simple_literal(alias.as_str()));
        }
        if let Some(qid) = &entity.wikidata {
            let valid = qid.len() > 1 && qid.starts_with('Q') && qid[1..].bytes().all(|b| b.is_ascii_digit()) && !qid[1..].starts_with('0');
            if !valid {
                return Err(err(format!("{path}.wikidata"), FactProblem::InvalidWikidataId(qid.as_str().to_owned())));
            }
            let link = if self.mapper.same_as { owl::SAME_AS } else { skos::EXACT_MATCH };
            self.add(node.clone(), link, NamedNode::new_unchecked(format!("{WIKIDATA_ENTITY}{qid}")));
        }
        if let Some(description) = &entity.description {
            self.add(node.clone(), schema::DESCRIPTION, Literal::new_simple_literal(description.as_str()));
        }
        for (field, value, property) in [
            ("part_of", &entity.part_of, ng::SUB_ORGANIZATION_OF),
            ("country", &entity.country, ng::COUNTRY_PROP),
            ("capital_of", &entity.capital_of, ng::CAPITAL_OF),
        ] {
            if let Some(value) = value {
                let target = self.entity_ref(&format!("{path}.{field}"), value)?;
                self.add(node.clone(), property, target);
            }
        }
        for (i, mention) in entity.mentions.iter().enumerate() {
            let evidence = self.evidence(&format!("{path}.mentions[{i}]"), mention)?;
            self.add(node.clone(), ng::EVIDENCE_PROP, evidence);
        }
        if let Some(confidence) = entity.confidence {
            self.confidence(&format!("{path}.confidence"), node, confidence)?;
        }
        Ok(())
    }

    fn event(&mut self, path: &str, event: &Event) -> Result<(), FactError> {
        let node = self.events[event.id.as_str()].clone();
        if event.kind == EventKind::Visit {
            if event.visitor.is_none() {
                return Err(err(format!("{path}.visitor"), FactProblem::Missing("a visit")));
            }
            if event.destination.is_empty() {
                return Err(err(format!("{path}.destination"), FactProblem::Missing("a visit")));
            }
        }
        self.add(node.clone(), rdf::TYPE, event_class(event.kind));
        let roles = [
            ("visitor", event.visitor.as_ref(), ng::VISITOR),
            ("host", event.host.as_ref(), ng::HOST),
            ("inviter", event.inviter.as_ref(), ng::INVITER),
            ("invitee", event.invitee.as_ref(), ng::INVITEE),
        ];
        for (i, participant) in event.participants.iter().enumerate() {
            let target = self.entity_ref(&format!("{path}.participants[{i}]"), participant)?;
            self.add(node.clone(), ng::PARTICIPANT, target);
        }
        for (field, value, property) in roles {
            if let Some(value) = value {
                let target = self.entity_ref(&format!("{path}.{field}"), value)?;
                self.add(node.clone(), property, target.clone());
                self.add(node.clone(), ng::PARTICIPANT, target);
            }
        }
        for (i, destination) in event.destination.iter().enumerate() {
            let target = self.entity_ref(&format!("{path}.destination[{i}]"), destination)?;
            self.add(node.clone(), ng::DESTINATION, target);
        }
        if let Some(location) = &event.location {
            let target = self.entity_ref(&format!("{path}.location"), location)?;
            self.add(node.clone(), ng::LOCATION, target);
        }
        for (field, value, property) in [("start", &event.start, ng::START_DATE), ("end", &event.end, ng::END_DATE)] {
            if let Some(value) = value {
                let date = date_literal(value).map_err(|p| err(format!("{path}.{field}"), p))?;
                self.add(node.clone(), property, date);
            }
        }
        let mut visit_types = event.visit_types.clone();
        visit_types.sort();
        visit_types.dedup();
        for visit_type in visit_types {
            self.add(node.clone(), ng::VISIT_TYPE_PROP, visit_type_individual(visit_type));
        }
        if let Some(part_of) = &event.part_of {
            let target = self.event_ref(&format!("{path}.part_of"), part_of)?;
            self.add(node.clone(), ng::PART_OF_EVENT, target);
        }
        if let Some(cause) = &event.occasioned_by {
            let target = self.event_ref(&format!("{path}.occasioned_by"), cause)?;
            self.add(node.clone(), ng::OCCASIONED_BY, target);
        }
        self.add(node.clone(), ng::MODALITY_PROP, modality_individual(event.modality));
        self.fact_support(path, node, &event.evidence, event.confidence)
    }

    fn agreement(&mut self, path: &str, agreement: &Agreement) -> Result<(), FactError> {
        let node = self.mapper.minter.fact(&self.facts.article.id, &agreement.id);
        self.add(node.clone(), rdf::TYPE, agreement_class(agreement.kind));
        non_empty(&format!("{path}.topic"), &agreement.topic)?;
        if agreement.parties.is_empty() {
            return Err(err(format!("{path}.parties"), FactProblem::Missing("an agreement")));
        }
        self.add(node.clone(), ng::TOPIC, Literal::new_simple_literal(agreement.topic.as_str()));
        for area in &agreement.areas {
            self.add(node.clone(), ng::AREA, Literal::new_simple_literal(area.as_str()));
        }
        for (i, party) in agreement.parties.iter().enumerate() {
            let target = self.entity_ref(&format!("{path}.parties[{i}]"), party)?;
            self.add(node.clone(), ng::PARTY, target);
        }
        if let Some(source) = &agreement.resulted_from {
            let event = self.event_ref(&format!("{path}.resulted_from"), source)?;
            self.add(event, ng::RESULTED_IN, node.clone());
        }
        self.add(node.clone(), ng::MODALITY_PROP, modality_individual(agreement.modality));
        self.fact_support(path, node, &agreement.evidence, agreement.confidence)
    }

    fn statement(&mut self, path: &str, statement: &Statement) -> Result<(), FactError> {
        let node = self.mapper.minter.fact(&self.facts.article.id, &statement.id);
        let class = match statement.kind {
            StatementKind::Statement => ng::STATEMENT,
            StatementKind::Quote => ng::QUOTE,
        };
        self.add(node.clone(), rdf::TYPE, class);
        let speaker = self.entity_ref(&format!("{path}.speaker"), &statement.speaker)?;
        self.add(node.clone(), ng::SPEAKER, speaker);
        non_empty(&format!("{path}.text"), &statement.text)?;
        self.add(node.clone(), ng::TEXT, Literal::new_simple_literal(statement.text.as_str()));
        if let Some(outlet) = &statement.quoted_in {
            let outlet = self.entity_ref(&format!("{path}.quoted_in"), outlet)?;
            self.add(node.clone(), ng::QUOTED_IN, outlet);
        }
        let reporter = match (&statement.reported_by, &self.facts.article.publisher) {
            (Some(reporter), _) => Some(self.entity_ref(&format!("{path}.reported_by"), reporter)?),
            (None, Some(publisher)) => Some(self.entity_or_name("article.publisher", publisher, ng::NEWS_OUTLET)?),
            (None, None) => None,
        };
        if let Some(reporter) = reporter {
            self.add(node.clone(), ng::REPORTED_BY, reporter);
        }
        for topic in &statement.topics {
            self.add(node.clone(), ng::TOPIC, Literal::new_simple_literal(topic.as_str()));
        }
        for (i, about) in statement.about.iter().enumerate() {
            let target = self.entity_ref(&format!("{path}.about[{i}]"), about)?;
            self.add(node.clone(), ng::ABOUT, target);
        }
        self.fact_support(path, node, &statement.evidence, statement.confidence)
    }

    fn affiliation(&mut self, path: &str, affiliation: &Affiliation) -> Result<(), FactError> {
        let node = self.mapper.minter.fact(&self.facts.article.id, &affiliation.id);
        self.add(node.clone(), rdf::TYPE, ng::AFFILIATION);
        let person = self.entity_ref(&format!("{path}.person"), &affiliation.person)?;
        self.add(node.clone(), ng::MEMBER, person);
        let organization = self.entity_ref(&format!("{path}.organization"), &affiliation.organization)?;
        self.add(node.clone(), ng::ORGANIZATION_PROP, organization);
        if let Some(role) = &affiliation.role {
            self.add(node.clone(), ng::ROLE, Literal::new_simple_literal(role.as_str()));
        }
        self.fact_support(path, node, &affiliation.evidence, affiliation.confidence)
    }

    fn fact_support(&mut self, path: &str, node: NamedNode, evidence: &Evidence, confidence: f64) -> Result<(), FactError> {
        let evidence = self.evidence(&format!("{path}.evidence"), evidence)?;
        self.add(node.clone(), ng::EVIDENCE_PROP, evidence);
        self.confidence(&format!("{path}.confidence"), node, confidence)
    }

    fn confidence(&mut self, path: &str, node: NamedNode, confidence: f64) -> Result<(), FactError> {
        if !(0.0..=1.0).contains(&confidence) {
            return Err(err(path, FactProblem::InvalidConfidence(confidence)));
        }
        // Rust prints f64 in plain decimal notation, which is a valid xsd:decimal lexical form;
        // going through oxsdatatypes gives its canonical form ("1.0" → "1").
        let decimal = oxsdatatypes::Decimal::from_str(&confidence.to_string())
            .map_err(|_| err(path, FactProblem::InvalidConfidence(confidence)))?;
        self.add(node, ng::CONFIDENCE, Literal::new_typed_literal(decimal.to_string(), xsd::DECIMAL));
        Ok(())
    }

    fn evidence(&mut self, path: &str, evidence: &Evidence) -> Result<NamedNode, FactError> {
        let Evidence { start, end, .. } = *evidence;
        let bad_span = |reason: &str| err(path, FactProblem::InvalidSpan { start, end, reason: reason.to_owned() });
        if start >= end {
            return Err(bad_span("the end must be after the start"));
        }
        let covered = match (&self.char_offsets, &self.facts.article.text) {
            (Some(offsets), Some(text)) => {
                if end >= offsets.len() {
                    return Err(bad_span(&format!("the article text has {} characters", offsets.len() - 1)));
                }
                let actual = &text[offsets[start]..offsets[end]];
                if let Some(given) = &evidence.text {
                    if given != actual {
                        return Err(err(
                            path,
                            FactProblem::SpanTextMismatch { start, end, given: given.as_str().to_owned(), actual: actual.to_owned() },
                        ));
                    }
                }
                Some(actual.to_owned())
            }
            _ => evidence.text.as_deref().map(str::to_owned),
        };
        let node = self.mapper.minter.evidence(&self.facts.article.id, start, end);
        // xsd:integer, as Oxigraph's store keeps integers (it would turn xsd:nonNegativeInteger into it).
        let offset = |n: usize| Literal::new_typed_literal(n.to_string(), xsd::INTEGER);
        self.add(node.clone(), rdf::TYPE, ng::EVIDENCE);
        self.add(node.clone(), ng::IN_ARTICLE, self.article.clone());
        self.add(node.clone(), ng::START_OFFSET, offset(start));
        self.add(node.clone(), ng::END_OFFSET, offset(end));
        if let Some(covered) = covered {
            self.add(node.clone(), ng::EXACT_TEXT, Literal::new_simple_literal(covered));
        }
        Ok(node)
    }
}

/// A date of the precision written: `YYYY-MM-DD` → `xsd:date`, `YYYY-MM` → `xsd:gYearMonth`,
/// `YYYY` → `xsd:gYear`. Validity (month lengths, leap years) is oxsdatatypes' call.
pub fn date_literal(value: &str) -> Result<Literal, FactProblem> {
    let invalid = |reason: &str| FactProblem::InvalidDate { value: value.to_owned(), reason: reason.to_owned() };
    let shape_ok = value.bytes().all(|b| b.is_ascii_digit() || b == b'-') && !value.starts_with('-');
    if !shape_ok {
        return Err(invalid("expected YYYY-MM-DD, YYYY-MM or YYYY"));
    }
    let (parsed, datatype) = match value.matches('-').count() {
        2 => (oxsdatatypes::Date::from_str(value).map(|_| ()).map_err(|e| e.to_string()), xsd::DATE),
        1 => (oxsdatatypes::GYearMonth::from_str(value).map(|_| ()).map_err(|e| e.to_string()), xsd::G_YEAR_MONTH),
        0 => (oxsdatatypes::GYear::from_str(value).map(|_| ()).map_err(|e| e.to_string()), xsd::G_YEAR),
        _ => return Err(invalid("expected YYYY-MM-DD, YYYY-MM or YYYY")),
    };
    parsed.map_err(|e| invalid(&e))?;
    Ok(Literal::new_typed_literal(value, datatype))
}

/// The ontology class of an entity type.
pub fn entity_class(kind: EntityType) -> NamedNodeRef<'static> {
    match kind {
        EntityType::Person => ng::PERSON,
        EntityType::Organization => ng::ORGANIZATION,
        EntityType::NewsOutlet => ng::NEWS_OUTLET,
        EntityType::University => ng::UNIVERSITY,
        EntityType::ResearchCenter => ng::RESEARCH_CENTER,
        EntityType::Government => ng::GOVERNMENT,
        EntityType::PoliticalParty => ng::POLITICAL_PARTY,
        EntityType::InternationalOrganization => ng::INTERNATIONAL_ORGANIZATION,
        EntityType::Place => ng::PLACE,
        EntityType::Country => ng::COUNTRY,
        EntityType::City => ng::CITY,
        EntityType::River => ng::RIVER,
        EntityType::Region => ng::REGION,
    }
}

/// The ontology class of an event kind.
pub fn event_class(kind: EventKind) -> NamedNodeRef<'static> {
    match kind {
        EventKind::Visit => ng::VISIT,
        EventKind::Meeting => ng::MEETING,
        EventKind::Signing => ng::SIGNING,
        EventKind::Invitation => ng::INVITATION,
        EventKind::Event => ng::EVENT,
    }
}

/// The ontology class of an agreement kind.
pub fn agreement_class(kind: AgreementKind) -> NamedNodeRef<'static> {
    match kind {
        AgreementKind::Treaty => ng::TREATY,
        AgreementKind::Agreement => ng::AGREEMENT,
        AgreementKind::Memorandum => ng::MEMORANDUM,
    }
}

fn visit_type_individual(visit_type: VisitType) -> NamedNodeRef<'static> {
    match visit_type {
        VisitType::State => ng::STATE_VISIT,
        VisitType::Official => ng::OFFICIAL_VISIT,
        VisitType::Working => ng::WORKING_VISIT,
        VisitType::Return => ng::RETURN_VISIT,
        VisitType::Unofficial => ng::UNOFFICIAL_VISIT,
    }
}

fn modality_individual(modality: Modality) -> NamedNodeRef<'static> {
    match modality {
        Modality::Asserted => ng::ASSERTED,
        Modality::Planned => ng::PLANNED,
        Modality::Negated => ng::NEGATED,
        Modality::Hypothetical => ng::HYPOTHETICAL,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_precision() {
        assert_eq!(date_literal("2024-06-18").unwrap().datatype(), xsd::DATE);
        assert_eq!(date_literal("2023-09").unwrap().datatype(), xsd::G_YEAR_MONTH);
        assert_eq!(date_literal("2023").unwrap().datatype(), xsd::G_YEAR);
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in ["2024-02-30", "2023-13", "June 18", "2024-06-18T10:00:00", "", "2024--01"] {
            assert!(date_literal(bad).is_err(), "{bad} accepted");
        }
    }
}
