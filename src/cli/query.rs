//! `newskg query`: SPARQL 1.1 over the store.
//!
//! The query comes inline, from `@file.rq`, or from stdin with `-`. SELECT results print as an
//! aligned table on a terminal and as TSV otherwise (or `--format csv|tsv|json|xml|table`);
//! CONSTRUCT and DESCRIBE print Turtle (or `--format ntriples|jsonld|rdfxml`); ASK prints `true`
//! or `false`.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use anyhow::{Context, bail};
use newskg::export::export_prefixes;
use newskg::store::NewsStore;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};

use super::StoreArgs;
use super::terms::{short, write_table};

/// Arguments of `newskg query`.
#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// The query: SPARQL text, `@FILE` to read it from a file, or `-` for stdin.
    #[arg(value_name = "QUERY")]
    query: String,
    /// Output format: table, csv, tsv, json, xml (SELECT/ASK); turtle, ntriples, jsonld, rdfxml
    /// (CONSTRUCT/DESCRIBE). Default: a table on a terminal, TSV otherwise; Turtle for graphs.
    #[arg(long, short)]
    format: Option<String>,
    #[command(flatten)]
    store: StoreArgs,
}

/// Runs the query and prints its results.
pub fn run(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let text = read_query(&args.query)?;
    let format = args.format.as_deref().map(str::to_ascii_lowercase);
    let store = NewsStore::open_existing(&args.store.dir)?;
    let results = store.query(&text)?;
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let prefixes = export_prefixes(store.base());
    match results {
        QueryResults::Boolean(value) => match format.as_deref() {
            None | Some("table") => writeln!(out, "{value}")?,
            Some(name) => {
                QueryResultsSerializer::from_format(results_format(name)?)
                    .serialize_boolean_to_writer(&mut out, value)?;
            }
        },
        QueryResults::Solutions(solutions) => {
            let name = format
                .as_deref()
                .unwrap_or(if terminal { "table" } else { "tsv" });
            if name == "table" {
                let header: Vec<String> = solutions
                    .variables()
                    .iter()
                    .map(|v| v.as_str().to_owned())
                    .collect();
                let variables = solutions.variables().to_vec();
                let mut rows = Vec::new();
                for solution in solutions {
                    let solution = solution?;
                    rows.push(
                        variables
                            .iter()
                            .map(|v| {
                                solution
                                    .get(v)
                                    .map(|t| short(t, &prefixes))
                                    .unwrap_or_default()
                            })
                            .collect(),
                    );
                }
                write_table(&mut out, &header, &rows)?;
                if terminal {
                    writeln!(
                        out,
                        "({} row{})",
                        rows.len(),
                        if rows.len() == 1 { "" } else { "s" }
                    )?;
                }
            } else {
                let mut writer = QueryResultsSerializer::from_format(results_format(name)?)
                    .serialize_solutions_to_writer(&mut out, solutions.variables().to_vec())?;
                for solution in solutions {
                    writer.serialize(&solution?)?;
                }
                writer.finish()?;
            }
        }
        QueryResults::Graph(triples) => {
            let rdf_format = match format.as_deref() {
                None | Some("turtle" | "ttl") => RdfFormat::Turtle,
                Some("ntriples" | "nt") => RdfFormat::NTriples,
                Some("jsonld" | "json-ld") => RdfFormat::JsonLd {
                    profile: JsonLdProfileSet::empty(),
                },
                Some("rdfxml" | "xml") => RdfFormat::RdfXml,
                Some(other) => bail!(
                    "--format {other} cannot hold a graph: use turtle, ntriples, jsonld or rdfxml"
                ),
            };
            let mut serializer = RdfSerializer::from_format(rdf_format);
            if matches!(rdf_format, RdfFormat::Turtle | RdfFormat::RdfXml) {
                for (prefix, iri) in &prefixes {
                    serializer = serializer.with_prefix(prefix.as_str(), iri.as_str())?;
                }
            }
            let mut writer = serializer.for_writer(&mut out);
            for triple in triples {
                writer.serialize_triple(&triple?)?;
            }
            writer.finish()?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn results_format(name: &str) -> anyhow::Result<QueryResultsFormat> {
    Ok(match name {
        "csv" => QueryResultsFormat::Csv,
        "tsv" => QueryResultsFormat::Tsv,
        "json" => QueryResultsFormat::Json,
        "xml" => QueryResultsFormat::Xml,
        other => bail!("--format {other} is not a result format: use table, csv, tsv, json or xml"),
    })
}

/// The query text: inline, `@file`, or `-` for stdin.
fn read_query(arg: &str) -> anyhow::Result<String> {
    if arg == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading the query from stdin")?;
        Ok(text)
    } else if let Some(path) = arg.strip_prefix('@') {
        std::fs::read_to_string(path).with_context(|| format!("reading the query file {path}"))
    } else {
        Ok(arg.to_owned())
    }
}
