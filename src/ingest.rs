//! Facts documents → mapped articles ready for one transactional write.

use crate::error::{Error, Result};
use crate::facts::ArticleFacts;
use crate::input::Located;
use crate::map::{MappedArticle, Mapper};
use std::collections::HashMap;

/// Maps every document, or fails on the first unusable one naming its file and line. The same
/// article id twice in one batch is an error: one would silently replace the other.
pub fn map_documents(mapper: &Mapper, documents: &[Located<ArticleFacts>]) -> Result<Vec<MappedArticle>> {
    let mut seen: HashMap<&str, &Located<ArticleFacts>> = HashMap::new();
    let mut mapped = Vec::with_capacity(documents.len());
    for document in documents {
        let id = document.value.article.id.as_str();
        if let Some(first) = seen.insert(id, document) {
            return Err(Error::Fact {
                location: document.location.clone(),
                article: id.to_owned(),
                error: crate::error::FactError {
                    path: "article.id".into(),
                    problem: crate::error::FactProblem::DuplicateId(format!("{id} (first at {})", first.location)),
                },
            });
        }
        let article = mapper.map(&document.value).map_err(|error| Error::Fact {
            location: document.location.clone(),
            article: id.to_owned(),
            error,
        })?;
        mapped.push(article);
    }
    Ok(mapped)
}

/// Everything read from a set of inputs, before mapping.
#[derive(Debug, Default)]
pub struct Batch {
    /// Facts documents, read or extracted, in input order.
    pub documents: Vec<Located<ArticleFacts>>,
    /// Article files that could not be read (empty, binary, not UTF-8…), with the reason. The
    /// rest of the batch goes on without them.
    pub failures: Vec<Error>,
    /// Files in directories that newsgraph does not read.
    pub skipped: Vec<std::path::PathBuf>,
}

impl Batch {
    /// Reads `inputs` (files, directories, `-` for stdin): facts documents as they are, articles
    /// through `extractor`. A malformed facts document is an error for the whole batch; an
    /// unreadable article is recorded in `failures` and skipped.
    pub fn read(inputs: &[std::path::PathBuf], extractor: &crate::extract::Extractor) -> Result<Batch> {
        use crate::input::{discover, jsonl_holds_facts, read_facts, Discovery, InputKind};
        let mut batch = Batch::default();
        let mut discovery = Discovery::default();
        for input in inputs {
            if input.as_os_str() == "-" {
                let mut text = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut text).map_err(|e| Error::ArticleInput {
                    location: crate::Location::new("<stdin>"),
                    message: format!("cannot read as UTF-8 text: {e}"),
                })?;
                let trimmed = text.trim_start();
                if trimmed.starts_with('[') || (trimmed.starts_with('{') && jsonl_holds_facts(trimmed)) {
                    batch.documents.extend(read_facts(text.as_bytes(), "<stdin>")?);
                } else if trimmed.starts_with('{') {
                    batch.extract_all(crate::article::read_jsonl_articles(&text, "<stdin>")?, "<stdin>", extractor);
                } else {
                    let article = crate::article::read_text_article(&text, "stdin", "<stdin>")?;
                    batch.extract_all(vec![article], "<stdin>", extractor);
                }
            } else {
                discover(input, &mut discovery)?;
            }
        }
        batch.skipped = discovery.skipped;
        for (path, kind) in discovery.files {
            let source = path.display().to_string();
            match kind {
                InputKind::Facts => batch.documents.extend(crate::input::read_facts_file(&path)?),
                InputKind::JsonLines => {
                    let text = match crate::article::read_utf8_file(&path) {
                        Ok(text) => text,
                        Err(e) => {
                            batch.failures.push(e);
                            continue;
                        }
                    };
                    if jsonl_holds_facts(&text) {
                        batch.documents.extend(read_facts(text.as_bytes(), &source)?);
                    } else {
                        match crate::article::read_jsonl_articles(&text, &source) {
                            Ok(articles) => batch.extract_all(articles, &source, extractor),
                            Err(e) => batch.failures.push(e),
                        }
                    }
                }
                InputKind::Text => match crate::article::read_article_file(&path) {
                    Ok(article) => batch.extract_all(vec![article], &source, extractor),
                    Err(e) => batch.failures.push(e),
                },
            }
        }
        Ok(batch)
    }

    fn extract_all(&mut self, articles: Vec<crate::article::Article>, source: &str, extractor: &crate::extract::Extractor) {
        for article in articles {
            let facts = extractor.extract(&article).facts;
            self.documents.push(Located { location: crate::Location::new(source), value: facts });
        }
    }
}
