//! Comparing datasets as datasets: isomorphism and RDFC-1.0 canonical N-Quads (via sophia).
//!
//! Our own graphs have no blank nodes, but the files merged into a store do, and a fair
//! comparison of two RDF files must not depend on blank node labels or statement order.

use crate::error::{Error, Result};
use oxigraph::model::{GraphName, Quad, NamedOrBlankNode, Term};
use sophia_api::quad::Spog;
use sophia_api::term::{BnodeId, IriRef, LanguageTag, SimpleTerm};
use sophia_api::MownStr;
use std::collections::HashSet;

type SophiaDataset = HashSet<Spog<SimpleTerm<'static>>>;

fn iri(value: &str) -> SimpleTerm<'static> {
    SimpleTerm::Iri(IriRef::new_unchecked(MownStr::from(value.to_owned())))
}

fn subject(subject: &NamedOrBlankNode) -> SimpleTerm<'static> {
    match subject {
        NamedOrBlankNode::NamedNode(n) => iri(n.as_str()),
        NamedOrBlankNode::BlankNode(b) => SimpleTerm::BlankNode(BnodeId::new_unchecked(MownStr::from(b.as_str().to_owned()))),
        #[allow(unreachable_patterns)]
        other => iri(&other.to_string()),
    }
}

fn term(term: &Term) -> SimpleTerm<'static> {
    match term {
        Term::NamedNode(n) => iri(n.as_str()),
        Term::BlankNode(b) => SimpleTerm::BlankNode(BnodeId::new_unchecked(MownStr::from(b.as_str().to_owned()))),
        Term::Literal(l) => match l.language() {
            Some(language) => SimpleTerm::LiteralLanguage(
                MownStr::from(l.value().to_owned()),
                LanguageTag::new_unchecked(MownStr::from(language.to_owned())),
                None,
            ),
            None => SimpleTerm::LiteralDatatype(MownStr::from(l.value().to_owned()), IriRef::new_unchecked(MownStr::from(l.datatype().as_str().to_owned()))),
        },
        #[allow(unreachable_patterns)]
        other => iri(&other.to_string()),
    }
}

fn to_sophia(quads: impl IntoIterator<Item = Quad>) -> SophiaDataset {
    quads
        .into_iter()
        .map(|q| {
            let graph = match &q.graph_name {
                GraphName::DefaultGraph => None,
                GraphName::NamedNode(n) => Some(iri(n.as_str())),
                GraphName::BlankNode(b) => Some(SimpleTerm::BlankNode(BnodeId::new_unchecked(MownStr::from(b.as_str().to_owned())))),
            };
            ([subject(&q.subject), iri(q.predicate.as_str()), term(&q.object)], graph)
        })
        .collect()
}

/// Whether two datasets are the same up to blank node labels (graph names included).
pub fn isomorphic(a: impl IntoIterator<Item = Quad>, b: impl IntoIterator<Item = Quad>) -> Result<bool> {
    let (a, b) = (to_sophia(a), to_sophia(b));
    sophia_isomorphism::isomorphic_datasets(&a, &b).map_err(|e| Error::Canonicalization(format!("isomorphism check failed: {e}")))
}

/// The RDFC-1.0 canonical N-Quads of a dataset: equal strings exactly when the datasets are
/// isomorphic.
pub fn canonical_nquads(quads: impl IntoIterator<Item = Quad>) -> Result<String> {
    let dataset = to_sophia(quads);
    let mut out = Vec::new();
    sophia_c14n::rdfc10::normalize(&dataset, &mut out).map_err(|e| Error::Canonicalization(format!("canonicalization failed: {e}")))?;
    String::from_utf8(out).map_err(|e| Error::Canonicalization(e.to_string()))
}
