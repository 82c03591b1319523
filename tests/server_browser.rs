//! The page at `/` in a real browser: headless Chromium driven through chromedriver's W3C
//! WebDriver HTTP API. Types a query, runs it, reads the rendered result table, clicks an example
//! question, opens an article page, and saves screenshots under the target dir
//! (`target/tmp/browser/*.png`).
//! Needs CHROMIUM and CHROMEDRIVER (set by `.ci/services.sh`): fails without them when CI=true.

mod server_common;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use base64::Engine as _;
use newskg::server::ServerConfig;
use serde_json::{Value, json};
use server_common::*;

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

struct Driver {
    url: String,
    child: Child,
    session: Option<String>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(session) = &self.session {
            let _ = request(
                "DELETE",
                &format!("{}/session/{session}", self.url),
                &[],
                b"",
            );
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn call(&self, method: &str, path: &str, body: &Value) -> TestResult<Value> {
        let url = match &self.session {
            Some(session) => format!("{}/session/{session}{path}", self.url),
            None => format!("{}/session{path}", self.url),
        };
        let payload = if method == "GET" {
            Vec::new()
        } else {
            body.to_string().into_bytes()
        };
        let reply = request(
            method,
            &url,
            &[("Content-Type", "application/json")],
            &payload,
        )?;
        let value: Value = serde_json::from_str(&reply.body)?;
        if reply.status != 200 {
            return Err(format!("webdriver {method} {path}: {} {}", reply.status, value).into());
        }
        Ok(value["value"].clone())
    }

    fn script(&self, script: &str) -> TestResult<Value> {
        self.call(
            "POST",
            "/execute/sync",
            &json!({ "script": script, "args": [] }),
        )
    }

    fn element(&self, css: &str) -> TestResult<String> {
        let found = self.call(
            "POST",
            "/element",
            &json!({ "using": "css selector", "value": css }),
        )?;
        Ok(found[ELEMENT].as_str().ok_or("no element id")?.to_owned())
    }

    /// Waits until `script` returns a truthy value (the page fetches results asynchronously).
    fn wait_for(&self, script: &str) -> TestResult<Value> {
        for _ in 0..300 {
            let value = self.script(script)?;
            if !(value.is_null() || value == json!(false) || value == json!(0)) {
                return Ok(value);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!("timed out waiting for {script}").into())
    }

    fn screenshot(&self, name: &str) -> TestResult<std::path::PathBuf> {
        let png = self.call("GET", "/screenshot", &Value::Null)?;
        let bytes =
            base64::engine::general_purpose::STANDARD.decode(png.as_str().ok_or("no png")?)?;
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(name);
        std::fs::write(&path, bytes)?;
        eprintln!("screenshot: {}", path.display());
        Ok(path)
    }
}

fn start_browser(
    chromium: &str,
    chromedriver: &str,
    profile: &std::path::Path,
) -> TestResult<Driver> {
    let port = free_port()?;
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let mut driver = Driver {
        url: format!("http://127.0.0.1:{port}"),
        child,
        session: None,
    };
    let mut ready = false;
    for _ in 0..100 {
        if get(&format!("{}/status", driver.url), "application/json")
            .is_ok_and(|r| r.body.contains("\"ready\":true"))
        {
            ready = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    if !ready {
        return Err("chromedriver did not start".into());
    }
    let capabilities = json!({ "capabilities": { "alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1100",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    }}});
    let created = driver.call("POST", "", &capabilities)?;
    driver.session = Some(
        created["sessionId"]
            .as_str()
            .ok_or("no session id")?
            .to_owned(),
    );
    Ok(driver)
}

#[test]
fn query_page_runs_a_query_and_renders_the_table() -> TestResult {
    let (Some(chromium), Some(chromedriver)) = (
        service("CHROMIUM", "chromium")?,
        service("CHROMEDRIVER", "chromedriver")?,
    ) else {
        return Ok(());
    };
    let server = serve(fixture_store()?, ServerConfig::default())?;
    let profile = tempfile::tempdir()?;
    let driver = start_browser(&chromium, &chromedriver, profile.path())?;

    driver.call(
        "POST",
        "/url",
        &json!({ "url": format!("{}/", server.url) }),
    )?;
    // The example buttons are loaded from the server.
    driver.wait_for("return document.querySelectorAll('#examples button').length")?;
    let editor = driver.element("#query")?;
    let prefixes = driver.script("return document.getElementById('query').value")?;
    assert!(
        prefixes.as_str().is_some_and(|p| p.contains("PREFIX nk:")),
        "{prefixes}"
    );
    driver.call("POST", &format!("/element/{editor}/clear"), &json!({}))?;
    let query = "PREFIX nk: <https://w3id.org/newskg/ontology#>\n\
                 SELECT ?who ?where WHERE { ?who nk:travelsTo ?where }";
    driver.call(
        "POST",
        &format!("/element/{editor}/value"),
        &json!({ "text": query }),
    )?;
    let run = driver.element("#run")?;
    driver.call("POST", &format!("/element/{run}/click"), &json!({}))?;
    driver.wait_for("return document.querySelectorAll('#results-table tbody tr').length")?;
    let table = driver.script(
        "return [Array.from(document.querySelectorAll('#results-table thead th')).map(c => c.textContent), \
         Array.from(document.querySelectorAll('#results-table tbody tr')).map(r => \
           Array.from(r.cells).map(c => [c.textContent, (c.querySelector('a') || {}).href || null]))]",
    )?;
    assert_eq!(table[0], json!(["who", "where"]));
    let rows = table[1].as_array().ok_or("no rows")?;
    assert_eq!(rows.len(), 1, "{table}");
    assert_eq!(rows[0][0][0], json!(format!("{ID}person/marta-vilanova")));
    assert_eq!(rows[0][1][0], json!(format!("{ID}city/tallinn")));
    let link = rows[0][1][1].as_str().ok_or("no link")?;
    assert!(
        link.starts_with(&format!("{}/entity?iri=", server.url)),
        "{link}"
    );
    let shot = driver.screenshot("query-page.png")?;
    assert!(std::fs::metadata(shot)?.len() > 1000);

    // An example question, by its button.
    driver.script(
        "Array.from(document.querySelectorAll('#examples button')).find(b => b.textContent.startsWith('Who speaks')).click()",
    )?;
    let spokesperson = driver.wait_for(
        "const c = document.querySelector('#results-table tbody tr td'); \
         return c && c.textContent.includes('oskar-lind') ? c.textContent : null",
    )?;
    assert_eq!(spokesperson, json!(format!("{ID}person/oskar-lind")));

    // Follow the link to the entity page, then open the article page with its picture.
    driver.call("POST", "/url", &json!({ "url": link }))?;
    let heading =
        driver.wait_for("const h = document.querySelector('h1'); return h && h.textContent")?;
    assert_eq!(heading, json!("Tallinn"));
    driver.call(
        "POST",
        "/url",
        &json!({ "url": format!("{}/article?iri={}", server.url, enc(ARTICLE)) }),
    )?;
    let circles = driver.wait_for("return document.querySelectorAll('svg.kg circle').length")?;
    assert_eq!(circles, json!(4));
    driver.screenshot("article-page.png")?;
    Ok(())
}
