//! The ontology's terms and the external vocabularies the mapping uses, as IRI constants.
//!
//! `ng` mirrors `ontology/newsgraph.ttl` term for term; a test keeps the two in agreement, so
//! a term added to one and not the other fails the build's tests.

use oxigraph::model::NamedNodeRef;

macro_rules! vocabulary {
    ($(#[$doc:meta])* $module:ident, $ns:literal, { $($(#[$tdoc:meta])* $name:ident = $local:literal),* $(,)? }) => {
        $(#[$doc])*
        pub mod $module {
            use super::NamedNodeRef;
            /// The namespace IRI.
            pub const NAMESPACE: &str = $ns;
            $(
                $(#[$tdoc])*
                pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($ns, $local));
            )*
            /// Every term of this vocabulary that the crate uses, with its local name.
            pub const ALL: &[(&str, NamedNodeRef<'static>)] = &[$(($local, $name)),*];
        }
    };
}

vocabulary!(
    /// The newsgraph ontology (`ontology/newsgraph.ttl`).
    ng, "https://w3id.org/newsgraph/ns#", {
    // classes
    /// A news article.
    ARTICLE = "Article",
    /// A run of an extractor over an article.
    EXTRACTION = "Extraction",
    /// A span of an article that supports a fact.
    EVIDENCE = "Evidence",
    /// Anything extracted from an article: event, agreement, statement, affiliation.
    FACT = "Fact",
    /// A human being.
    PERSON = "Person",
    /// An organization.
    ORGANIZATION = "Organization",
    /// A newspaper, news agency or broadcaster.
    NEWS_OUTLET = "NewsOutlet",
    /// A university.
    UNIVERSITY = "University",
    /// A research centre, institute or think tank.
    RESEARCH_CENTER = "ResearchCenter",
    /// A government, ministry or state agency.
    GOVERNMENT = "Government",
    /// A political party.
    POLITICAL_PARTY = "PoliticalParty",
    /// An international organization.
    INTERNATIONAL_ORGANIZATION = "InternationalOrganization",
    /// A place.
    PLACE = "Place",
    /// A country.
    COUNTRY = "Country",
    /// A city.
    CITY = "City",
    /// A river.
    RIVER = "River",
    /// A region.
    REGION = "Region",
    /// An event.
    EVENT = "Event",
    /// A visit.
    VISIT = "Visit",
    /// Talks or a meeting.
    MEETING = "Meeting",
    /// The signing of an agreement.
    SIGNING = "Signing",
    /// An invitation.
    INVITATION = "Invitation",
    /// An agreement.
    AGREEMENT = "Agreement",
    /// A treaty.
    TREATY = "Treaty",
    /// A memorandum of understanding.
    MEMORANDUM = "Memorandum",
    /// Reported speech.
    STATEMENT = "Statement",
    /// Direct speech.
    QUOTE = "Quote",
    /// A person's role in an organization.
    AFFILIATION = "Affiliation",
    /// The class of visit types.
    VISIT_TYPE = "VisitType",
    /// The class of modalities.
    MODALITY = "Modality",
    // individuals
    /// A state visit.
    STATE_VISIT = "StateVisit",
    /// An official visit.
    OFFICIAL_VISIT = "OfficialVisit",
    /// A working visit.
    WORKING_VISIT = "WorkingVisit",
    /// A return visit.
    RETURN_VISIT = "ReturnVisit",
    /// An unofficial visit.
    UNOFFICIAL_VISIT = "UnofficialVisit",
    /// Reported as having happened.
    ASSERTED = "Asserted",
    /// Announced or expected.
    PLANNED = "Planned",
    /// Reported as not having happened.
    NEGATED = "Negated",
    /// Conditional or speculative.
    HYPOTHETICAL = "Hypothetical",
    // properties
    /// Event → an entity taking part.
    PARTICIPANT = "participant",
    /// Visit → who travels.
    VISITOR = "visitor",
    /// Visit → where to.
    DESTINATION = "destination",
    /// Visit → who receives.
    HOST = "host",
    /// Invitation → who invites.
    INVITER = "inviter",
    /// Invitation → who is invited.
    INVITEE = "invitee",
    /// Event → where it took place.
    LOCATION = "location",
    /// Event → start date.
    START_DATE = "startDate",
    /// Event → end date.
    END_DATE = "endDate",
    /// Visit → a visit type.
    VISIT_TYPE_PROP = "visitType",
    /// Fact → its modality.
    MODALITY_PROP = "modality",
    /// Event → the event it is part of.
    PART_OF_EVENT = "partOfEvent",
    /// Event → the event that brought it about.
    OCCASIONED_BY = "occasionedBy",
    /// Event → the agreement it produced.
    RESULTED_IN = "resultedIn",
    /// Agreement → a party.
    PARTY = "party",
    /// Agreement or statement → its topic, as a phrase.
    TOPIC = "topic",
    /// Agreement → an area it covers.
    AREA = "area",
    /// Statement → an entity it is about.
    ABOUT = "about",
    /// Statement → who said it.
    SPEAKER = "speaker",
    /// Statement → the outlet in which the words first appeared.
    QUOTED_IN = "quotedIn",
    /// Statement → the outlet that reported it.
    REPORTED_BY = "reportedBy",
    /// Statement → the words.
    TEXT = "text",
    /// Affiliation → the person.
    MEMBER = "member",
    /// Affiliation → the organization.
    ORGANIZATION_PROP = "organization",
    /// Affiliation → the role, as a phrase.
    ROLE = "role",
    /// Organization → its parent organization.
    SUB_ORGANIZATION_OF = "subOrganizationOf",
    /// Place → the country it lies in.
    COUNTRY_PROP = "country",
    /// City → the country it is the capital of.
    CAPITAL_OF = "capitalOf",
    /// Article → the dateline place.
    DATELINE = "dateline",
    /// Fact or entity → evidence.
    EVIDENCE_PROP = "evidence",
    /// Evidence → the article.
    IN_ARTICLE = "inArticle",
    /// Evidence → start offset.
    START_OFFSET = "startOffset",
    /// Evidence → end offset.
    END_OFFSET = "endOffset",
    /// Evidence → the covered text.
    EXACT_TEXT = "exactText",
    /// Fact or entity → confidence.
    CONFIDENCE = "confidence",
    /// Extraction → extractor name.
    EXTRACTOR = "extractor",
    /// Extraction → extractor version.
    EXTRACTOR_VERSION = "extractorVersion",
    // alignment (`newsgraph link`)
    /// A correspondence between two IRIs found by `newsgraph link`, with its evidence.
    CORRESPONDENCE = "Correspondence",
    /// Correspondence → the first IRI (ours).
    SUBJECT = "subject",
    /// Correspondence → the IRI it corresponds to.
    OBJECT = "object",
    /// Correspondence → how sure, from 0 to 1.
    SCORE = "score",
    /// Correspondence → the method that found it.
    METHOD = "method",
    /// Correspondence → the shared id, title, label or roles it rests on.
    MATCHED_ON = "matchedOn",
    /// Correspondence → a graph where its evidence was found.
    SOURCE_GRAPH = "sourceGraph",
});

vocabulary!(
    /// schema.org.
    schema, "http://schema.org/", {
    /// Headline of an article.
    HEADLINE = "headline",
    /// Publisher of an article.
    PUBLISHER = "publisher",
    /// Publication date.
    DATE_PUBLISHED = "datePublished",
    /// URL of the article.
    URL = "url",
    /// Language of the article.
    IN_LANGUAGE = "inLanguage",
    /// Description of an entity.
    DESCRIPTION = "description",
});

vocabulary!(
    /// PROV-O.
    prov, "http://www.w3.org/ns/prov#", {
    /// An activity.
    ACTIVITY = "Activity",
    /// An entity (in the PROV sense).
    ENTITY = "Entity",
    /// Derived from.
    WAS_DERIVED_FROM = "wasDerivedFrom",
    /// Generated by.
    WAS_GENERATED_BY = "wasGeneratedBy",
    /// Activity used.
    USED = "used",
    /// Activity end time.
    ENDED_AT_TIME = "endedAtTime",
});

vocabulary!(
    /// SKOS.
    skos, "http://www.w3.org/2004/02/skos/core#", {
    /// Alternative label.
    ALT_LABEL = "altLabel",
    /// Exact match (used for Wikidata links).
    EXACT_MATCH = "exactMatch",
});

vocabulary!(
    /// OWL.
    owl, "http://www.w3.org/2002/07/owl#", {
    /// Identity (Wikidata links, on request only).
    SAME_AS = "sameAs",
});

vocabulary!(
    /// RDFS.
    rdfs, "http://www.w3.org/2000/01/rdf-schema#", {
    /// Label.
    LABEL = "label",
    /// Where a term is defined.
    IS_DEFINED_BY = "isDefinedBy",
});

vocabulary!(
    /// RDF.
    rdf, "http://www.w3.org/1999/02/22-rdf-syntax-ns#", {
    /// Type.
    TYPE = "type",
});

/// Wikidata entity namespace: `wd:Q7747`.
pub const WIKIDATA_ENTITY: &str = "http://www.wikidata.org/entity/";
