//! Alignment: which IRIs of the merged knowledge bases name our entities, which facts of two
//! articles are one event, and the fused view those correspondences allow.
//!
//! Why: newsgraph mints its own IRIs (`entity/Vladimir_Putin`, `fact/ARTICLE.ID`), merged
//! sources use theirs (`wd:Q7747`, `dbr:Vladimir_Putin`, a BBC thing). Querying across sources,
//! the canonical export and the conflict report all need to know which IRIs name the same
//! thing, how sure that is, and on what evidence. [`link`] finds correspondences and writes
//! them to one derived graph, `BASE links`, replaced on each run (so running it twice gives the
//! same graph): a `skos:exactMatch` (or, on request, `owl:sameAs`) statement per pair, and an
//! `ng:Correspondence` record per pair, method and matched value, with `ng:score`,
//! `ng:method`, `ng:matchedOn` and the `ng:sourceGraph`s where the evidence was found. Record
//! IRIs are `BASE link/` + a hash of pair, method and matched value: deterministic.
//!
//! Methods, in order; each is switched on, scored and thresholded by the rules
//! ([`LinkRules`], `data/link-rules.json`, overridable field by field with `--rules`):
//!
//! 1. `wikidata-id`: our entity says `skos:exactMatch wd:Q…` and a merged graph uses that IRI.
//! 2. `dbpedia-title`: the gazetteer gives the entity's English Wikipedia title, which names its
//!    DBpedia resource (`dbr:Title`, also tried percent-encoded); a merged graph uses it.
//! 3. `same-as-chain`: from those `wd:`/`dbr:` IRIs, `owl:sameAs` (and the other configured
//!    properties) in merged graphs, both directions, up to `max_depth` steps; each reached IRI
//!    scores `score × decay^(steps-1)`; `ng:matchedOn` names the IRI it was reached from.
//! 4. `exact-label` / `normalized-label`: a merged resource's label (rdfs:label, skos:prefLabel,
//!    skos:altLabel, …, in the configured languages) equals our label, or equals it once
//!    normalized (case, diacritics, punctuation, stop words such as "the"). A match on one of
//!    our aliases scores × `alias_factor`. Types must be compatible: our class, its super-classes
//!    and the Wikidata items they match (from the ontology) plus the `types` table; a resource
//!    without any type scores × `untyped_factor`, one whose types are all incompatible is not
//!    linked. Tiers, best first: label, alias, normalized label, normalized alias; the best tier
//!    with a type-compatible entity decides, and only when it holds exactly one (two entities
//!    sharing a label are ambiguous and get no link).
//! 5. `event-roles`: two facts of one configured class (`ng:Visit`, …) in different article
//!    graphs whose role values agree (`equal` sets or `overlap`ping sets, entities compared by
//!    Wikidata id when they have one) and whose dates are the same or overlap. A fact without a
//!    date is taken to have happened in the `undated_within_days` days up to its article's
//!    publication (and is not aligned when its article has no date either). Facts whose
//!    modality is in `skip_modalities` (negated, hypothetical) are left out. Only facts with the
//!    same `equal` role values, a shared value of the first `overlap` role and overlapping days
//!    are compared (`candidate_pairs`): the work grows with the facts and the pairs that agree,
//!    not with the square of the facts. Every pair that agrees is linked, so n reports of one
//!    event make n(n-1)/2 records.
//!
//! Records scoring below `min_score` are not written. Everything is sorted.
//!
//! [`Fusion`] reads the links back: union-find over the links graph's `skos:exactMatch` /
//! `owl:sameAs` and our articles' links to Wikidata, one canonical IRI per cluster.

use crate::error::{Error, Location, Result};
use crate::infer::{is_derived_graph, Ontology};
use crate::merge::catalog_graph;
use crate::mint::Minter;
use crate::store::NewsStore;
use crate::vocab::{ng, owl, rdf, rdfs, skos, WIKIDATA_ENTITY};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::path::Path;
use std::str::FromStr;

/// The bundled rules (`data/link-rules.json`).
pub const BUNDLED_RULES: &str = include_str!("../data/link-rules.json");

/// The bundled gazetteer, for its `wikipedia` column.
const GAZETTEER: &str = include_str!("../data/gazetteer.tsv");

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(rename = "$comment", default)]
    _comment: Option<serde_json::Value>,
    #[serde(default)]
    prefixes: BTreeMap<String, String>,
    min_score: f64,
    wikidata: MethodFile,
    dbpedia: DbpediaFile,
    same_as_chain: ChainFile,
    labels: LabelsFile,
    #[serde(default)]
    types: BTreeMap<String, Vec<String>>,
    events: EventsFile,
    conflicts: ConflictsFile,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MethodFile {
    enabled: bool,
    score: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DbpediaFile {
    enabled: bool,
    score: f64,
    namespace: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChainFile {
    enabled: bool,
    score: f64,
    decay: f64,
    max_depth: usize,
    properties: Vec<String>,
    #[serde(default)]
    unique_namespaces: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelsFile {
    enabled: bool,
    exact_score: f64,
    normalized_score: f64,
    alias_factor: f64,
    untyped_factor: f64,
    label_properties: Vec<String>,
    type_properties: Vec<String>,
    languages: Vec<String>,
    stopwords: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventsFile {
    enabled: bool,
    same_dates_score: f64,
    overlapping_dates_score: f64,
    missing_dates_score: f64,
    undated_within_days: u32,
    skip_modalities: Vec<String>,
    kinds: Vec<EventKindFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventKindFile {
    class: String,
    #[serde(rename = "match")]
    matches: BTreeMap<String, RoleMatch>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConflictsFile {
    from_ontology: bool,
    single_valued: Vec<OneOrMany>,
    #[serde(default)]
    ignore: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// How the values of one role of two events must agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RoleMatch {
    /// The same set of values.
    Equal,
    /// At least one value in common.
    Overlap,
}

/// A method that can be switched on and has a score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MethodRule {
    /// Whether the method runs.
    pub enabled: bool,
    /// The score of what it finds, in `[0, 1]`.
    pub score: f64,
}

/// Following `owl:sameAs` chains.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainRule {
    /// Whether the method runs.
    pub enabled: bool,
    /// Score of an IRI one step away.
    pub score: f64,
    /// Factor per further step.
    pub decay: f64,
    /// Most steps followed.
    pub max_depth: usize,
    /// The properties followed (both directions).
    pub properties: Vec<NamedNode>,
    /// Namespaces whose IRIs never name the same thing twice (DBpedia, Wikidata): a chain does
    /// not go to a second IRI in a namespace where the entity already has one, which stops
    /// chains that run through a wrong link into some other resource.
    pub unique_namespaces: Vec<String>,
}

/// Label matching.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRule {
    /// Whether the method runs.
    pub enabled: bool,
    /// Score of a label equal to ours.
    pub exact_score: f64,
    /// Score of a label equal to ours once normalized.
    pub normalized_score: f64,
    /// Factor when the match is on one of our aliases.
    pub alias_factor: f64,
    /// Factor when the other resource has no type at all.
    pub untyped_factor: f64,
    /// The properties read as labels in merged graphs.
    pub label_properties: Vec<NamedNode>,
    /// The properties read as types in merged graphs.
    pub type_properties: Vec<NamedNode>,
    /// Language tags accepted (`""`: no tag).
    pub languages: BTreeSet<String>,
    /// Words dropped by normalization.
    pub stopwords: BTreeSet<String>,
}

/// One kind of event to align.
#[derive(Debug, Clone, PartialEq)]
pub struct EventKindRule {
    /// The class of the facts (`ng:Visit`).
    pub class: NamedNode,
    /// The roles that must agree, and how.
    pub matches: Vec<(NamedNode, RoleMatch)>,
}

/// Aligning events across articles.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRule {
    /// Whether the method runs.
    pub enabled: bool,
    /// Score when both facts give the same dates.
    pub same_dates_score: f64,
    /// Score when their date ranges overlap.
    pub overlapping_dates_score: f64,
    /// Score when one or both give no date.
    pub missing_dates_score: f64,
    /// A fact without a date is taken to have happened in the this many days up to its
    /// article's publication date (news reports what just happened); a fact with neither is not
    /// aligned. Without it, every undated meeting of two leaders who meet often was one event
    /// with all the others: wrong, and n(n-1)/2 records.
    pub undated_within_days: u32,
    /// Modalities whose facts are not aligned.
    pub skip_modalities: BTreeSet<NamedNode>,
    /// The kinds of events aligned.
    pub kinds: Vec<EventKindRule>,
}

/// What `newsgraph conflicts` checks.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictRule {
    /// Also check every `owl:FunctionalProperty` of the ontology.
    pub from_ontology: bool,
    /// Groups of properties that are one single-valued property (`schema:birthDate`,
    /// `wdt:P569`, `dbo:birthDate`).
    pub single_valued: Vec<Vec<NamedNode>>,
    /// Properties never checked (`ng:confidence`: two extractors' confidences do not disagree
    /// about the world).
    pub ignore: BTreeSet<NamedNode>,
}

/// Thresholds and rules for [`link`] and for the conflict report, read from JSON (see
/// `data/link-rules.json`, whose fields these mirror).
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRules {
    /// Where the rules came from.
    pub source: String,
    /// Records below this score are not written.
    pub min_score: f64,
    /// Method 1.
    pub wikidata: MethodRule,
    /// Method 2.
    pub dbpedia: MethodRule,
    /// The DBpedia resource namespace.
    pub dbpedia_namespace: String,
    /// Method 3.
    pub same_as_chain: ChainRule,
    /// Method 4.
    pub labels: LabelRule,
    /// Our class → classes of other vocabularies compatible with it.
    pub types: BTreeMap<NamedNode, BTreeSet<NamedNode>>,
    /// Method 5.
    pub events: EventRule,
    /// The conflict report's properties.
    pub conflicts: ConflictRule,
}

impl LinkRules {
    /// The bundled rules.
    pub fn bundled() -> Result<Self> {
        Self::from_json(BUNDLED_RULES, "data/link-rules.json")
    }

    /// The bundled rules with the fields of `text` (JSON) replacing theirs: objects are merged
    /// key by key, anything else (numbers, lists) is replaced. `source` names it in errors.
    pub fn from_json(text: &str, source: &str) -> Result<Self> {
        let bad = |message: String| Error::Rules { location: Location::new(source), message };
        let bundled: serde_json::Value = serde_json::from_str(BUNDLED_RULES).expect("the bundled rules are JSON");
        let mut value = bundled;
        if text != BUNDLED_RULES {
            let overrides: serde_json::Value = serde_json::from_str(text).map_err(|e| Error::Rules {
                location: Location::new(source).at(e.line() as u64, e.column() as u64),
                message: e.to_string(),
            })?;
            if !overrides.is_object() {
                return Err(bad("expected a JSON object".into()));
            }
            merge_json(&mut value, overrides);
        }
        let file: RulesFile = serde_json::from_value(value).map_err(|e| bad(e.to_string()))?;
        Self::resolve(file, source)
    }

    /// Rules from a file (see [`LinkRules::from_json`]).
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
        Self::from_json(&text, &path.display().to_string())
    }

    fn resolve(file: RulesFile, source: &str) -> Result<Self> {
        let bad = |message: String| Error::Rules { location: Location::new(source), message };
        let prefixes = &file.prefixes;
        let term = |field: &str, value: &str| -> Result<NamedNode> {
            let iri = if let Some(inner) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
                inner.to_owned()
            } else if let Some((prefix, local)) = value.split_once(':').filter(|(p, _)| prefixes.contains_key(*p)) {
                format!("{}{local}", prefixes[prefix])
            } else if value.contains("://") {
                value.to_owned()
            } else {
                return Err(bad(format!("{field}: {value:?} is neither a prefixed name with a declared prefix nor an IRI")));
            };
            NamedNode::new(&iri).map_err(|e| bad(format!("{field}: {value:?} is not a valid IRI: {e}")))
        };
        let terms = |field: &str, values: &[String]| -> Result<Vec<NamedNode>> { values.iter().map(|v| term(field, v)).collect() };
        let score = |field: &str, value: f64| -> Result<f64> {
            if (0.0..=1.0).contains(&value) {
                Ok(value)
            } else {
                Err(bad(format!("{field} is {value}, expected a number from 0 to 1")))
            }
        };
        let chain = &file.same_as_chain;
        if chain.decay <= 0.0 || chain.decay > 1.0 {
            return Err(bad(format!("same_as_chain.decay is {}, expected more than 0 and at most 1", chain.decay)));
        }
        if chain.max_depth > 10 {
            return Err(bad(format!("same_as_chain.max_depth is {}, expected at most 10", chain.max_depth)));
        }
        let mut types = BTreeMap::new();
        for (class, others) in &file.types {
            let others: BTreeSet<NamedNode> = terms(&format!("types.{class}"), others)?.into_iter().collect();
            types.insert(term("types", class)?, others);
        }
        let mut kinds = Vec::new();
        for (i, kind) in file.events.kinds.iter().enumerate() {
            let field = format!("events.kinds[{i}]");
            if kind.matches.is_empty() {
                return Err(bad(format!("{field}.match: name at least one role")));
            }
            let mut matches = Vec::new();
            for (role, how) in &kind.matches {
                matches.push((term(&format!("{field}.match"), role)?, *how));
            }
            kinds.push(EventKindRule { class: term(&format!("{field}.class"), &kind.class)?, matches });
        }
        let mut single_valued = Vec::new();
        for (i, group) in file.conflicts.single_valued.iter().enumerate() {
            let group = match group {
                OneOrMany::One(one) => vec![one.clone()],
                OneOrMany::Many(many) => many.clone(),
            };
            if group.is_empty() {
                return Err(bad(format!("conflicts.single_valued[{i}] is empty")));
            }
            single_valued.push(terms(&format!("conflicts.single_valued[{i}]"), &group)?);
        }
        let labels = &file.labels;
        let events = &file.events;
        let rules = LinkRules {
            source: source.to_owned(),
            min_score: score("min_score", file.min_score)?,
            wikidata: MethodRule { enabled: file.wikidata.enabled, score: score("wikidata.score", file.wikidata.score)? },
            dbpedia: MethodRule { enabled: file.dbpedia.enabled, score: score("dbpedia.score", file.dbpedia.score)? },
            dbpedia_namespace: {
                NamedNode::new(&file.dbpedia.namespace)
                    .map_err(|e| bad(format!("dbpedia.namespace: {:?}: {e}", file.dbpedia.namespace)))?;
                file.dbpedia.namespace.clone()
            },
            same_as_chain: ChainRule {
                enabled: chain.enabled,
                score: score("same_as_chain.score", chain.score)?,
                decay: chain.decay,
                max_depth: chain.max_depth,
                properties: terms("same_as_chain.properties", &chain.properties)?,
                unique_namespaces: terms("same_as_chain.unique_namespaces", &chain.unique_namespaces)?
                    .into_iter()
                    .map(|n| n.into_string())
                    .collect(),
            },
            labels: LabelRule {
                enabled: labels.enabled,
                exact_score: score("labels.exact_score", labels.exact_score)?,
                normalized_score: score("labels.normalized_score", labels.normalized_score)?,
                alias_factor: score("labels.alias_factor", labels.alias_factor)?,
                untyped_factor: score("labels.untyped_factor", labels.untyped_factor)?,
                label_properties: terms("labels.label_properties", &labels.label_properties)?,
                type_properties: terms("labels.type_properties", &labels.type_properties)?,
                languages: labels.languages.iter().map(|l| l.to_ascii_lowercase()).collect(),
                stopwords: labels.stopwords.iter().map(|w| normalize_label(w, &BTreeSet::new())).collect(),
            },
            types,
            events: EventRule {
                enabled: events.enabled,
                same_dates_score: score("events.same_dates_score", events.same_dates_score)?,
                overlapping_dates_score: score("events.overlapping_dates_score", events.overlapping_dates_score)?,
                missing_dates_score: score("events.missing_dates_score", events.missing_dates_score)?,
                undated_within_days: events.undated_within_days,
                skip_modalities: terms("events.skip_modalities", &events.skip_modalities)?.into_iter().collect(),
                kinds,
            },
            conflicts: ConflictRule {
                from_ontology: file.conflicts.from_ontology,
                single_valued,
                ignore: terms("conflicts.ignore", &file.conflicts.ignore)?.into_iter().collect(),
            },
        };
        Ok(rules)
    }
}

/// Merges `overrides` into `base`: objects key by key, anything else replaced.
fn merge_json(base: &mut serde_json::Value, overrides: serde_json::Value) {
    match (base, overrides) {
        (serde_json::Value::Object(base), serde_json::Value::Object(overrides)) => {
            for (key, value) in overrides {
                match base.get_mut(&key) {
                    Some(slot) if slot.is_object() && value.is_object() => merge_json(slot, value),
                    _ => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (base, overrides) => *base = overrides,
    }
}

// ---------------------------------------------------------------------------------------------
// Normalization and dates
// ---------------------------------------------------------------------------------------------

/// A label reduced for comparison: lower case, Latin diacritics folded ("Asunción" →
/// "asuncion", "Straße" → "strasse"), every run of characters other than letters and digits a
/// single space, and the `stopwords` (already normalized) dropped.
pub fn normalize_label(label: &str, stopwords: &BTreeSet<String>) -> String {
    let mut folded = String::with_capacity(label.len());
    for c in label.chars() {
        fold(c, &mut folded);
    }
    let spaced: String = folded.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    spaced.split_whitespace().filter(|w| !stopwords.contains(*w)).collect::<Vec<_>>().join(" ")
}

/// Appends `c` in lower case without its diacritic (Latin-1 and Latin Extended-A; combining
/// marks are dropped).
fn fold(c: char, out: &mut String) {
    let plain = match c {
        '\u{0300}'..='\u{036F}' => "",
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' => "c",
        'Ď' | 'ď' | 'Đ' | 'đ' | 'Ð' | 'ð' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ĕ' | 'ĕ' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => "e",
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' => "g",
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ' | 'ĩ' | 'Ī' | 'ī' | 'Ĭ' | 'ĭ' | 'Į' | 'į' | 'İ' | 'ı' => "i",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' | 'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ŏ' | 'ŏ' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' | 'Ș' | 'ș' => "s",
        'ß' => "ss",
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ŧ' | 'ŧ' | 'Ț' | 'ț' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ' | 'ũ' | 'Ū' | 'ū' | 'Ŭ' | 'ŭ' | 'Ů' | 'ů' | 'Ű' | 'ű' | 'Ų' | 'ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(plain);
}

/// The days a date of the facts format covers: `YYYY-MM-DD` one day, `YYYY-MM` its month,
/// `YYYY` its year (a time zone or time after the date is ignored). `None` when unreadable.
pub fn date_interval(value: &str) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    use chrono::NaiveDate;
    let value = value.trim();
    let date_part = if value.len() > 10 && value.as_bytes().get(10).is_some_and(|b| matches!(b, b'T' | b'Z' | b'+' | b'-')) {
        &value[..10]
    } else {
        value.strip_suffix('Z').unwrap_or(value)
    };
    let parts: Vec<&str> = date_part.split('-').collect();
    let number = |s: &str| -> Option<u32> { (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten() };
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => {
            let day = NaiveDate::from_ymd_opt(number(y)? as i32, number(m)?, number(d)?)?;
            Some((day, day))
        }
        [y, m] if y.len() == 4 => {
            let year = number(y)? as i32;
            let month = number(m)?;
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            let next = if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(year, month + 1, 1)? };
            Some((first, next.pred_opt()?))
        }
        [y] if y.len() == 4 => {
            let year = number(y)? as i32;
            Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?))
        }
        _ => None,
    }
}

/// Whether a datatype is one of the date-like ones [`date_interval`] reads.
pub(crate) fn is_date_datatype(datatype: oxigraph::model::NamedNodeRef<'_>) -> bool {
    [xsd::DATE, xsd::G_YEAR_MONTH, xsd::G_YEAR, xsd::DATE_TIME].contains(&datatype)
}

// ---------------------------------------------------------------------------------------------
// Gazetteer titles
// ---------------------------------------------------------------------------------------------

/// `(name, wikidata id, wikipedia title)` of every gazetteer row that has a title.
fn gazetteer_titles() -> Vec<(String, Option<String>, String)> {
    let mut lines = GAZETTEER.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let column = |name: &str| header.iter().position(|h| *h == name);
    let (Some(name), Some(wikidata), Some(wikipedia)) = (column("name"), column("wikidata"), column("wikipedia")) else {
        return Vec::new();
    };
    lines
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let title = fields.get(wikipedia).map(|t| t.trim()).filter(|t| !t.is_empty())?;
            let qid = fields.get(wikidata).map(|q| q.trim()).filter(|q| !q.is_empty()).map(str::to_owned);
            Some((fields.get(name)?.trim().to_owned(), qid, title.to_owned()))
        })
        .collect()
}

/// The DBpedia IRIs a title may be written as: as is, and with non-ASCII and reserved
/// characters percent-encoded (as the DBpedia link sets write them).
fn dbpedia_iris(namespace: &str, title: &str) -> Vec<NamedNode> {
    let mut encoded = String::new();
    for byte in title.bytes() {
        if byte.is_ascii_alphanumeric() || b"_-.~()',!*:@$&+=;/".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    let mut iris: Vec<NamedNode> =
        [title.to_owned(), encoded].iter().filter_map(|t| NamedNode::new(format!("{namespace}{t}")).ok()).collect();
    iris.dedup();
    iris
}

// ---------------------------------------------------------------------------------------------
// Linking
// ---------------------------------------------------------------------------------------------

/// The graph the links are written to.
pub fn links_graph(minter: &Minter) -> NamedNode {
    NamedNode::new_unchecked(format!("{}links", minter.base()))
}

/// How to link.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkOptions {
    /// Write `owl:sameAs` instead of `skos:exactMatch`.
    pub same_as: bool,
}

/// A method of [`link`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkMethod {
    /// Shared Wikidata id.
    WikidataId,
    /// DBpedia resource named by the gazetteer's Wikipedia title.
    DbpediaTitle,
    /// Reached through `owl:sameAs` from a linked IRI.
    SameAsChain,
    /// Same label.
    ExactLabel,
    /// Same normalized label.
    NormalizedLabel,
    /// Two facts of one event.
    EventRoles,
}

impl LinkMethod {
    /// The name written as `ng:method`.
    pub fn name(self) -> &'static str {
        match self {
            Self::WikidataId => "wikidata-id",
            Self::DbpediaTitle => "dbpedia-title",
            Self::SameAsChain => "same-as-chain",
            Self::ExactLabel => "exact-label",
            Self::NormalizedLabel => "normalized-label",
            Self::EventRoles => "event-roles",
        }
    }
}

/// One correspondence record: a pair, a method, what it matched on, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Correspondence {
    /// Our IRI (for two facts, the smaller).
    pub subject: NamedNode,
    /// The corresponding IRI.
    pub object: NamedNode,
    /// How sure, in `[0, 1]`.
    pub score: f64,
    /// The method.
    pub method: LinkMethod,
    /// The shared id, title, label, the IRI a chain came from, or the events' roles and dates.
    pub matched_on: String,
    /// The graphs where the evidence was found, sorted.
    pub graphs: Vec<NamedNode>,
}

/// What a link run wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkReport {
    /// The links graph.
    pub graph: NamedNode,
    /// The records written, sorted by subject, object, method, matched value.
    pub correspondences: Vec<Correspondence>,
    /// Distinct linked pairs.
    pub pairs: usize,
    /// Statements in the links graph.
    pub quads: usize,
    /// Pairs of facts whose roles and dates event alignment compared: the pairs that agree on
    /// every `equal` role and share a value of the first `overlap` one, not all pairs.
    pub event_pairs_compared: usize,
}

impl LinkReport {
    /// Records per method name.
    pub fn by_method(&self) -> BTreeMap<&'static str, usize> {
        let mut counts = BTreeMap::new();
        for c in &self.correspondences {
            *counts.entry(c.method.name()).or_default() += 1;
        }
        counts
    }
}

/// Our entity as our articles describe it.
#[derive(Debug, Default)]
struct Ours {
    types: BTreeSet<NamedNode>,
    labels: BTreeSet<String>,
    aliases: BTreeSet<String>,
    wikidata: BTreeSet<NamedNode>,
}

type RecordKey = (NamedNode, NamedNode, LinkMethod, String);

struct Linker<'a> {
    store: &'a NewsStore,
    minter: &'a Minter,
    rules: &'a LinkRules,
    articles: Vec<NamedNode>,
    sources: Vec<GraphName>,
    /// The same sources, for lookups.
    source_set: HashSet<GraphName>,
    records: BTreeMap<RecordKey, (f64, BTreeSet<NamedNode>)>,
    /// Pairs of facts whose roles and dates [`Linker::align_events`] compared.
    event_pairs_compared: usize,
}

fn storage_error(store: &NewsStore) -> impl Fn(oxigraph::store::StorageError) -> Error + '_ {
    move |e| Error::Store { path: store.path().map(Path::to_path_buf), message: e.to_string() }
}

/// The article graphs (`BASE graph/…`) and the merged sources (every other graph, the default
/// graph included, but not the derived links, inferred and catalog graphs), sorted.
pub(crate) fn graph_roles(store: &NewsStore, minter: &Minter) -> Result<(Vec<NamedNode>, Vec<GraphName>)> {
    let article_prefix = format!("{}graph/", minter.base());
    let mut articles = Vec::new();
    let mut sources = Vec::new();
    if store.oxigraph().quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph)).next().is_some() {
        sources.push(GraphName::DefaultGraph);
    }
    for graph in store.oxigraph().named_graphs() {
        let graph = graph.map_err(storage_error(store))?;
        let graph: GraphName = match graph {
            NamedOrBlankNode::NamedNode(n) => n.into(),
            NamedOrBlankNode::BlankNode(b) => b.into(),
        };
        if is_derived_graph(graph.as_ref(), minter) {
            continue;
        }
        match graph {
            GraphName::NamedNode(n) if n.as_str().starts_with(&article_prefix) => articles.push(n),
            other => sources.push(other),
        }
    }
    articles.sort();
    sources.sort_by_cached_key(|g| g.to_string());
    Ok((articles, sources))
}

impl<'a> Linker<'a> {
    fn quads(
        &self,
        subject: Option<&NamedOrBlankNode>,
        predicate: Option<&NamedNode>,
        object: Option<&Term>,
        graph: Option<&GraphName>,
    ) -> Result<Vec<Quad>> {
        self.store
            .oxigraph()
            .quads_for_pattern(subject.map(|s| s.as_ref()), predicate.map(|p| p.as_ref()), object.map(|o| o.as_ref()), graph.map(|g| g.as_ref()))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(storage_error(self.store))
    }

    fn is_source(&self, graph: &GraphName) -> bool {
        self.source_set.contains(graph)
    }

    fn is_ours(&self, iri: &NamedNode) -> bool {
        iri.as_str().starts_with(self.minter.base())
    }

    /// The merged graphs that use `iri` as a subject or an object.
    fn mentioned_in(&self, iri: &NamedNode) -> Result<Vec<GraphName>> {
        let subject: NamedOrBlankNode = iri.clone().into();
        let object: Term = iri.clone().into();
        let mut graphs = Vec::new();
        for graph in &self.sources {
            let found = self
                .store
                .oxigraph()
                .quads_for_pattern(Some(subject.as_ref()), None, None, Some(graph.as_ref()))
                .next()
                .or_else(|| self.store.oxigraph().quads_for_pattern(None, None, Some(object.as_ref()), Some(graph.as_ref())).next());
            if let Some(found) = found {
                found.map_err(storage_error(self.store))?;
                graphs.push(graph.clone());
            }
        }
        Ok(graphs)
    }

    fn record(&mut self, subject: &NamedNode, object: &NamedNode, method: LinkMethod, matched: &str, score: f64, graphs: &[GraphName]) {
        if subject == object {
            return;
        }
        let entry = self
            .records
            .entry((subject.clone(), object.clone(), method, matched.to_owned()))
            .or_insert((score, BTreeSet::new()));
        entry.0 = entry.0.max(score);
        for graph in graphs {
            if let GraphName::NamedNode(g) = graph {
                entry.1.insert(g.clone());
            }
        }
    }

    /// Our entities, from the article graphs: per graph, only the statements of the five
    /// properties read (one index range each), not every statement of the graph; decoding
    /// those was most of the time of `link`.
    fn our_entities(&self) -> Result<BTreeMap<NamedNode, Ours>> {
        let entity_prefix = format!("{}entity/", self.minter.base());
        let mut entities: BTreeMap<NamedNode, Ours> = BTreeMap::new();
        let properties = [rdf::TYPE, skos::EXACT_MATCH, owl::SAME_AS, rdfs::LABEL, skos::ALT_LABEL].map(|p| p.into_owned());
        for graph in &self.articles {
            let graph: GraphName = graph.clone().into();
            for property in &properties {
                for quad in self.quads(None, Some(property), None, Some(&graph))? {
                    let NamedOrBlankNode::NamedNode(subject) = &quad.subject else { continue };
                    if !subject.as_str().starts_with(&entity_prefix) {
                        continue;
                    }
                    let p = quad.predicate.as_ref();
                    let entity = entities.entry(subject.clone()).or_default();
                    match &quad.object {
                        Term::NamedNode(o) if p == rdf::TYPE => {
                            entity.types.insert(o.clone());
                        }
                        Term::NamedNode(o) if (p == skos::EXACT_MATCH || p == owl::SAME_AS) && o.as_str().starts_with(WIKIDATA_ENTITY) => {
                            entity.wikidata.insert(o.clone());
                        }
                        Term::Literal(l) if p == rdfs::LABEL => {
                            entity.labels.insert(l.value().to_owned());
                        }
                        Term::Literal(l) if p == skos::ALT_LABEL => {
                            entity.aliases.insert(l.value().to_owned());
                        }
                        _ => {}
                    }
                }
            }
        }
        entities.retain(|_, e| !e.types.is_empty() || !e.labels.is_empty());
        Ok(entities)
    }

    fn run(&mut self) -> Result<()> {
        let entities = self.our_entities()?;
        // Where chains start, per entity.
        let mut starts: BTreeMap<NamedNode, BTreeSet<NamedNode>> = BTreeMap::new();

        // 1. Wikidata ids.
        for (entity, ours) in &entities {
            for item in &ours.wikidata {
                starts.entry(entity.clone()).or_default().insert(item.clone());
                if self.rules.wikidata.enabled {
                    let graphs = self.mentioned_in(item)?;
                    if !graphs.is_empty() {
                        let qid = item.as_str().strip_prefix(WIKIDATA_ENTITY).unwrap_or(item.as_str()).to_owned();
                        self.record(entity, item, LinkMethod::WikidataId, &qid, self.rules.wikidata.score, &graphs);
                    }
                }
            }
        }

        // 2. DBpedia resources named by the gazetteer's Wikipedia titles.
        if self.rules.dbpedia.enabled {
            let mut by_entity: HashMap<NamedNode, BTreeSet<String>> = HashMap::new();
            let mut by_item: HashMap<String, BTreeSet<String>> = HashMap::new();
            for (name, qid, title) in gazetteer_titles() {
                by_entity.entry(self.minter.entity(&name)).or_default().insert(title.clone());
                if let Some(qid) = qid {
                    by_item.entry(format!("{WIKIDATA_ENTITY}{qid}")).or_default().insert(title);
                }
            }
            for (entity, ours) in &entities {
                let mut titles: BTreeSet<String> = by_entity.get(entity).cloned().unwrap_or_default();
                for item in &ours.wikidata {
                    titles.extend(by_item.get(item.as_str()).into_iter().flatten().cloned());
                }
                for title in titles {
                    for iri in dbpedia_iris(&self.rules.dbpedia_namespace, &title) {
                        let graphs = self.mentioned_in(&iri)?;
                        if !graphs.is_empty() {
                            self.record(entity, &iri, LinkMethod::DbpediaTitle, &title, self.rules.dbpedia.score, &graphs);
                            starts.entry(entity.clone()).or_default().insert(iri);
                        }
                    }
                }
            }
        }

        // 3. owl:sameAs chains.
        if self.rules.same_as_chain.enabled && self.rules.same_as_chain.max_depth > 0 {
            for (entity, from) in &starts {
                self.follow_chains(entity, from)?;
            }
        }

        // 4. Labels.
        if self.rules.labels.enabled {
            self.match_labels(&entities)?;
        }

        // 5. Events across articles.
        if self.rules.events.enabled {
            self.align_events(&entities)?;
        }
        Ok(())
    }

    fn follow_chains(&mut self, entity: &NamedNode, from: &BTreeSet<NamedNode>) -> Result<()> {
        let chain = self.rules.same_as_chain.clone();
        let mut visited: BTreeSet<NamedNode> = from.clone();
        visited.insert(entity.clone());
        let namespace_of = |iri: &NamedNode| chain.unique_namespaces.iter().position(|ns| iri.as_str().starts_with(ns.as_str()));
        let mut taken: BTreeSet<usize> = from.iter().filter_map(namespace_of).collect();
        let mut queue: VecDeque<(NamedNode, usize)> = from.iter().map(|iri| (iri.clone(), 0)).collect();
        while let Some((iri, depth)) = queue.pop_front() {
            if depth >= chain.max_depth {
                continue;
            }
            let as_subject: NamedOrBlankNode = iri.clone().into();
            let as_object: Term = iri.clone().into();
            let mut neighbours: BTreeMap<NamedNode, BTreeSet<String>> = BTreeMap::new();
            let mut graphs_of: BTreeMap<String, GraphName> = BTreeMap::new();
            for property in &chain.properties {
                let forward = self.quads(Some(&as_subject), Some(property), None, None)?;
                let backward = self.quads(None, Some(property), Some(&as_object), None)?;
                for quad in forward.into_iter().chain(backward) {
                    if !self.is_source(&quad.graph_name) {
                        continue;
                    }
                    let other = match (&quad.subject, &quad.object) {
                        (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) if *s == iri => o.clone(),
                        (NamedOrBlankNode::NamedNode(s), _) => s.clone(),
                        _ => continue,
                    };
                    if other == iri || self.is_ours(&other) {
                        continue;
                    }
                    let key = quad.graph_name.to_string();
                    graphs_of.insert(key.clone(), quad.graph_name.clone());
                    neighbours.entry(other).or_default().insert(key);
                }
            }
            let score = chain.score * chain.decay.powi(depth as i32);
            for (other, graph_keys) in neighbours {
                if !visited.insert(other.clone()) {
                    continue;
                }
                if let Some(namespace) = namespace_of(&other) {
                    if !taken.insert(namespace) {
                        continue;
                    }
                }
                let graphs: Vec<GraphName> = graph_keys.iter().map(|k| graphs_of[k].clone()).collect();
                self.record(entity, &other, LinkMethod::SameAsChain, iri.as_str(), score, &graphs);
                queue.push_back((other, depth + 1));
            }
        }
        Ok(())
    }

    fn match_labels(&mut self, entities: &BTreeMap<NamedNode, Ours>) -> Result<()> {
        let rules = self.rules.labels.clone();
        let ontology = Ontology::bundled()?;
        // Four tiers, best first: our label as is, an alias as is, our label normalized, an alias
        // normalized. Each maps a key to the entities that have it.
        let mut tiers: [HashMap<String, BTreeSet<NamedNode>>; 4] = Default::default();
        for (entity, ours) in entities {
            for label in &ours.labels {
                tiers[0].entry(label.clone()).or_default().insert(entity.clone());
                tiers[2].entry(normalize_label(label, &rules.stopwords)).or_default().insert(entity.clone());
            }
            for alias in &ours.aliases {
                tiers[1].entry(alias.clone()).or_default().insert(entity.clone());
                tiers[3].entry(normalize_label(alias, &rules.stopwords)).or_default().insert(entity.clone());
            }
        }
        let mut compatible: HashMap<NamedNode, BTreeSet<NamedNode>> = HashMap::new();
        for (entity, ours) in entities {
            let mut classes = BTreeSet::new();
            for class in &ours.types {
                let up = ontology.compatible_classes(class);
                for c in &up {
                    classes.extend(self.rules.types.get(c).into_iter().flatten().cloned());
                }
                classes.extend(up);
            }
            compatible.insert(entity.clone(), classes);
        }
        let mut their_types: HashMap<NamedNode, BTreeSet<NamedNode>> = HashMap::new();
        for property in &rules.label_properties {
            for quad in self.quads(None, Some(property), None, None)? {
                if !self.is_source(&quad.graph_name) {
                    continue;
                }
                let (NamedOrBlankNode::NamedNode(other), Term::Literal(label)) = (&quad.subject, &quad.object) else { continue };
                if self.is_ours(other) || !rules.languages.contains(&label.language().unwrap_or_default().to_ascii_lowercase()) {
                    continue;
                }
                let value = label.value();
                let normalized = normalize_label(value, &rules.stopwords);
                if normalized.is_empty() {
                    continue;
                }
                if !their_types.contains_key(other) {
                    let mut types = BTreeSet::new();
                    for type_property in &rules.type_properties {
                        for q in self.quads(Some(&other.clone().into()), Some(type_property), None, None)? {
                            if let (true, Term::NamedNode(t)) = (self.is_source(&q.graph_name), &q.object) {
                                types.insert(t.clone());
                            }
                        }
                    }
                    their_types.insert(other.clone(), types);
                }
                let types = &their_types[other];
                // The best tier at which type-compatible entities have the label; a link only
                // when exactly one entity is there (a label of one entity beats an alias of
                // another: "Pyongyang" the city over "Pyongyang" for North Korea).
                let keys = [value, value, normalized.as_str(), normalized.as_str()];
                let found = (0..4).find_map(|tier| {
                    let candidates: Vec<&NamedNode> = tiers[tier]
                        .get(keys[tier])
                        .into_iter()
                        .flatten()
                        .filter(|e| types.is_empty() || !types.is_disjoint(&compatible[*e]))
                        .collect();
                    (!candidates.is_empty()).then_some((tier, candidates))
                });
                let Some((tier, candidates)) = found else { continue };
                let [entity] = candidates.as_slice() else { continue };
                let (method, base) = if tier < 2 { (LinkMethod::ExactLabel, rules.exact_score) } else { (LinkMethod::NormalizedLabel, rules.normalized_score) };
                let alias = tier % 2 == 1;
                let mut score = if alias { base * rules.alias_factor } else { base };
                if types.is_empty() {
                    score *= rules.untyped_factor;
                }
                let matched = if alias { format!("alias: {value}") } else { value.to_owned() };
                let entity = (*entity).clone();
                self.record(&entity, other, method, &matched, score, std::slice::from_ref(&quad.graph_name));
            }
        }
        Ok(())
    }

    fn align_events(&mut self, entities: &BTreeMap<NamedNode, Ours>) -> Result<()> {
        let rules = self.rules.events.clone();
        // Entities are compared by Wikidata id when they have one.
        let key_of = |iri: &NamedNode| -> String {
            entities.get(iri).and_then(|e| e.wikidata.iter().next()).unwrap_or(iri).as_str().to_owned()
        };
        struct Fact {
            iri: NamedNode,
            graph: NamedNode,
            roles: Vec<BTreeSet<String>>,
            start: Option<String>,
            end: Option<String>,
            /// When it happened: its dates, or else the days up to its article's publication.
            when: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
        }
        // Publication dates by article graph, for the facts that give no date.
        let mut published: HashMap<NamedNode, chrono::NaiveDate> = HashMap::new();
        for quad in self.quads(None, Some(&crate::vocab::schema::DATE_PUBLISHED.into_owned()), None, None)? {
            if let (GraphName::NamedNode(graph), Term::Literal(date)) = (&quad.graph_name, &quad.object) {
                if let Some((day, _)) = date_interval(date.value()) {
                    published.insert(graph.clone(), day);
                }
            }
        }
        let window = chrono::Duration::days(i64::from(rules.undated_within_days));
        for kind in &rules.kinds {
            let mut facts: Vec<Fact> = Vec::new();
            let class: Term = kind.class.clone().into();
            // One index range for the class, all graphs at once; facts in other than article
            // graphs are left out.
            for quad in self.quads(None, Some(&rdf::TYPE.into_owned()), Some(&class), None)? {
                let GraphName::NamedNode(graph) = &quad.graph_name else { continue };
                if self.articles.binary_search(graph).is_err() {
                    continue;
                }
                let graph_name = &quad.graph_name;
                let NamedOrBlankNode::NamedNode(fact) = &quad.subject else { continue };
                let subject: NamedOrBlankNode = fact.clone().into();
                let about = self.quads(Some(&subject), None, None, Some(graph_name))?;
                fn objects<'q>(about: &'q [Quad], p: oxigraph::model::NamedNodeRef<'q>) -> impl Iterator<Item = &'q Term> + 'q {
                    about.iter().filter(move |q| q.predicate.as_ref() == p).map(|q| &q.object)
                }
                let values = |p: oxigraph::model::NamedNodeRef<'static>| objects(&about, p);
                let skipped = values(ng::MODALITY_PROP).any(|m| matches!(m, Term::NamedNode(m) if rules.skip_modalities.contains(m)));
                if skipped {
                    continue;
                }
                let roles: Vec<BTreeSet<String>> = kind
                    .matches
                    .iter()
                    .map(|(p, _)| {
                        objects(&about, p.as_ref())
                            .filter_map(|o| match o {
                                Term::NamedNode(n) => Some(key_of(n)),
                                _ => None,
                            })
                            .collect()
                    })
                    .collect();
                if roles.iter().any(BTreeSet::is_empty) {
                    continue;
                }
                let date = |p: oxigraph::model::NamedNodeRef<'static>| values(p).find_map(|o| match o {
                    Term::Literal(l) => Some(l.value().to_owned()),
                    _ => None,
                });
                let (start, end) = (date(ng::START_DATE), date(ng::END_DATE));
                let when = event_interval(start.as_deref(), end.as_deref()).or_else(|| published.get(graph).map(|&day| (day - window, day)));
                facts.push(Fact { iri: fact.clone(), graph: graph.clone(), roles, start, end, when });
            }
            let how: Vec<RoleMatch> = kind.matches.iter().map(|(_, how)| *how).collect();
            let roles: Vec<&[BTreeSet<String>]> = facts.iter().map(|f| f.roles.as_slice()).collect();
            let when: Vec<_> = facts.iter().map(|f| f.when).collect();
            let pairs = candidate_pairs(&how, &roles, &when);
            self.event_pairs_compared += pairs.len();
            for (a, b) in pairs {
                let (a, b) = (&facts[a], &facts[b]);
                if a.graph == b.graph {
                    continue;
                }
                // Their days overlap: candidate_pairs forms no other pairs.
                let mut agreed = Vec::new();
                let roles_agree = kind.matches.iter().enumerate().all(|(i, (property, how))| {
                    let (x, y) = (&a.roles[i], &b.roles[i]);
                    let ok = match how {
                        RoleMatch::Equal => x == y,
                        RoleMatch::Overlap => !x.is_disjoint(y),
                    };
                    if ok {
                        let shared: Vec<&str> = x.intersection(y).map(String::as_str).collect();
                        agreed.push(format!("{} {}", compact_ng(property.as_str()), shared.join(" ")));
                    }
                    ok
                });
                if !roles_agree {
                    continue;
                }
                let dated = |f: &Fact| f.start.is_some() || f.end.is_some();
                let (score, dates) = if !dated(a) || !dated(b) {
                    (rules.missing_dates_score, "dates missing")
                } else if a.start == b.start && a.end == b.end {
                    (rules.same_dates_score, "same dates")
                } else {
                    (rules.overlapping_dates_score, "overlapping dates")
                };
                let (first, second) = if a.iri <= b.iri { (a, b) } else { (b, a) };
                let matched = format!("{}; {}; {dates}", compact_ng(kind.class.as_str()), agreed.join("; "));
                let graphs = [GraphName::from(first.graph.clone()), GraphName::from(second.graph.clone())];
                self.record(&first.iri, &second.iri, LinkMethod::EventRoles, &matched, score, &graphs);
            }
        }
        Ok(())
    }
}

/// The pairs of facts `(a, b)`, `a < b`, that can be one event: the same values of every
/// [`RoleMatch::Equal`] role and, when there is a [`RoleMatch::Overlap`] role, a value of the
/// first one in common, and days that overlap (`when[i]`: the days fact `i` covers; a fact
/// without any is never paired). `roles[i][r]` holds the values of role `r` of fact `i` (as in
/// `kind.matches`). Every other condition (further overlap roles, graphs) is left to the
/// caller. Each pair comes once, and no other pair is formed: facts are grouped by their
/// equal roles' values, then by each value of the first overlap role, and a pair is formed only
/// in the group of the smallest value its two facts share; within a group, a sweep by first day
/// meets only the facts whose days overlap. The work is the number of facts (and a sort) plus
/// the number of pairs returned, where comparing all pairs, or all pairs that share one value
/// (one busy participant in every meeting), or all meetings of two leaders over the years,
/// grows with the square of the facts.
fn candidate_pairs(how: &[RoleMatch], roles: &[&[BTreeSet<String>]], when: &[Option<(chrono::NaiveDate, chrono::NaiveDate)>]) -> Vec<(usize, usize)> {
    let equal: Vec<usize> = (0..how.len()).filter(|&r| how[r] == RoleMatch::Equal).collect();
    let overlap = how.iter().position(|h| *h == RoleMatch::Overlap);
    let mut groups: HashMap<Vec<&BTreeSet<String>>, Vec<usize>> = HashMap::new();
    for (i, fact) in roles.iter().enumerate().filter(|(i, _)| when[*i].is_some()) {
        groups.entry(equal.iter().map(|&r| &fact[r]).collect()).or_default().push(i);
    }
    /// The pairs of `block` whose days overlap: sorted by first day, each fact meets only those
    /// that start before it ends.
    fn sweep(block: &[usize], when: &[Option<(chrono::NaiveDate, chrono::NaiveDate)>], mut emit: impl FnMut(usize, usize)) {
        let day = |i: usize| when[i].expect("only facts with days are grouped");
        let mut sorted = block.to_vec();
        sorted.sort_by_key(|&i| (day(i).0, i));
        for (x, &a) in sorted.iter().enumerate() {
            for &b in sorted[x + 1..].iter().take_while(|&&b| day(b).0 <= day(a).1) {
                emit(a.min(b), a.max(b));
            }
        }
    }
    let mut pairs = Vec::new();
    for members in groups.values() {
        let Some(o) = overlap else {
            sweep(members, when, |a, b| pairs.push((a, b)));
            continue;
        };
        let mut blocks: HashMap<&str, Vec<usize>> = HashMap::new();
        for &i in members {
            for value in &roles[i][o] {
                blocks.entry(value.as_str()).or_default().push(i);
            }
        }
        for (value, block) in &blocks {
            sweep(block, when, |a, b| {
                let first_shared = roles[a][o].iter().find(|v| roles[b][o].contains(*v));
                if first_shared.map(String::as_str) == Some(*value) {
                    pairs.push((a, b));
                }
            });
        }
    }
    pairs
}

/// `ng:visitor` for an ng: IRI, the IRI otherwise.
fn compact_ng(iri: &str) -> String {
    match iri.strip_prefix(ng::NAMESPACE) {
        Some(local) => format!("ng:{local}"),
        None => iri.to_owned(),
    }
}

/// The days an event with these start and end dates covers.
fn event_interval(start: Option<&str>, end: Option<&str>) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let start = start.and_then(date_interval);
    let end = end.and_then(date_interval);
    match (start, end) {
        (Some(s), Some(e)) => Some((s.0, e.1.max(s.1))),
        (Some(s), None) => Some(s),
        (None, Some(e)) => Some(e),
        (None, None) => None,
    }
}

/// A score as a canonical `xsd:decimal`, to four places.
fn score_literal(score: f64) -> Literal {
    let decimal = oxsdatatypes::Decimal::from_str(&format!("{score:.4}")).unwrap_or_default();
    Literal::new_typed_literal(decimal.to_string(), xsd::DECIMAL)
}

/// From this many statements on, [`link`] writes the links graph through the bulk loader on a
/// store on disk (see there); below, in one transaction.
pub const BULK_LINK_QUADS: usize = 20_000;

/// Finds correspondences (see the module documentation) and replaces the links graph with
/// them.
///
/// Up to [`BULK_LINK_QUADS`] statements, or on an in-memory store, in one transaction. Above,
/// the statements are first staged with the bulk loader (a transaction holds everything it
/// writes in memory, several kilobytes a statement, and its cost grows faster than the
/// statements), then the old links graph is removed and the staged one committed: a crash in
/// between leaves no links graph, and running `link` again makes it.
pub fn link(store: &NewsStore, minter: &Minter, rules: &LinkRules, options: LinkOptions) -> Result<LinkReport> {
    let (articles, sources) = graph_roles(store, minter)?;
    let source_set = sources.iter().cloned().collect();
    let mut linker =
        Linker { store, minter, rules, articles, sources, source_set, records: BTreeMap::new(), event_pairs_compared: 0 };
    linker.run()?;
    let graph = links_graph(minter);
    let link_property = if options.same_as { owl::SAME_AS } else { skos::EXACT_MATCH };
    let correspondences: Vec<Correspondence> = linker
        .records
        .into_iter()
        .filter(|(_, (score, _))| *score >= rules.min_score)
        .map(|((subject, object, method, matched_on), (score, graphs))| Correspondence {
            subject,
            object,
            score,
            method,
            matched_on,
            graphs: graphs.into_iter().collect(),
        })
        .collect();
    // Records are sorted by pair first, so a pair's records are adjacent.
    let pairs = correspondences.iter().enumerate().filter(|(i, c)| *i == 0 || !same_pair(&correspondences[i - 1], c)).count();
    let quads = pairs + correspondences.iter().map(|c| 6 + c.graphs.len()).sum::<usize>();
    let statements = || link_quads(&correspondences, &graph, link_property, minter);
    if store.prefers_bulk_load() && quads >= BULK_LINK_QUADS {
        let staged = store.stage_bulk_load(statements().map(Ok), |_| ())?;
        store.replace_graph_with(&graph, &[], &catalog_graph(minter), &graph, &[])?;
        staged.commit()?;
    } else {
        let statements: Vec<Quad> = statements().collect();
        store.replace_graph_with(&graph, &statements, &catalog_graph(minter), &graph, &[])?;
    }
    Ok(LinkReport { graph, pairs, quads, correspondences, event_pairs_compared: linker.event_pairs_compared })
}

fn same_pair(a: &Correspondence, b: &Correspondence) -> bool {
    a.subject == b.subject && a.object == b.object
}

/// The statements of the links graph: for each pair (at its first record) the link, and each
/// record's description. `correspondences` are sorted by pair.
fn link_quads<'c>(
    correspondences: &'c [Correspondence],
    graph: &NamedNode,
    link_property: oxigraph::model::NamedNodeRef<'static>,
    minter: &'c Minter,
) -> impl Iterator<Item = Quad> + 'c {
    let graph_name = GraphName::NamedNode(graph.clone());
    correspondences.iter().enumerate().flat_map(move |(i, c)| {
        let mut quads = Vec::with_capacity(7 + c.graphs.len());
        if i == 0 || !same_pair(&correspondences[i - 1], c) {
            quads.push(Quad::new(c.subject.clone(), link_property, c.object.clone(), graph_name.clone()));
        }
        let hash = Sha256::digest(format!("{}\n{}\n{}\n{}", c.subject, c.object, c.method.name(), c.matched_on).as_bytes());
        let hex: String = hash.iter().take(16).map(|b| format!("{b:02x}")).collect();
        let record = NamedNode::new_unchecked(format!("{}link/{hex}", minter.base()));
        let mut add = |p: oxigraph::model::NamedNodeRef<'_>, o: Term| quads.push(Quad::new(record.clone(), p, o, graph_name.clone()));
        add(rdf::TYPE, ng::CORRESPONDENCE.into_owned().into());
        add(ng::SUBJECT, c.subject.clone().into());
        add(ng::OBJECT, c.object.clone().into());
        add(ng::SCORE, score_literal(c.score).into());
        add(ng::METHOD, Literal::new_simple_literal(c.method.name()).into());
        add(ng::MATCHED_ON, Literal::new_simple_literal(&c.matched_on).into());
        for g in &c.graphs {
            add(ng::SOURCE_GRAPH, g.clone().into());
        }
        quads
    })
}

// ---------------------------------------------------------------------------------------------
// Fusion
// ---------------------------------------------------------------------------------------------

/// Clusters of IRIs that name one thing, each with one canonical IRI, read from the links graph
/// (`skos:exactMatch`, `owl:sameAs`) and our articles' links to Wikidata.
///
/// The canonical IRI of a cluster is its smallest Wikidata entity IRI (code-point order) when
/// it has one, else its smallest IRI under our base, else its smallest IRI. Rewriting puts every
/// statement onto canonical IRIs but keeps graph names (so provenance per graph stays), drops
/// the links that became reflexive, and leaves the links graph itself as it is: it is the record
/// of which IRIs were fused.
#[derive(Debug, Clone, Default)]
pub struct Fusion {
    canonical: HashMap<NamedNode, NamedNode>,
    clusters: Vec<Vec<NamedNode>>,
    links: Option<NamedNode>,
}

impl Fusion {
    /// The clusters the store's links define.
    pub fn from_store(store: &NewsStore, minter: &Minter) -> Result<Self> {
        let links = links_graph(minter);
        let article_prefix = format!("{}graph/", minter.base());
        let mut edges = Vec::new();
        for property in [skos::EXACT_MATCH, owl::SAME_AS] {
            for quad in store.oxigraph().quads_for_pattern(None, Some(property), None, None) {
                let quad = quad.map_err(storage_error(store))?;
                let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) = (&quad.subject, &quad.object) else { continue };
                let keep = match &quad.graph_name {
                    GraphName::NamedNode(g) if *g == links => true,
                    GraphName::NamedNode(g) if g.as_str().starts_with(&article_prefix) => o.as_str().starts_with(WIKIDATA_ENTITY),
                    _ => false,
                };
                if keep {
                    edges.push((s.clone(), o.clone()));
                }
            }
        }
        let mut fusion = Self::from_edges(edges, minter);
        fusion.links = Some(links);
        Ok(fusion)
    }

    /// The clusters of these links.
    pub fn from_edges(edges: impl IntoIterator<Item = (NamedNode, NamedNode)>, minter: &Minter) -> Self {
        let mut index: HashMap<NamedNode, usize> = HashMap::new();
        let mut nodes: Vec<NamedNode> = Vec::new();
        let mut parent: Vec<usize> = Vec::new();
        fn find(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        let mut id = |n: NamedNode, nodes: &mut Vec<NamedNode>, parent: &mut Vec<usize>| -> usize {
            *index.entry(n.clone()).or_insert_with(|| {
                nodes.push(n);
                parent.push(parent.len());
                parent.len() - 1
            })
        };
        for (a, b) in edges {
            let a = id(a, &mut nodes, &mut parent);
            let b = id(b, &mut nodes, &mut parent);
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
        let mut groups: BTreeMap<usize, Vec<NamedNode>> = BTreeMap::new();
        for (i, node) in nodes.iter().enumerate() {
            let root = find(&mut parent, i);
            groups.entry(root).or_default().push(node.clone());
        }
        let rank = |n: &NamedNode| -> u8 {
            if n.as_str().starts_with(WIKIDATA_ENTITY) {
                0
            } else if n.as_str().starts_with(minter.base()) {
                1
            } else {
                2
            }
        };
        let mut canonical = HashMap::new();
        let mut clusters = Vec::new();
        for (_, mut members) in groups {
            members.sort_by(|a, b| (rank(a), a.as_str()).cmp(&(rank(b), b.as_str())));
            let chosen = members[0].clone();
            for member in &members[1..] {
                canonical.insert(member.clone(), chosen.clone());
            }
            clusters.push(members);
        }
        clusters.sort();
        Self { canonical, clusters, links: None }
    }

    /// The canonical IRI of `iri` (itself when it is in no cluster, or is the canonical one).
    pub fn canonical<'a>(&'a self, iri: &'a NamedNode) -> &'a NamedNode {
        self.canonical.get(iri).unwrap_or(iri)
    }

    /// The clusters, each sorted with its canonical IRI first; sorted.
    pub fn clusters(&self) -> &[Vec<NamedNode>] {
        &self.clusters
    }

    /// The members of the cluster of `iri` (just `iri` when in none).
    pub fn members(&self, iri: &NamedNode) -> Vec<NamedNode> {
        let canonical = self.canonical(iri);
        self.clusters.iter().find(|c| c[0] == *canonical).cloned().unwrap_or_else(|| vec![iri.clone()])
    }

    /// `quad` on canonical IRIs; `None` for a link that became reflexive.
    pub fn rewrite(&self, mut quad: Quad) -> Option<Quad> {
        if matches!((&quad.graph_name, &self.links), (GraphName::NamedNode(g), Some(links)) if g == links) {
            return Some(quad);
        }
        if let NamedOrBlankNode::NamedNode(s) = &quad.subject {
            if let Some(c) = self.canonical.get(s) {
                quad.subject = c.clone().into();
            }
        }
        if let Term::NamedNode(o) = &quad.object {
            if let Some(c) = self.canonical.get(o) {
                quad.object = c.clone().into();
            }
        }
        let reflexive_link = [skos::EXACT_MATCH, owl::SAME_AS].contains(&quad.predicate.as_ref())
            && matches!((&quad.subject, &quad.object), (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) if s == o);
        (!reflexive_link).then_some(quad)
    }

    /// Rewrites a stream of quads (see [`Fusion::rewrite`]).
    pub fn rewrite_all<I>(self, quads: I) -> impl Iterator<Item = Result<Quad>>
    where
        I: IntoIterator<Item = Result<Quad>>,
    {
        quads.into_iter().filter_map(move |q| match q {
            Ok(q) => self.rewrite(q).map(Ok),
            Err(e) => Some(Err(e)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_rules_resolve() {
        let rules = LinkRules::bundled().unwrap();
        assert!(rules.wikidata.enabled && rules.min_score > 0.0);
        assert_eq!(rules.events.kinds[0].class, ng::VISIT.into_owned());
        assert!(rules.conflicts.single_valued.iter().any(|g| g.iter().any(|p| p.as_str() == "http://www.wikidata.org/prop/direct/P569")));
    }

    #[test]
    fn overrides_replace_only_what_they_name_and_typos_are_refused() {
        let rules = LinkRules::from_json(r#"{"min_score": 0.9, "labels": {"enabled": false}}"#, "x.json").unwrap();
        assert_eq!(rules.min_score, 0.9);
        assert!(!rules.labels.enabled);
        assert_eq!(rules.labels.exact_score, LinkRules::bundled().unwrap().labels.exact_score);
        let typo = LinkRules::from_json(r#"{"min_scor": 0.9}"#, "x.json").unwrap_err();
        assert!(typo.to_string().contains("min_scor"), "{typo}");
        let bad_score = LinkRules::from_json(r#"{"wikidata": {"score": 2}}"#, "x.json").unwrap_err();
        assert!(bad_score.to_string().contains("wikidata.score"), "{bad_score}");
        let bad_prefix = LinkRules::from_json(r#"{"same_as_chain": {"properties": ["nope:x"]}}"#, "x.json").unwrap_err();
        assert!(bad_prefix.to_string().contains("nope:x"), "{bad_prefix}");
        assert!(bad_prefix.is_bad_input());
    }

    #[test]
    fn labels_normalize_case_diacritics_punctuation_and_stopwords() {
        let stop: BTreeSet<String> = ["the".to_owned()].into();
        assert_eq!(normalize_label("The Kremlin", &stop), "kremlin");
        assert_eq!(normalize_label("Asunción", &stop), "asuncion");
        assert_eq!(normalize_label("Kim Jong-un", &stop), "kim jong un");
        assert_eq!(normalize_label("  Straße , Łódź!", &stop), "strasse lodz");
        assert_eq!(normalize_label("Theodore", &stop), "theodore");
    }

    #[test]
    fn dates_cover_their_precision() {
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(date_interval("2024-06-18"), Some((d("2024-06-18"), d("2024-06-18"))));
        assert_eq!(date_interval("2024-02"), Some((d("2024-02-01"), d("2024-02-29"))));
        assert_eq!(date_interval("2023"), Some((d("2023-01-01"), d("2023-12-31"))));
        assert_eq!(date_interval("2024-06-18T10:00:00Z"), Some((d("2024-06-18"), d("2024-06-18"))));
        assert_eq!(date_interval("June"), None);
        assert_eq!(event_interval(Some("2024-06-18"), Some("2024-06-19")), Some((d("2024-06-18"), d("2024-06-19"))));
    }

    #[test]
    fn the_gazetteer_names_dbpedia_resources() {
        let titles = gazetteer_titles();
        assert!(titles.iter().any(|(name, qid, title)| name == "Vladimir Putin" && qid.as_deref() == Some("Q7747") && title == "Vladimir_Putin"));
        let iris = dbpedia_iris("http://dbpedia.org/resource/", "Asunción");
        assert_eq!(iris.len(), 2);
        assert_eq!(iris[1].as_str(), "http://dbpedia.org/resource/Asunci%C3%B3n");
    }

    #[test]
    fn candidate_pairs_are_the_facts_that_agree_on_equal_roles_and_share_an_overlap_value() {
        let set = |values: &[&str]| -> BTreeSet<String> { values.iter().map(|v| v.to_string()).collect() };
        // Meetings (participants: equal): a busy participant in every fact does not make pairs.
        let mut meetings: Vec<Vec<BTreeSet<String>>> = (0..100).map(|i| vec![set(&["putin", &format!("leader{i}")])]).collect();
        meetings.extend((0..4).map(|_| vec![set(&["kim", "putin"])]));
        let rows: Vec<&[BTreeSet<String>]> = meetings.iter().map(Vec::as_slice).collect();
        let mut pairs = candidate_pairs(&[RoleMatch::Equal], &rows, &same_day(rows.len()));
        pairs.sort();
        assert_eq!(pairs, vec![(100, 101), (100, 102), (100, 103), (101, 102), (101, 103), (102, 103)]);
        // Visits (destination: overlap, visitor: equal): one pair however many values it shares,
        // none across visitors or without a shared destination.
        let visits = [
            vec![set(&["pyongyang", "vladivostok"]), set(&["putin"])],
            vec![set(&["vladivostok", "pyongyang"]), set(&["putin"])],
            vec![set(&["moscow"]), set(&["putin"])],
            vec![set(&["pyongyang"]), set(&["kim"])],
            vec![set(&["vladivostok"]), set(&["putin"])],
        ];
        let rows: Vec<&[BTreeSet<String>]> = visits.iter().map(Vec::as_slice).collect();
        let mut pairs = candidate_pairs(&[RoleMatch::Overlap, RoleMatch::Equal], &rows, &same_day(rows.len()));
        pairs.sort();
        assert_eq!(pairs, vec![(0, 1), (0, 4), (1, 4)]);
        // Only overlap roles: blocks on the first.
        let rows: Vec<&[BTreeSet<String>]> = visits.iter().map(|v| &v[..1]).collect();
        let mut pairs = candidate_pairs(&[RoleMatch::Overlap], &rows, &same_day(rows.len()));
        pairs.sort();
        assert_eq!(pairs, vec![(0, 1), (0, 3), (0, 4), (1, 3), (1, 4)]);
        // Days: only overlapping ones pair, and a fact without days never does.
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let meetings: Vec<Vec<BTreeSet<String>>> = (0..5).map(|_| vec![set(&["kim", "putin"])]).collect();
        let rows: Vec<&[BTreeSet<String>]> = meetings.iter().map(Vec::as_slice).collect();
        let when = [
            Some((d("2024-06-13"), d("2024-06-20"))),
            Some((d("2024-06-19"), d("2024-06-19"))),
            Some((d("2023-09-13"), d("2023-09-13"))),
            None,
            Some((d("2024-06-20"), d("2024-06-27"))),
        ];
        let mut pairs = candidate_pairs(&[RoleMatch::Equal], &rows, &when);
        pairs.sort();
        assert_eq!(pairs, vec![(0, 1), (0, 4)]);
    }

    fn same_day(n: usize) -> Vec<Option<(chrono::NaiveDate, chrono::NaiveDate)>> {
        let day = chrono::NaiveDate::from_ymd_opt(2024, 6, 20).unwrap();
        vec![Some((day, day)); n]
    }

    #[test]
    fn clusters_prefer_wikidata_then_our_iris() {
        let minter = Minter::default();
        let n = |s: &str| NamedNode::new_unchecked(s);
        let ours = minter.entity("Vladimir Putin");
        let fusion = Fusion::from_edges(
            [
                (ours.clone(), n("http://dbpedia.org/resource/Vladimir_Putin")),
                (n("http://dbpedia.org/resource/Vladimir_Putin"), n("http://www.wikidata.org/entity/Q7747")),
                (minter.fact("b", "v"), minter.fact("a", "v")),
                (n("http://x.org/2"), n("http://x.org/1")),
            ],
            &minter,
        );
        assert_eq!(fusion.canonical(&ours).as_str(), "http://www.wikidata.org/entity/Q7747");
        assert_eq!(fusion.canonical(&minter.fact("b", "v")), &minter.fact("a", "v"));
        assert_eq!(fusion.canonical(&n("http://x.org/2")).as_str(), "http://x.org/1");
        assert_eq!(fusion.clusters().len(), 3);
        let link = Quad::new(ours.clone(), skos::EXACT_MATCH, n("http://www.wikidata.org/entity/Q7747"), GraphName::DefaultGraph);
        assert_eq!(fusion.rewrite(link), None);
    }
}
