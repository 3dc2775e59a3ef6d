//! The facts model: what an extractor (ours, an LLM, spaCy) says an article contains.
//!
//! No RDF here: this is the documented exchange format (`newsgraph schema` prints its JSON
//! Schema). Facts refer to entities by the `id` they have in the same document; [`crate::map`]
//! turns a checked [`ArticleFacts`] into quads.
//!
//! The facts' texts (ids, names, references, dates, evidence) are [`CompactString`]s: one of up
//! to 24 bytes (most ids and names) is held inline, without an allocation, and copying it is a
//! copy. They read as `&str` (`Deref`), are made with `"x".into()` or `String::into()`, and
//! serialize exactly as strings. The article's metadata ([`ArticleMeta`]), also read as input,
//! keeps `String`s.

use compact_str::CompactString;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One article and everything extracted from it: the unit of ingestion, one named graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleFacts {
    /// The article's metadata (and optionally its text, which lets spans be checked).
    pub article: ArticleMeta,
    /// Who produced these facts; recorded as PROV-O provenance of the article's graph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extraction: Option<Extraction>,
    /// People, organizations and places mentioned in the article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<Entity>,
    /// Visits, talks, signings, invitations and other events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    /// Agreements, treaties and memoranda.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<Agreement>,
    /// Statements (reported speech) and quotes (direct speech).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<Statement>,
    /// Person – role – organization links.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<Affiliation>,
}

/// Metadata of a news article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    /// Stable identifier of the article (becomes part of its IRI), e.g. `tass-2024-06-20-putin-dprk`.
    pub id: String,
    /// Headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publisher: the `id` of an entity of this document, or a plain name (a news outlet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Publication date, `YYYY-MM-DD`; relative dates in the text are resolved against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the article was published, as an absolute IRI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// BCP 47 language tag of the text, `en` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The dateline place: the `id` of an entity of this document, or a plain name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// The article text; when present every evidence span is checked against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// The run that produced the facts (PROV-O activity).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Extraction {
    /// Name of the extractor, e.g. `newsgraph`, `gpt-4o`, `spacy`.
    pub extractor: CompactString,
    /// Version of the extractor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<CompactString>,
    /// When the extraction ran, as an `xsd:dateTime` (e.g. `2024-06-21T08:00:00Z`). Stated by the
    /// extractor rather than taken from the clock, so that re-ingesting is idempotent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<CompactString>,
}

/// Where in the article a fact was read: a half-open range of character (Unicode scalar value)
/// offsets into the article text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Offset of the first character.
    pub start: usize,
    /// Offset one past the last character.
    pub end: usize,
    /// The covered text; checked against the article text when both are given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<CompactString>,
}

/// What kind of thing an entity is. Maps to an ontology class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum EntityType {
    /// A human being (also an unnamed one, e.g. an anonymous expert).
    Person,
    /// Any organization.
    Organization,
    /// A newspaper, news agency, broadcaster.
    NewsOutlet,
    /// A university or college.
    University,
    /// A research centre, institute or think tank.
    ResearchCenter,
    /// A government, ministry or state agency.
    Government,
    /// A political party.
    PoliticalParty,
    /// An international organization (UN, NATO, ASEAN…).
    InternationalOrganization,
    /// Any place.
    Place,
    /// A sovereign state.
    Country,
    /// A city or town.
    City,
    /// A river.
    River,
    /// A region, province or other area.
    Region,
}

/// A person, organization or place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Identifier local to this document, used by facts to refer to the entity.
    pub id: CompactString,
    /// Canonical name ("Vladimir Putin"); the entity's IRI is minted from it.
    pub name: CompactString,
    /// The entity's type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Other names used in the article ("Putin", "the Russian president").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<CompactString>,
    /// Wikidata item id (`Q7747`), only where certain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<CompactString>,
    /// A short description ("research fellow", "Chinese newspaper").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<CompactString>,
    /// For organizations: the `id` of the organization this one is part of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<CompactString>,
    /// For places: the `id` of the country it lies in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CompactString>,
    /// For a capital city: the `id` of the country it is the capital of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capital_of: Option<CompactString>,
    /// Where the entity is mentioned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Evidence>,
    /// How sure the extractor is that this entity exists as typed, in `[0, 1]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
}

/// The kind of an event. Maps to an ontology class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum EventKind {
    /// Someone travels to a place (or is hosted by someone).
    Visit,
    /// Talks, meetings, negotiations.
    Meeting,
    /// Someone signs an agreement.
    Signing,
    /// Someone invites someone (usually to visit).
    Invitation,
    /// Any other event.
    Event,
}

/// Kinds of visit (several may apply: a state visit that is also a return visit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum VisitType {
    /// A state visit.
    State,
    /// An official visit.
    Official,
    /// A working visit.
    Working,
    /// A visit returning an earlier one.
    Return,
    /// An unofficial or private visit.
    Unofficial,
}

/// Whether the text asserts that an event happened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Reported as having happened (or happening).
    #[default]
    Asserted,
    /// Announced or expected, not yet happened.
    Planned,
    /// Reported as not having happened.
    Negated,
    /// Conditional or speculative.
    Hypothetical,
}

impl Modality {
    /// True for the default, so it is left out when writing facts.
    pub fn is_asserted(&self) -> bool {
        *self == Modality::Asserted
    }
}

/// An event: an n-ary node so that dates, places, roles and evidence attach to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Identifier local to this document.
    pub id: CompactString,
    /// The kind of event.
    pub kind: EventKind,
    /// Entities taking part (for talks: every side; visitors and hosts are added automatically).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<CompactString>,
    /// Visit: who travels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visitor: Option<CompactString>,
    /// Visit: where to (city and/or country).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub destination: Vec<CompactString>,
    /// Visit: who receives the visitor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<CompactString>,
    /// Invitation: who invites.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inviter: Option<CompactString>,
    /// Invitation: who is invited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitee: Option<CompactString>,
    /// Where the event took place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<CompactString>,
    /// Start date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (the precision the text gives).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<CompactString>,
    /// End date, same forms as `start`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<CompactString>,
    /// Visit: state, official, working, return, unofficial.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visit_types: Vec<VisitType>,
    /// The `id` of the event this one took place during or as part of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<CompactString>,
    /// The `id` of the event this one was occasioned by (an invitation → the visit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occasioned_by: Option<CompactString>,
    /// Whether the text says it happened.
    #[serde(default, skip_serializing_if = "Modality::is_asserted")]
    pub modality: Modality,
    /// Where the event is stated.
    pub evidence: Evidence,
    /// Confidence in `[0, 1]`.
    pub confidence: f64,
}

/// The kind of an agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum AgreementKind {
    /// A formal agreement between states, e.g. a treaty on comprehensive strategic partnership.
    Treaty,
    /// Any agreement.
    Agreement,
    /// A memorandum of understanding.
    Memorandum,
}

/// An agreement, treaty or memorandum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Identifier local to this document.
    pub id: CompactString,
    /// Treaty, agreement or memorandum.
    pub kind: AgreementKind,
    /// What it is about, as the article phrases it ("comprehensive strategic partnership").
    pub topic: CompactString,
    /// The areas it covers, where the text lists them ("medicine", "science").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<CompactString>,
    /// The parties (countries, organizations, people).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<CompactString>,
    /// The `id` of the event (talks, signing) it resulted from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resulted_from: Option<CompactString>,
    /// Whether the text says it was concluded.
    #[serde(default, skip_serializing_if = "Modality::is_asserted")]
    pub modality: Modality,
    /// Where the agreement is stated.
    pub evidence: Evidence,
    /// Confidence in `[0, 1]`.
    pub confidence: f64,
}

/// Reported speech or a direct quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum StatementKind {
    /// Reported speech ("X said that…", "according to X").
    Statement,
    /// Direct speech in quotation marks.
    Quote,
}

/// Something someone said, with who said it, who published it and who reported that.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// Identifier local to this document.
    pub id: CompactString,
    /// Statement or quote.
    pub kind: StatementKind,
    /// The `id` of who said it (a person, also an anonymous one, or an organization).
    pub speaker: CompactString,
    /// What was said: the quoted words for a quote, a paraphrase for a statement.
    pub text: CompactString,
    /// The `id` of the outlet in which the words first appeared (e.g. the newspaper that quoted
    /// the speaker), when that is not the article's own publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quoted_in: Option<CompactString>,
    /// The `id` of the outlet that reported it to us; defaults to the article's publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_by: Option<CompactString>,
    /// Topics or areas the statement names ("natural resources", "transport").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<CompactString>,
    /// The `id`s of entities the statement is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<CompactString>,
    /// Where it is stated.
    pub evidence: Evidence,
    /// Confidence in `[0, 1]`.
    pub confidence: f64,
}

/// A person holding a role in an organization (W3C ORG membership).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Affiliation {
    /// Identifier local to this document.
    pub id: CompactString,
    /// The `id` of the person.
    pub person: CompactString,
    /// The role, as the article words it ("research fellow", "President").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<CompactString>,
    /// The `id` of the organization (or country, for heads of state).
    pub organization: CompactString,
    /// Where it is stated.
    pub evidence: Evidence,
    /// Confidence in `[0, 1]`.
    pub confidence: f64,
}
