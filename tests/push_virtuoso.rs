//! `newskg push` into a real OpenLink Virtuoso (started on loopback by `.ci/services.sh`), with
//! Digest authentication: through the Graph Store Protocol, then through SPARQL Update; each
//! graph read back from Virtuoso must be isomorphic to the local one.
//! Needs VIRTUOSO_URL: fails without it when CI=true.

mod server_common;

use server_common::*;

#[test]
fn push_to_virtuoso_with_digest_auth() -> TestResult {
    let Some(virtuoso) = service("VIRTUOSO_URL", "OpenLink Virtuoso")? else {
        return Ok(());
    };
    let user = std::env::var("VIRTUOSO_USER").unwrap_or_else(|_| "dba".into());
    let password = std::env::var("VIRTUOSO_PASSWORD").unwrap_or_else(|_| "dba".into());
    let local = fixture_store_dir()?;
    let sparql = format!("{virtuoso}/sparql");
    let gsp = format!("{virtuoso}/sparql-graph-crud-auth");
    let update = format!("{virtuoso}/sparql-auth");
    let login = ["--user", user.as_str(), "--password", password.as_str()];

    // Wrong password: refused, reported, non-zero exit.
    let (ok, err) = push(
        local.path(),
        &[
            "--graph-store",
            &gsp,
            "--user",
            &user,
            "--password",
            "wrong",
            "--auth",
            "digest",
            "--retries",
            "0",
        ],
    )?;
    assert!(!ok, "{err}");
    assert!(err.contains("401"), "{err}");

    let gsp_args = [
        &[
            "--graph-store",
            &gsp,
            "--endpoint",
            &update,
            "--auth",
            "digest",
        ][..],
        &login,
    ]
    .concat();
    assert_pushed(
        push(local.path(), &gsp_args)?,
        &["pushed 4 graphs", "Graph Store Protocol"],
    );
    assert_mirrored(&sparql, local.path())?;
    assert_pushed(push(local.path(), &gsp_args)?, &["4 unchanged"]);

    // The same with SPARQL Update only (small batches), forcing a resend: still the same graphs.
    let update_args = [
        &["--endpoint", &update, "--batch", "5", "--force"][..],
        &login,
    ]
    .concat();
    assert_pushed(
        push(local.path(), &update_args)?,
        &["pushed 4 graphs", "SPARQL Update"],
    );
    assert_mirrored(&sparql, local.path())
}
