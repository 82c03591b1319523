//! Entity linking: facts entities → knowledge-base IRIs (Wikidata), a stage between extraction
//! and mapping (`extract → link → map`).
//!
//! - [`kb`] reads knowledge-base RDF as a stream and persists an index of it;
//! - [`index`] merges sources into a [`KbIndex`] searchable by normalised name;
//! - [`normalize`] defines the name keys;
//! - [`context`] reads what an article says that helps choose between candidates;
//! - [`Linker`] links the entities of a group (one article) and writes [`Link`]s.
//!
//! ## How an entity is linked
//! 1. **Candidates** are the KB entities whose label or alias has the same normalised key as the
//!    entity's canonical name (strongest), one of its aliases, or the name without a leading
//!    title ("Secretary Kerry") or place name ("U.S. Department of Education"). A person named
//!    by one word only ("Kerry") first borrows the full name and aliases of a person of the same
//!    group whose name ends with that word; a person with a full name is never looked for by one
//!    of its words alone. An acronym the article spells out ("artificial pancreas (AP)") is looked
//!    for by its expansion only. When nothing fits, plural organisation names and demonyms are
//!    tried in their base form.
//! 2. **Type compatibility**: the entity's ontology class and the candidate's KB classes must
//!    share a category (person, organisation, place) for the candidate to be chosen — a person
//!    never links to a city. Candidates of other categories with the same name are *rivals*: never
//!    chosen, they still compete (handicapped), so a place name that the article uses for a team
//!    stays unlinked. An organisation-only entity ranks organisations that are also places
//!    (countries) lower.
//! 3. **Scores**: how the name matched, plus prominence (number of names and KB degree), context
//!    from the group (the candidate is a KB neighbour of a candidate of another entity of the
//!    group, or its description names one) and from the article's words ([`context`]: common
//!    words of the candidate's label or description found in the text, given names written before
//!    a surname). A softmax over all candidates' scores gives the share of the best fitting one;
//!    the confidence is that share times the quality of its name match.
//! 4. **Threshold**: below [`DEFAULT_THRESHOLD`] (or the configured one) the entity stays unlinked
//!    (NIL) and keeps its local IRI — a wrong `owl:sameAs` is worse than none.
//! 5. **Usage** (`usage.rs`): when the article uses a place's name for something else (a team,
//!    and the places it plays in one sentence with), for its people (a plural demonym, a
//!    region's demonym), the link is dropped or the people's mentions are detached — for the
//!    extractor's gazetteer links as well as the linker's own.

mod candidates;
pub mod context;
pub mod index;
pub mod kb;
pub mod normalize;
pub mod relink;
mod usage;

use std::collections::{HashMap, HashSet};
use std::path::Path;

pub use index::{Category, KbIndex, NameHit, NameKind};
pub use kb::{IndexState, KbEntity, KbError, KbFormat, KbSource};

use crate::facts::{FactsDocument, Link};
use crate::ontology::Ontology;
use candidates::Candidate;
use context::{ArticleContext, is_function_word};
use normalize::normalize;
use usage::{ArticleText, Judgement};

/// Names longer than this (in bytes) are never looked up: no knowledge-base label is that long.
const MAX_NAME_BYTES: usize = 512;

/// The default knowledge base shipped with newskg (`kb/default.nt`), compiled in.
pub const DEFAULT_KB: &str = include_str!("../../kb/default.nt");

/// Alignments of newskg classes to the coarse KB classes of common Wikidata extracts
/// (`kb/alignments.nt`), always loaded.
pub const ALIGNMENTS_KB: &str = include_str!("../../kb/alignments.nt");

/// Confidence below which no link is made.
pub const DEFAULT_THRESHOLD: f64 = 0.6;

/// The namespace of Wikidata entities.
pub const WIKIDATA_ENTITY: &str = "http://www.wikidata.org/entity/";

/// Name-match quality: canonical name = KB label.
const MATCH_LABEL: f64 = 1.0;
/// Weight of a KB alias relative to a label.
const MATCH_ALIAS: f64 = 0.85;
/// Weight of a qualified (place-stripped) or title-stripped name.
const MATCH_QUALIFIED: f64 = 0.85;
/// Weight of a name borrowed from the entity's own aliases.
const QUERY_ALIAS: f64 = 0.85;
/// Penalty for a candidate whose KB classes are unknown.
const UNTYPED: f64 = 0.6;
/// Weight of prominence (log of names + degree) in the score.
const PROMINENCE: f64 = 0.08;
/// Bonus per other entity of the group the candidate is related to (at most three).
const CONTEXT: f64 = 0.05;
/// Bonus per distinctive word of the candidate's label or description found in the article
/// (at most two).
const CONTEXT_WORD: f64 = 0.2;
/// Penalty for a candidate that fits the entity's type only loosely: an organisation that is
/// also a place (a country) for an entity the article treats as an organisation only.
const LOOSE_TYPE: f64 = 0.15;
/// How much less a candidate of another type (a team for a country, a people for a state)
/// weighs when it competes: it is never chosen, but it makes the choice less certain.
const RIVAL: f64 = 0.2;
/// Weight of a one-word person name that is a KB alias of a person, not the surname of its
/// label, and the given name of KB people ("Kate" for Katy Perry, while there are Kate Moss and
/// Kate Winslet), when the article does not give the person's full name.
const NICKNAME: f64 = 0.6;
/// Weight of a fallback form: a plural organisation name ("Conservatives"), a demonym
/// ("Pakistani").
const FALLBACK: f64 = 0.85;
/// Sharpness of the softmax over candidate scores.
const SHARPNESS: f64 = 10.0;
/// The lexicon namespace (its word lists hold the honorifics).
const NKL: &str = "https://w3id.org/newskg/lexicon#";

/// Loads the built-in sources: the alignments, and the default KB unless `with_default` is false.
pub fn builtin_sources(with_default: bool) -> Result<Vec<KbSource>, KbError> {
    let mut sources = vec![KbSource::from_reader(
        ALIGNMENTS_KB.as_bytes(),
        KbFormat::NTriples,
        Path::new("kb/alignments.nt"),
        false,
    )?];
    if with_default {
        sources.push(KbSource::from_reader(
            DEFAULT_KB.as_bytes(),
            KbFormat::NTriples,
            Path::new("kb/default.nt"),
            false,
        )?);
    }
    Ok(sources)
}

/// The linker `newskg build` uses when given no `--kb` option: the default KB, default threshold.
pub fn default_linker(ontology: &Ontology) -> Result<Linker, KbError> {
    Ok(Linker::new(
        KbIndex::new(&builtin_sources(true)?, ontology),
        ontology,
    ))
}

/// An entity to link: its ontology class, canonical name and other names.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRequest {
    /// Local name of its ontology class (`Person`, `City`...).
    pub kind: String,
    /// Canonical name.
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Offset of its first mention, when known (orders "already seen" for surnames).
    pub first_mention: Option<usize>,
}

/// Counts of one linking run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkStats {
    /// Entities of a linkable kind (person, organisation, place).
    pub candidates: usize,
    /// Entities that got a link.
    pub linked: usize,
}

/// Links entities to a knowledge base; built once, used for every article.
#[derive(Debug, Clone)]
pub struct Linker {
    kb: KbIndex,
    masks: HashMap<String, u8>,
    titles: HashSet<String>,
    /// The gazetteer's demonyms ("syrian"), normalised.
    demonyms: HashSet<String>,
    threshold: f64,
}

impl Linker {
    /// A linker over `kb`; entity kinds and title words come from `ontology`.
    pub fn new(kb: KbIndex, ontology: &Ontology) -> Self {
        let masks = ontology
            .classes()
            .map(|c| (c.name.clone(), index::class_mask(ontology, &c.name)))
            .filter(|(_, m)| *m != 0)
            .collect();
        let honorifics = format!("{NKL}honorifics");
        let word = format!("{NKL}word");
        let honorifics = ontology.triples().iter().filter_map(|t| {
            let oxigraph::model::NamedOrBlankNode::NamedNode(s) = &t.subject else {
                return None;
            };
            let oxigraph::model::Term::Literal(l) = &t.object else {
                return None;
            };
            (s.as_str() == honorifics && t.predicate.as_str() == word).then(|| l.value())
        });
        let titles = ontology
            .annotated("titleTrigger")
            .into_iter()
            .map(|(_, title)| title)
            .chain(honorifics)
            .map(normalize)
            .filter(|t| !t.is_empty())
            .collect();
        let demonyms = ontology
            .gazetteer()
            .into_iter()
            .flat_map(|entry| entry.demonyms)
            .map(|d| normalize(&d))
            .filter(|d| !d.is_empty())
            .collect();
        Self {
            kb,
            masks,
            titles,
            demonyms,
            threshold: DEFAULT_THRESHOLD,
        }
    }

    /// Sets the confidence threshold (0 to 1) below which no link is made.
    pub fn with_threshold(mut self, threshold: f64) -> Self {
        self.threshold = threshold;
        self
    }

    /// The knowledge base.
    pub fn kb(&self) -> &KbIndex {
        &self.kb
    }

    /// Links the entities of one article in place: each linkable entity without a link into
    /// Wikidata gets at most one, pushed to `entity.links`.
    pub fn link_document(&self, doc: &mut FactsDocument) -> LinkStats {
        let requests: Vec<LinkRequest> = doc
            .entities
            .iter()
            .map(|e| LinkRequest {
                kind: e.kind.clone(),
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                first_mention: e.mentions.iter().map(|m| m.start).min(),
            })
            .collect();
        let text = match (&doc.article.title, &doc.article.text) {
            (Some(title), Some(text)) => Some(format!("{title}\n\n{text}")),
            (title, text) => title.clone().or_else(|| text.clone()),
        };
        let context = ArticleContext::new(text.as_deref());
        let judgements = self.judge(&requests, &context);
        let article = doc.article.text.as_deref().map(ArticleText::new);
        // Sentences where the article uses a place's name for something else (a team).
        let other_sense: HashSet<usize> = match &article {
            Some(article) => doc
                .entities
                .iter()
                .zip(&judgements)
                .filter(|(_, j)| j.other_sense)
                .flat_map(|(e, _)| e.mentions.iter().map(|m| article.sentence(m.start)))
                .collect(),
            None => HashSet::new(),
        };
        let mut stats = LinkStats::default();
        for (entity, judgement) in doc.entities.iter_mut().zip(judgements) {
            if !self.is_linkable(&entity.kind) {
                continue;
            }
            stats.candidates += 1;
            let is_place = self.is_place(entity);
            if self.spelled_out_otherwise(entity, &context) {
                entity.links.retain(|l| !l.iri.starts_with(WIKIDATA_ENTITY));
            }
            // The article's usage contradicts any link: no link is better than a wrong one.
            let contradicted = judgement.other_sense
                || article.as_ref().is_some_and(|article| {
                    self.names_a_people(entity, article)
                        || (is_place
                            && entity
                                .mentions
                                .iter()
                                .any(|m| other_sense.contains(&article.sentence(m.start))))
                });
            if contradicted {
                entity.links.retain(|l| !l.iri.starts_with(WIKIDATA_ENTITY));
                continue;
            }
            let linked = entity
                .links
                .iter()
                .any(|l| l.iri.starts_with(WIKIDATA_ENTITY));
            if !linked {
                let Some(link) = judgement.link else {
                    continue;
                };
                self.adopt_kb_label(entity, &link.iri);
                entity.links.push(link);
            }
            if let Some(article) = &article {
                self.detach_peoples(entity, article);
            }
            stats.linked += 1;
        }
        stats
    }

    /// Whether the entity is an acronym the article spells out as something its Wikidata link
    /// (made upstream, by the extractor's gazetteer) is not called: "artificial pancreas (AP)"
    /// is not the Associated Press. Only links to entities the KB knows the names of are judged.
    fn spelled_out_otherwise(
        &self,
        entity: &crate::facts::Entity,
        context: &ArticleContext<'_>,
    ) -> bool {
        let Some(expansion) = std::iter::once(&entity.name)
            .chain(&entity.aliases)
            .find_map(|n| context.acronym_expansion(n.trim()))
        else {
            return false;
        };
        let expansion = normalize(&expansion);
        entity
            .links
            .iter()
            .filter(|l| l.iri.starts_with(WIKIDATA_ENTITY))
            .filter_map(|l| self.kb.find_iri(&l.iri))
            .any(|i| {
                let e = self.kb.entity(i);
                !e.names().any(|n| {
                    let key = normalize(n);
                    key == expansion || self.kb.strip_place_prefix(&key) == Some(&expansion)
                })
            })
    }

    /// Makes the KB label the entity's canonical name (the old name becomes an alias), so that
    /// every article names a linked entity the same way ("Secretary Kerry" → "John Kerry").
    fn adopt_kb_label(&self, entity: &mut crate::facts::Entity, iri: &str) {
        let Some(label) = self
            .kb
            .find_iri(iri)
            .and_then(|i| self.kb.entity(i).label.as_deref())
        else {
            return;
        };
        if normalize(label) == normalize(&entity.name) {
            return;
        }
        let old = std::mem::replace(&mut entity.name, label.to_owned());
        entity.aliases.retain(|a| normalize(a) != normalize(label));
        if !entity.aliases.iter().any(|a| a == &old) {
            entity.aliases.insert(0, old);
        }
    }

    /// Whether entities of this ontology class are linked at all.
    pub fn is_linkable(&self, kind: &str) -> bool {
        self.masks.contains_key(kind)
    }

    /// Links a group of entities that occur together (one article): one answer per request.
    pub fn link_group(&self, group: &[LinkRequest]) -> Vec<Option<Link>> {
        self.link_group_in(group, None)
    }

    /// Links a group of entities that occur together in `text` (the article, when known: its
    /// words are context): one answer per request.
    pub fn link_group_in(&self, group: &[LinkRequest], text: Option<&str>) -> Vec<Option<Link>> {
        self.link_in_context(group, &ArticleContext::new(text))
    }

    fn link_in_context(
        &self,
        group: &[LinkRequest],
        context: &ArticleContext<'_>,
    ) -> Vec<Option<Link>> {
        self.judge(group, context)
            .into_iter()
            .map(|j| j.link)
            .collect()
    }

    /// Judges each request of a group: its link, if any, and whether the article uses its name
    /// for something of another type.
    fn judge(&self, group: &[LinkRequest], context: &ArticleContext<'_>) -> Vec<Judgement> {
        let candidates: Vec<Vec<Candidate>> = group
            .iter()
            .map(|r| self.candidates(r, group, context))
            .collect();
        let mut out = Vec::with_capacity(group.len());
        for (i, cands) in candidates.iter().enumerate() {
            if cands.is_empty() {
                out.push(Judgement::default());
                continue;
            }
            let words = self.context_words(&group[i], cands, context);
            // A loose fit is only worse than a tight one: alone, it competes with rivals as is.
            let tight = cands.iter().any(|c| c.fits && !c.loose);
            let scores: Vec<f64> = cands
                .iter()
                .zip(&words)
                .map(|(c, w)| {
                    let mut score = c.quality
                        + PROMINENCE * self.prominence(c.entity)
                        + CONTEXT_WORD * f64::from((*w).min(2));
                    if c.fits {
                        score += self.context(c.entity, i, group, &candidates);
                    } else {
                        score -= RIVAL;
                    }
                    if c.loose && tight {
                        score -= LOOSE_TYPE;
                    }
                    score
                })
                .collect();
            let top = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let Some((best, &best_score)) = scores
                .iter()
                .enumerate()
                .filter(|(k, _)| cands[*k].fits)
                .max_by(|a, b| a.1.total_cmp(b.1))
            else {
                // Only rivals: the name the article uses (perhaps linked upstream, by the
                // extractor's gazetteer) is judged as if it were a KB label with no context.
                out.push(Judgement {
                    link: None,
                    other_sense: self.used_otherwise(
                        &group[i],
                        cands,
                        &scores,
                        &words,
                        MATCH_LABEL,
                    ),
                });
                continue;
            };
            let other_sense = self.used_otherwise(&group[i], cands, &scores, &words, best_score);
            let total: f64 = scores.iter().map(|s| (SHARPNESS * (s - top)).exp()).sum();
            let share = (SHARPNESS * (best_score - top)).exp() / total;
            let chosen = cands[best];
            let confidence = (share * chosen.quality).clamp(0.0, 1.0);
            if confidence < self.threshold {
                out.push(Judgement {
                    link: None,
                    other_sense,
                });
                continue;
            }
            let link = Some(Link {
                iri: self.kb.entity(chosen.entity).iri.clone(),
                confidence: (confidence * 1000.0).round() / 1000.0,
                method: Some(if cands.len() > 1 {
                    format!("{}+disambiguated", chosen.method)
                } else {
                    chosen.method.to_owned()
                }),
            });
            out.push(Judgement { link, other_sense });
        }
        out
    }

    /// For each candidate of `request`: how many distinctive words of its KB label and
    /// description the article has. Only common words count ("rugby", "team" in "England national
    /// rugby union team"; not "Los Angeles" in "Los Angeles Angels": names are the business of
    /// the other entities), and only those that are not in the entity's own name, not function
    /// words, and not in the names of every candidate.
    fn context_words(
        &self,
        request: &LinkRequest,
        cands: &[Candidate],
        context: &ArticleContext<'_>,
    ) -> Vec<u32> {
        if context.is_empty() {
            return vec![0; cands.len()];
        }
        let own = normalize(&request.name);
        let own: HashSet<&str> = own.split(' ').collect();
        let bags: Vec<HashSet<String>> = cands
            .iter()
            .map(|c| {
                let e = self.kb.entity(c.entity);
                e.label
                    .iter()
                    .chain(&e.description)
                    .flat_map(|t| t.split_whitespace())
                    .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
                    .map(normalize)
                    .filter(|w| {
                        w.len() > 2
                            && !w.contains(' ')
                            && !own.contains(w.as_str())
                            && !is_function_word(w)
                    })
                    .collect()
            })
            .collect();
        bags.iter()
            .map(|bag| {
                let hits = bag.iter().filter(|w| {
                    context.has_word(w) && (bags.len() == 1 || !bags.iter().all(|b| b.contains(*w)))
                });
                u32::try_from(hits.count()).unwrap_or(u32::MAX)
            })
            .collect()
    }

    fn prominence(&self, entity: u32) -> f64 {
        let e = self.kb.entity(entity);
        let names = e.label.iter().count() + e.aliases.len();
        (1.0 + names as f64 + f64::from(e.degree)).ln()
    }

    /// Bonus for a candidate related to other entities of the group: it is a KB neighbour of one
    /// of their candidates (or they of it), or its description names one of them.
    fn context(
        &self,
        entity: u32,
        me: usize,
        group: &[LinkRequest],
        candidates: &[Vec<Candidate>],
    ) -> f64 {
        let e = self.kb.entity(entity);
        let description = e.description.as_deref().map(normalize).unwrap_or_default();
        let mut related = 0;
        for (j, others) in candidates.iter().enumerate() {
            if j == me {
                continue;
            }
            let by_kb = others.iter().filter(|o| o.fits).any(|o| {
                let other = self.kb.entity(o.entity);
                o.entity != entity
                    && (e.neighbours.contains(&other.iri) || other.neighbours.contains(&e.iri))
            });
            let name = normalize(&group[j].name);
            let by_description = !description.is_empty()
                && !name.is_empty()
                && format!(" {description} ").contains(&format!(" {name} "));
            if by_kb || by_description {
                related += 1;
            }
        }
        CONTEXT * f64::from(related.min(3))
    }
}

/// How one knowledge-base file was loaded.
#[derive(Debug)]
pub struct KbLoad {
    /// The file.
    pub path: std::path::PathBuf,
    /// Whether its persisted index was reused or (re)built; `None` when no index folder is used.
    pub state: Option<IndexState>,
    /// Entities it contributed.
    pub entities: usize,
    /// Syntax errors skipped (lenient mode), as `FILE:LINE:COLUMN: message`.
    pub skipped: Vec<String>,
}

/// Loads the knowledge bases to link against: the built-in alignments, the default KB unless
/// `with_default` is false, and `files` — each through its persisted index in `index_dir` when
/// one is given (built on first use, reused while the file is unchanged).
pub fn load_kbs(
    files: &[std::path::PathBuf],
    index_dir: Option<&Path>,
    lenient: bool,
    with_default: bool,
    ontology: &Ontology,
) -> Result<(KbIndex, Vec<KbLoad>), KbError> {
    let mut sources = builtin_sources(with_default)?;
    let mut loads = Vec::new();
    for file in files {
        let (mut source, state) = match index_dir {
            Some(dir) => {
                let (source, state) = kb::load_or_build(file, dir, lenient)?;
                (source, Some(state))
            }
            None => (KbSource::from_file(file, lenient)?, None),
        };
        loads.push(KbLoad {
            path: file.clone(),
            state,
            entities: source.entities.len(),
            skipped: std::mem::take(&mut source.skipped),
        });
        sources.push(source);
    }
    Ok((KbIndex::new(&sources, ontology), loads))
}
