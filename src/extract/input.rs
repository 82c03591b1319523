//! Reading article files: plain text, Markdown with front matter, HTML pages, JSON Lines.
//!
//! - `.txt`, `.md` (and any other extension): UTF-8 text, optionally opened by a front-matter block
//!   (`---` / `title: ...` / `date: 2016-03-16` / `publisher: ...` / `url: ...` / `---`);
//! - `.html`, `.htm`: a saved news page reduced to headline and paragraphs by [`html_to_article`]
//!   (scripts, styles, navigation, headers, footers and forms are dropped);
//! - JSON Lines ([`read_jsonl`]): one article object per line, `{"id", "text", "date",
//!   "publisher", "title", "url", "dateline"}`; other fields are ignored.
//!
//! Errors name the file and, where it helps, the line and field.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use crate::facts::Article;

/// Why an article file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is empty or holds only whitespace.
    #[error("{path}: empty file, no article text")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file looks binary (NUL bytes).
    #[error("{path}: binary file, not an article (NUL byte at byte {offset})")]
    Binary {
        /// The file.
        path: PathBuf,
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// The file is not valid UTF-8.
    #[error("{path}:{line}: not valid UTF-8 (byte {offset}); convert the file to UTF-8")]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Line of the first invalid byte (1-based).
        line: usize,
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// A JSON Lines record is not a valid article.
    #[error("{source_name}:{line}: {message}")]
    Record {
        /// The file or stream name.
        source_name: String,
        /// Line number (1-based).
        line: usize,
        /// What is wrong, naming the JSON field.
        message: String,
    },
}

/// Reads one article file (`.txt`, `.md`, `.html`) into an [`Article`].
pub fn read_article_file(path: &Path) -> Result<Article, InputError> {
    let bytes = std::fs::read(path).map_err(|source| InputError::Io {
        path: path.to_owned(),
        source,
    })?;
    let text = decode(&bytes, path)?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let mut article = if matches!(ext.as_str(), "html" | "htm" | "xhtml") {
        html_to_article(&text)
    } else {
        text_to_article(&text)
    };
    if article.text.as_deref().is_none_or(|t| t.trim().is_empty()) {
        return Err(InputError::Empty {
            path: path.to_owned(),
        });
    }
    if article.id.is_empty() {
        article.id = id;
    }
    article.source = Some(path.display().to_string());
    Ok(article)
}

/// Checks bytes for emptiness, binary content and UTF-8, and returns the text.
fn decode(bytes: &[u8], path: &Path) -> Result<String, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::Empty {
            path: path.to_owned(),
        });
    }
    if let Some(offset) = bytes.iter().take(1 << 16).position(|&b| b == 0) {
        return Err(InputError::Binary {
            path: path.to_owned(),
            offset,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => {
            let offset = e.valid_up_to();
            let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(InputError::NotUtf8 {
                path: path.to_owned(),
                line,
                offset,
            })
        }
    }
}

/// Plain text or Markdown with an optional front-matter block.
pub fn text_to_article(text: &str) -> Article {
    let mut article = Article::default();
    let mut body = text;
    let opener = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"));
    if let Some(rest) = opener {
        // The block ends at a line that is exactly "---".
        let mut offset = 0;
        let mut end = None;
        for line in rest.split_inclusive('\n') {
            if line.trim_end() == "---" {
                end = Some((offset, offset + line.len()));
                break;
            }
            offset += line.len();
        }
        if let Some((block_end, body_start)) = end {
            for line in rest[..block_end].lines() {
                let Some((key, value)) = line.split_once(':') else {
                    continue;
                };
                let value = value
                    .trim()
                    .trim_matches(|c| c == '"' || c == '\'')
                    .to_owned();
                if value.is_empty() {
                    continue;
                }
                match key.trim() {
                    "title" => article.title = Some(value),
                    "date" => article.date = Some(value.chars().take(10).collect()),
                    "publisher" => article.publisher = Some(value),
                    "url" => article.url = Some(value),
                    "dateline" => article.dateline = Some(value),
                    "id" => article.id = value,
                    _ => {}
                }
            }
            body = &rest[body_start..];
        }
    }
    article.text = Some(body.trim_start_matches(['\n', '\r']).to_owned());
    article
}

/// Reads articles from JSON Lines; blank lines are skipped. Each item is one line's article or the
/// error for that line (the other lines are still read).
pub fn read_jsonl<'r>(
    reader: impl BufRead + 'r,
    source_name: &'r str,
) -> impl Iterator<Item = Result<Article, InputError>> + 'r {
    reader.lines().enumerate().filter_map(move |(i, line)| {
        let line_no = i + 1;
        let record = |message: String| InputError::Record {
            source_name: source_name.to_owned(),
            line: line_no,
            message,
        };
        let line = match line {
            Ok(l) => l,
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                return Some(Err(record("not valid UTF-8".to_owned())));
            }
            Err(e) => return Some(Err(record(e.to_string()))),
        };
        if line.trim().is_empty() {
            return None;
        }
        Some(parse_record(&line).map_err(record).map(|mut a| {
            if a.id.is_empty() {
                a.id = format!("line-{line_no}");
            }
            a
        }))
    })
}

/// One JSON Lines record → an article.
fn parse_record(line: &str) -> Result<Article, String> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let obj = value
        .as_object()
        .ok_or("expected a JSON object (an article)")?;
    let field = |name: &str| -> Result<Option<String>, String> {
        match obj.get(name) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(serde_json::Value::Number(n)) if name == "id" => Ok(Some(n.to_string())),
            Some(_) => Err(format!("$.{name}: expected a string")),
        }
    };
    let text = field("text")?.ok_or("$.text: missing (each article needs its text)")?;
    Ok(Article {
        id: field("id")?.unwrap_or_default(),
        title: field("title")?,
        text: Some(text),
        date: field("date")?.map(|d| d.chars().take(10).collect()),
        dateline: field("dateline")?,
        publisher: field("publisher")?,
        url: field("url")?,
        source: None,
    })
}

/// Elements whose whole content is dropped.
const SKIPPED: [&str; 13] = [
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg", "iframe",
    "template", "button", "figure",
];

/// Reduces a saved news page to an article: headline (`<h1>`, else `<title>`), paragraphs (`<p>`,
/// inside `<article>` when the page has one), date, publisher and URL from the usual `<meta>` tags.
pub fn html_to_article(html: &str) -> Article {
    let mut article = Article::default();
    let mut skip_depth: Vec<String> = Vec::new();
    let mut blocks = Blocks::default();
    let mut in_article = 0usize;
    let mut i = 0;
    while i < html.len() {
        let Some(lt) = html[i..].find('<').map(|p| p + i) else {
            if let Some((_, t)) = blocks.current.as_mut().filter(|_| skip_depth.is_empty()) {
                t.push_str(&html[i..]);
            }
            break;
        };
        if lt > i {
            if let Some((_, t)) = blocks.current.as_mut().filter(|_| skip_depth.is_empty()) {
                t.push_str(&html[i..lt]);
            }
        }
        // Comments and declarations.
        if html[lt..].starts_with("<!--") {
            i = html[lt + 4..]
                .find("-->")
                .map_or(html.len(), |p| lt + 4 + p + 3);
            continue;
        }
        let Some(gt) = html[lt..].find('>').map(|p| p + lt) else {
            break;
        };
        let tag_src = &html[lt + 1..gt];
        i = gt + 1;
        if tag_src.starts_with('!') || tag_src.starts_with('?') {
            continue;
        }
        let closing = tag_src.starts_with('/');
        let name: String = tag_src
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let self_closing = tag_src.ends_with('/');
        if SKIPPED.contains(&name.as_str()) {
            if closing {
                if let Some(pos) = skip_depth.iter().rposition(|t| *t == name) {
                    skip_depth.truncate(pos);
                }
            } else if !self_closing {
                skip_depth.push(name.clone());
                if name == "script" || name == "style" {
                    // Raw text: jump to the closing tag.
                    let close = format!("</{name}");
                    let lower_rest = html[i..].to_ascii_lowercase();
                    i = lower_rest.find(&close).map_or(html.len(), |p| i + p);
                }
            }
            continue;
        }
        if !skip_depth.is_empty() {
            continue;
        }
        match (name.as_str(), closing) {
            ("meta", false) => {
                let attr = |a: &str| attribute(tag_src, a);
                let key = attr("property")
                    .or_else(|| attr("name"))
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if let Some(content) = attr("content") {
                    let content = decode_entities(&content);
                    match key.as_str() {
                        "article:published_time"
                        | "date"
                        | "pubdate"
                        | "og:published_time"
                        | "dc.date"
                            if article.date.is_none() && content.len() >= 10 =>
                        {
                            article.date = Some(content.chars().take(10).collect());
                        }
                        "og:site_name" | "publisher" | "article:publisher"
                            if !content.starts_with("http") =>
                        {
                            article.publisher.get_or_insert(content);
                        }
                        "og:url" => {
                            article.url.get_or_insert(content);
                        }
                        "og:title" => {
                            blocks.title.get_or_insert(content);
                        }
                        _ => {}
                    }
                }
            }
            ("link", false)
                if attribute(tag_src, "rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                if let Some(href) = attribute(tag_src, "href") {
                    article.url = Some(decode_entities(&href));
                }
            }
            ("article", false) => in_article += 1,
            ("article", true) => in_article = in_article.saturating_sub(1),
            ("p" | "h1" | "title" | "li" | "blockquote", closing) => {
                blocks.flush(in_article > 0);
                if !closing {
                    blocks.current = Some((name.clone(), String::new()));
                }
            }
            ("br", _) => {
                if let Some((_, t)) = blocks.current.as_mut() {
                    t.push(' ');
                }
            }
            ("div" | "section" | "ul" | "ol" | "table" | "h2" | "h3" | "body", _) => {
                blocks.flush(in_article > 0);
            }
            _ => {}
        }
    }
    blocks.flush(in_article > 0);
    let paragraphs = if blocks.in_article.is_empty() {
        blocks.all
    } else {
        blocks.in_article
    };
    let headline = blocks.h1.or(blocks.title);
    let mut text = String::new();
    if let Some(h) = &headline {
        text.push_str(h);
        text.push_str("\n\n");
    }
    text.push_str(&paragraphs.join("\n\n"));
    article.title = headline;
    article.text = Some(text);
    article
}

/// The text blocks of a page as they are read: the open one, the paragraphs so far (all of them,
/// and those inside an `<article>`), the first `<h1>` and the `<title>`.
#[derive(Default)]
struct Blocks {
    /// (tag, text) of an open p/h1/title/li.
    current: Option<(String, String)>,
    all: Vec<String>,
    in_article: Vec<String>,
    h1: Option<String>,
    title: Option<String>,
}

impl Blocks {
    /// Closes the open block, keeping its text where it belongs.
    fn flush(&mut self, inside_article: bool) {
        let Some((tag, raw)) = self.current.take() else {
            return;
        };
        let text = collapse(&decode_entities(&raw));
        if text.is_empty() {
            return;
        }
        match tag.as_str() {
            "h1" => {
                self.h1.get_or_insert(text);
            }
            "title" => {
                self.title.get_or_insert(text);
            }
            _ => {
                if inside_article {
                    self.in_article.push(text.clone());
                }
                self.all.push(text);
            }
        }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The value of attribute `name` in a tag's source (`meta property="x" content="y"`).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find(name).map(|p| p + from) {
        let before_ok = p == 0 || lower.as_bytes()[p - 1].is_ascii_whitespace();
        let after = lower[p + name.len()..].trim_start();
        if before_ok && after.starts_with('=') {
            let value_start = tag.len() - after.len() + 1;
            let v = tag[value_start..].trim_start();
            return Some(match v.chars().next() {
                Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or("").to_owned(),
                _ => v
                    .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                    .next()
                    .unwrap_or("")
                    .to_owned(),
            });
        }
        from = p + name.len();
    }
    None
}

/// Decodes the HTML character references news pages use.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..]
            .find(|c: char| c == ';' || c.is_whitespace() || c == '&')
            .map(|e| e + 1);
        let decoded = end
            .filter(|&e| rest.as_bytes().get(e) == Some(&b';'))
            .and_then(|e| {
                let name = &rest[1..e];
                let c = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" | "#39" => Some('\''),
                    "nbsp" => Some('\u{a0}'),
                    "rsquo" => Some('’'),
                    "lsquo" => Some('‘'),
                    "rdquo" => Some('”'),
                    "ldquo" => Some('“'),
                    "mdash" => Some('—'),
                    "ndash" => Some('–'),
                    "hellip" => Some('…'),
                    _ => name
                        .strip_prefix("#x")
                        .or_else(|| name.strip_prefix("#X"))
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32),
                };
                c.map(|c| (c, e + 1))
            });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter() {
        let a = text_to_article(
            "---\ntitle: Envoy visits\ndate: 2016-03-16\npublisher: \"Example Wire\"\n---\nBody text.\n",
        );
        assert_eq!(a.title.as_deref(), Some("Envoy visits"));
        assert_eq!(a.date.as_deref(), Some("2016-03-16"));
        assert_eq!(a.publisher.as_deref(), Some("Example Wire"));
        assert_eq!(a.text.as_deref(), Some("Body text.\n"));
        let plain = text_to_article("---no front matter");
        assert_eq!(plain.text.as_deref(), Some("---no front matter"));
    }

    #[test]
    fn html_page() {
        let html = r#"<html><head><title>Site | Story</title><meta property="article:published_time" content="2016-03-16T10:00:00Z">
            <script>var x = "<p>not text</p>";</script><style>p { color: red }</style></head>
            <body><nav><p>Home</p></nav><article><h1>Envoy &amp; minister meet</h1>
            <p>BERLIN (Example) &mdash; The envoy <b>met</b> the minister.</p><!-- ad --><p>Talks went on.</p></article>
            <footer><p>Copyright</p></footer></body></html>"#;
        let a = html_to_article(html);
        assert_eq!(a.title.as_deref(), Some("Envoy & minister meet"));
        assert_eq!(a.date.as_deref(), Some("2016-03-16"));
        assert_eq!(
            a.text.as_deref(),
            Some(
                "Envoy & minister meet\n\nBERLIN (Example) — The envoy met the minister.\n\nTalks went on."
            )
        );
    }

    #[test]
    fn jsonl_records_report_lines() {
        let input = "{\"id\":\"a\",\"text\":\"One.\",\"date\":\"2016-03-16\"}\n\n{\"id\":\"b\"}\nnot json\n{\"text\":\"Two.\",\"extra\":[1]}\n";
        let items: Vec<_> = read_jsonl(std::io::Cursor::new(input), "stdin").collect();
        assert_eq!(items.len(), 4);
        assert!(items[0].as_ref().is_ok_and(|a| a.id == "a"));
        let err = items[1]
            .as_ref()
            .err()
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(err.contains("stdin:3") && err.contains("$.text"), "{err}");
        assert!(
            items[2]
                .as_ref()
                .err()
                .map(ToString::to_string)
                .unwrap_or_default()
                .contains("stdin:4")
        );
        assert!(items[3].as_ref().is_ok_and(|a| a.id == "line-5"));
    }
}
