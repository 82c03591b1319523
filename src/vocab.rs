//! IRIs of the vocabulary terms the mapper and the store write, as constants.
//!
//! The `nk:` terms here are the provenance and structure terms defined in `ontology/news.ttl`
//! (a unit test checks each one is declared there); relation and class terms are never listed in
//! Rust: they come from the facts and are looked up in the [`Ontology`](crate::Ontology).

use oxigraph::model::NamedNodeRef;

/// Namespace of the news ontology, `nk:`.
pub use crate::ontology::NK;

/// IRI of the ontology document, also the name of the store graph that holds the ontology.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/newskg/ontology";

/// The prefixes predeclared in queries and written in Turtle / TriG exports.
pub const PREFIXES: [(&str, &str); 11] = [
    ("nk", NK),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("schema", "http://schema.org/"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("wd", "http://www.wikidata.org/entity/"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("sem", "http://semanticweb.cs.vu.nl/2009/11/sem/"),
];

macro_rules! terms {
    ($ns:literal; $($(#[$doc:meta])* $name:ident = $local:literal;)*) => {
        $( $(#[$doc])* pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($ns, $local)); )*
    };
}

/// Terms of the news ontology written by the mapper.
pub mod nk {
    use super::NamedNodeRef;
    terms! { "https://w3id.org/newskg/ontology#";
        /// `nk:Article`
        ARTICLE = "Article";
        /// `nk:Sentence`
        SENTENCE = "Sentence";
        /// `nk:Fact`
        FACT = "Fact";
        /// `nk:Extractor`
        EXTRACTOR = "Extractor";
        /// `nk:Extraction`
        EXTRACTION = "Extraction";
        /// `nk:Link`
        LINK = "Link";
        /// `nk:Organization`
        ORGANIZATION = "Organization";
        /// `nk:title`
        TITLE = "title";
        /// `nk:url`
        URL = "url";
        /// `nk:datePublished`
        DATE_PUBLISHED = "datePublished";
        /// `nk:publishedWeek`
        PUBLISHED_WEEK = "publishedWeek";
        /// `nk:dateline`
        DATELINE = "dateline";
        /// `nk:publisher`
        PUBLISHER = "publisher";
        /// `nk:mentions`
        MENTIONS = "mentions";
        /// `nk:evidence`
        EVIDENCE = "evidence";
        /// `nk:partOf`
        PART_OF = "partOf";
        /// `nk:text`
        TEXT = "text";
        /// `nk:startOffset`
        START_OFFSET = "startOffset";
        /// `nk:endOffset`
        END_OFFSET = "endOffset";
        /// `nk:triggerStart`
        TRIGGER_START = "triggerStart";
        /// `nk:triggerEnd`
        TRIGGER_END = "triggerEnd";
        /// `nk:triggerText`
        TRIGGER_TEXT = "triggerText";
        /// `nk:modality`
        MODALITY = "modality";
        /// `nk:confidence`
        CONFIDENCE = "confidence";
        /// `nk:linkMethod`
        LINK_METHOD = "linkMethod";
        /// `nk:timeText`
        TIME_TEXT = "timeText";
        /// `nk:timeStart`
        TIME_START = "timeStart";
        /// `nk:timeEnd`
        TIME_END = "timeEnd";
        /// `nk:WeeklyMentions`
        WEEKLY_MENTIONS = "WeeklyMentions";
        /// `nk:week`
        WEEK = "week";
        /// `nk:mentionedEntity`
        MENTIONED_ENTITY = "mentionedEntity";
        /// `nk:articleCount`
        ARTICLE_COUNT = "articleCount";
        /// `nk:topOfWeek`
        TOP_OF_WEEK = "topOfWeek";
        /// `nk:rank`
        RANK = "rank";
        /// `nk:pendingWeek`
        PENDING_WEEK = "pendingWeek";
        /// `nk:travelsTo`
        TRAVELS_TO = "travelsTo";
        /// `nk:TravelSummary`
        TRAVEL_SUMMARY = "TravelSummary";
        /// `nk:traveller`
        TRAVELLER = "traveller";
        /// `nk:destination`
        DESTINATION = "destination";
        /// `nk:statementCount`
        STATEMENT_COUNT = "statementCount";
        /// `nk:latestDate`
        LATEST_DATE = "latestDate";
        /// `nk:reportedModality`
        REPORTED_MODALITY = "reportedModality";
        /// `nk:topTravellerTo`
        TOP_TRAVELLER_TO = "topTravellerTo";
        /// `nk:pendingDestination`
        PENDING_DESTINATION = "pendingDestination";
    }
}

/// PROV-O terms.
pub mod prov {
    use super::NamedNodeRef;
    terms! { "http://www.w3.org/ns/prov#";
        /// `prov:wasAttributedTo`
        WAS_ATTRIBUTED_TO = "wasAttributedTo";
        /// `prov:wasGeneratedBy`
        WAS_GENERATED_BY = "wasGeneratedBy";
        /// `prov:wasDerivedFrom`
        WAS_DERIVED_FROM = "wasDerivedFrom";
        /// `prov:wasAssociatedWith`
        WAS_ASSOCIATED_WITH = "wasAssociatedWith";
        /// `prov:used`
        USED = "used";
        /// `prov:generatedAtTime`
        GENERATED_AT_TIME = "generatedAtTime";
    }
}

/// Other vocabularies: SKOS, OWL, schema.org.
pub mod other {
    use super::NamedNodeRef;
    terms! { "http://www.w3.org/2004/02/skos/core#";
        /// `skos:altLabel`
        SKOS_ALT_LABEL = "altLabel";
    }
    terms! { "http://www.w3.org/2002/07/owl#";
        /// `owl:sameAs`
        OWL_SAME_AS = "sameAs";
    }
    terms! { "http://schema.org/";
        /// `schema:name`
        SCHEMA_NAME = "name";
        /// `schema:softwareVersion`
        SCHEMA_SOFTWARE_VERSION = "softwareVersion";
    }
}

/// The `PREFIX` lines of [`PREFIXES`], for SPARQL.
pub fn sparql_prefixes() -> String {
    PREFIXES
        .iter()
        .map(|(p, ns)| format!("PREFIX {p}: <{ns}>\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ontology;

    #[test]
    fn nk_terms_are_declared_in_the_ontology() -> Result<(), Box<dyn std::error::Error>> {
        let ontology = Ontology::builtin()?;
        let terms = [
            nk::ARTICLE,
            nk::SENTENCE,
            nk::FACT,
            nk::EXTRACTOR,
            nk::EXTRACTION,
            nk::LINK,
            nk::ORGANIZATION,
            nk::TITLE,
            nk::URL,
            nk::DATE_PUBLISHED,
            nk::PUBLISHED_WEEK,
            nk::DATELINE,
            nk::PUBLISHER,
            nk::MENTIONS,
            nk::EVIDENCE,
            nk::PART_OF,
            nk::TEXT,
            nk::START_OFFSET,
            nk::END_OFFSET,
            nk::TRIGGER_START,
            nk::TRIGGER_END,
            nk::TRIGGER_TEXT,
            nk::MODALITY,
            nk::CONFIDENCE,
            nk::LINK_METHOD,
            nk::TIME_TEXT,
            nk::TIME_START,
            nk::TIME_END,
            nk::WEEKLY_MENTIONS,
            nk::WEEK,
            nk::MENTIONED_ENTITY,
            nk::ARTICLE_COUNT,
            nk::TOP_OF_WEEK,
            nk::RANK,
            nk::PENDING_WEEK,
            nk::TRAVELS_TO,
            nk::TRAVEL_SUMMARY,
            nk::TRAVELLER,
            nk::DESTINATION,
            nk::STATEMENT_COUNT,
            nk::LATEST_DATE,
            nk::REPORTED_MODALITY,
            nk::TOP_TRAVELLER_TO,
            nk::PENDING_DESTINATION,
        ];
        for term in terms {
            let local = term.as_str().strip_prefix(NK).ok_or("not in nk:")?;
            assert!(
                ontology.class(local).is_some() || ontology.property(local).is_some(),
                "{local} is not declared in ontology/news.ttl"
            );
        }
        for modality in crate::facts::Modality::ALL {
            let name = modality.as_str();
            let individual = format!("{}{}", name[..1].to_uppercase(), &name[1..]);
            assert!(
                ontology
                    .triples()
                    .iter()
                    .any(|t| t.subject.to_string() == format!("<{NK}{individual}>")),
                "nk:{individual} missing"
            );
        }
        Ok(())
    }
}
