//! `newskg build`: facts files, text articles and folders → the store.
//!
//! Inputs are read lazily and processed in chunks: each chunk is parsed, extracted (text),
//! validated and mapped in parallel (rayon), then handed to the store's article loader (new
//! articles of all chunks go into one bulk load committed at the end, known ones are replaced in
//! transactions). One bad input is reported and the others go on; the exit
//! code is non-zero when any input failed.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use newskg::extract::{Extractor, read_article_file};
use newskg::facts::{Article, FactsDocument, is_iso_date};
use newskg::link::Linker;
use newskg::map::{MapOptions, MappedArticle, map_document};
use newskg::ontology::Ontology;
use newskg::read::{self, InputKind, Location, Record};
use newskg::store::NewsStore;
use newskg::{Base, MapError};
use rayon::prelude::*;

use super::StoreArgs;

/// Number of inputs mapped in parallel and handed to the writer together.
const CHUNK: usize = 128;

/// Arguments of `newskg build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Facts files (.json, .jsonl, optionally .gz), text articles (.txt, .md, .html) or folders.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    store: StoreArgs,
    /// Base IRI of instance data (recorded in the store when it is created).
    #[arg(long, value_name = "IRI")]
    base: Option<String>,
    /// Also write prov:generatedAtTime (the current time) on every fact node.
    #[arg(long)]
    timestamps: bool,
    /// Publication date (YYYY-MM-DD) for text articles that do not give one.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Publisher for text articles that do not give one.
    #[arg(long, value_name = "NAME")]
    publisher: Option<String>,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// Send the articles to a running `newskg serve --allow-update` at this URL (Graph Store
    /// PUT per article) instead of opening the store, which the server holds.
    #[arg(long, value_name = "URL")]
    server: Option<String>,
    /// Bearer token for --server.
    #[arg(long, env = "NEWSKG_TOKEN", hide_env_values = true)]
    token: Option<String>,
    #[command(flatten)]
    kb: super::link::KbArgs,
}

/// The validated configuration of a build.
struct Config {
    inputs: Vec<PathBuf>,
    store: PathBuf,
    base: Option<Base>,
    map: MapOptions,
    date: Option<String>,
    publisher: Option<String>,
    progress: bool,
    server: Option<(String, String)>,
    kb: super::link::KbArgs,
}

impl Config {
    fn from_args(args: BuildArgs) -> anyhow::Result<Self> {
        let base = args.base.as_deref().map(Base::new).transpose()?;
        if let Some(date) = &args.date {
            if !is_iso_date(date) {
                bail!("--date {date:?} is not a date YYYY-MM-DD");
            }
        }
        let timestamps = args.timestamps.then(now_xsd_date_time);
        let server = match (args.server, args.token) {
            (Some(url), Some(token)) => Some((url, token)),
            (Some(_), None) => bail!("--server needs --token (or NEWSKG_TOKEN)"),
            (None, _) => None,
        };
        Ok(Self {
            inputs: args.inputs,
            store: args.store.dir,
            map: MapOptions {
                base: base.clone().unwrap_or_default(),
                timestamps,
            },
            base,
            date: args.date,
            publisher: args.publisher,
            progress: !args.quiet && std::io::stderr().is_terminal(),
            server,
            kb: args.kb,
        })
    }
}

/// What the writer stage wrote.
#[derive(Debug, Default)]
struct Written {
    added: usize,
    replaced: usize,
    triples: usize,
}

/// One unit of work: a text article or a raw facts record.
enum Item {
    Text(PathBuf),
    Facts(Record),
}

/// Runs the build.
pub fn run(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let config = Config::from_args(args)?;
    let ontology = Ontology::builtin().context("loading the built-in ontology")?;
    // With --server, articles go through the server (newskg::push); the store stays closed.
    let mut remote = match &config.server {
        Some((url, token)) => Some(newskg::push::Remote::new(&newskg::push::server_options(
            url, token,
        ))?),
        None => None,
    };
    let store = match remote {
        Some(_) => None,
        None => Some(
            NewsStore::open_with_base(&config.store, config.base.as_ref())
                .with_context(|| format!("opening the store {}", config.store.display()))?,
        ),
    };
    let mut map = config.map.clone();
    if let Some(store) = &store {
        map.base = store.base().clone();
    }
    let linker = config.kb.linker(&config.store, &ontology)?;

    let (files, input_errors) = read::expand_inputs(&config.inputs);
    let mut failures = 0usize;
    for error in &input_errors {
        eprintln!("newskg: {error}");
        failures += 1;
    }
    let extractor = if files.iter().any(|(_, k)| *k == InputKind::Text) {
        Some(Extractor::new(&ontology).context("building the extractor")?)
    } else {
        None
    };
    let progress = if config.progress {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };

    let items = files.into_iter().flat_map(
        |(path, kind)| -> Box<dyn Iterator<Item = Result<Item, read::ReadError>> + Send> {
            match kind {
                InputKind::Text => Box::new(std::iter::once(Ok(Item::Text(path)))),
                _ => Box::new(read::records(&path, kind).map(|r| r.map(Item::Facts))),
            }
        },
    );

    // Two stages overlap: this thread reads and maps chunk k+1 (rayon, both cores) while the
    // writer thread writes chunk k to the store's bulk load (or sends it to the server). The hand-over is a
    // rendezvous (a channel of capacity 0): at most two mapped chunks exist at a time, the one
    // being loaded and the next one, so memory stays bounded whatever the corpus size.
    let mut facts = 0;
    let mut entities = std::collections::HashSet::new();
    let written = std::thread::scope(|scope| -> anyhow::Result<Written> {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<MappedArticle>>(0);
        let store = store.as_ref();
        let progress_writer = progress.clone();
        let writer = scope.spawn(move || -> anyhow::Result<Written> {
            let mut written = Written::default();
            // One loader for the whole build: the new articles of every chunk go into one bulk
            // load, committed at the end (see `ArticleLoader`).
            let mut loader = store.map(NewsStore::article_loader);
            for ok in receiver {
                match (loader.as_mut(), remote.as_mut()) {
                    (Some(loader), _) => {
                        loader.add(ok).context("writing to the store")?;
                        progress_writer.set_message(format!("{} articles", loader.articles()));
                    }
                    (None, Some(remote)) => {
                        let sent = newskg::push::send_mapped(remote, &ok)
                            .context("sending to the server")?;
                        written.replaced += sent.articles;
                        progress_writer.set_message(format!("{} articles", written.replaced));
                    }
                    (None, None) => {}
                }
            }
            if let Some(loader) = loader {
                progress_writer.set_message("committing");
                let summary = loader.commit().context("writing to the store")?;
                written.added += summary.added;
                written.replaced += summary.replaced;
                written.triples += summary.quads;
            }
            Ok(written)
        });
        let mut map_chunk = |chunk: &mut Vec<Item>, failures: &mut usize| -> Vec<MappedArticle> {
            let results: Vec<(String, Result<MappedArticle, anyhow::Error>)> = chunk
                .par_drain(..)
                .flat_map_iter(|item| {
                    process(item, &ontology, extractor.as_ref(), &linker, &map, &config)
                })
                .collect();
            let mut ok = Vec::with_capacity(results.len());
            for (location, result) in results {
                match result {
                    Ok(mapped) => {
                        facts += mapped.counts.facts;
                        entities.extend(mapped.entities.iter().map(|e| e.iri.clone()));
                        ok.push(mapped);
                    }
                    Err(err) => {
                        // Read errors already start with their location.
                        let message = format!("{err:#}");
                        let message = if message.starts_with(&location) {
                            message
                        } else {
                            format!("{location}: {message}")
                        };
                        progress.suspend(|| eprintln!("newskg: {message}"));
                        *failures += 1;
                    }
                }
            }
            ok
        };
        let mut chunk = Vec::with_capacity(CHUNK);
        let mut items = items.peekable();
        while items.peek().is_some() {
            for item in items.by_ref() {
                match item {
                    Ok(item) => chunk.push(item),
                    Err(err) => {
                        progress.suspend(|| eprintln!("newskg: {err}"));
                        failures += 1;
                    }
                }
                if chunk.len() >= CHUNK {
                    break;
                }
            }
            let ok = map_chunk(&mut chunk, &mut failures);
            if !ok.is_empty() && sender.send(ok).is_err() {
                break; // the writer failed: its error is reported below
            }
        }
        drop(sender);
        writer
            .join()
            .map_err(|_| anyhow::anyhow!("the store writer panicked"))?
    })?;
    let Written {
        added,
        replaced,
        triples,
    } = written;
    progress.finish_and_clear();

    let Some(store) = store else {
        let (url, _) = config.server.unwrap_or_default();
        println!(
            "sent {replaced} article(s) to {url} in {:.2}s{}",
            started.elapsed().as_secs_f64(),
            if failures > 0 {
                format!(", {failures} input(s) failed")
            } else {
                String::new()
            }
        );
        return Ok(if failures > 0 {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        });
    };
    println!(
        "built {} in {:.2}s: {} articles ({added} new, {replaced} replaced), {} entities, {facts} facts, {triples} triples{}",
        config.store.display(),
        started.elapsed().as_secs_f64(),
        added + replaced,
        entities.len(),
        if failures > 0 {
            format!("; {failures} input(s) failed")
        } else {
            String::new()
        }
    );
    println!(
        "the store holds {} articles",
        store.article_count().context("counting articles")?
    );
    Ok(if failures > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads, extracts (text), validates and maps one item; a facts record may hold several documents.
fn process(
    item: Item,
    ontology: &Ontology,
    extractor: Option<&Extractor>,
    linker: &Linker,
    map: &MapOptions,
    config: &Config,
) -> Vec<(String, Result<MappedArticle, anyhow::Error>)> {
    match item {
        Item::Text(path) => {
            let location = path.display().to_string();
            let result = (|| -> anyhow::Result<MappedArticle> {
                let mut article = read_text(&path)?;
                if article.date.is_none() {
                    article.date.clone_from(&config.date);
                }
                if article.publisher.is_none() {
                    article.publisher.clone_from(&config.publisher);
                }
                let extractor = extractor.context("no extractor")?;
                let mut doc = extractor.extract(article)?;
                linker.link_document(&mut doc);
                mapped(&doc, ontology, map)
            })();
            vec![(location, result)]
        }
        Item::Facts(record) => read::parse_record(&record)
            .into_iter()
            .map(|(location, doc): (Location, _)| {
                let result = doc.map_err(anyhow::Error::from).and_then(|mut doc| {
                    linker.link_document(&mut doc);
                    mapped(&doc, ontology, map)
                });
                (location.to_string(), result)
            })
            .collect(),
    }
}

fn mapped(
    doc: &FactsDocument,
    ontology: &Ontology,
    map: &MapOptions,
) -> anyhow::Result<MappedArticle> {
    match map_document(doc, ontology, map) {
        Ok(mapped) => Ok(mapped),
        Err(MapError::Invalid(errors)) => {
            let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
            bail!(
                "article {:?} is invalid: {}",
                doc.article.id,
                list.join("; ")
            )
        }
        Err(e) => Err(e.into()),
    }
}

/// Reads a text article; gzip-compressed ones (`.txt.gz`...) are read as plain text.
fn read_text(path: &std::path::Path) -> anyhow::Result<Article> {
    if !path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        return Ok(read_article_file(path)?);
    }
    let mut text = String::new();
    std::io::Read::read_to_string(&mut read::open(path)?, &mut text)
        .with_context(|| format!("reading {}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = name.split('.').next().unwrap_or_default().to_owned();
    Ok(Article {
        id,
        text: Some(text),
        source: Some(path.display().to_string()),
        ..Article::default()
    })
}

/// The current time as an `xsd:dateTime` in UTC (`2026-01-31T12:00:00Z`).
fn now_xsd_date_time() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
