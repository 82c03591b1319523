// The query page of newskg: example questions, a query editor, results as a table.
// Everything is built with DOM calls and textContent: no server data is ever parsed as HTML.
"use strict";

(function () {
  const editor = document.getElementById("query");
  const form = document.getElementById("editor");
  const status = document.getElementById("status");
  const errorBox = document.getElementById("error");
  const results = document.getElementById("results");
  const examples = document.getElementById("examples");
  const prefixes = editor.value.split("\n").filter((l) => l.startsWith("PREFIX ")).join("\n") + "\n";

  function entityLink(iri) {
    const a = document.createElement("a");
    a.href = "/entity?iri=" + encodeURIComponent(iri);
    a.title = iri;
    a.textContent = shorten(iri);
    return a;
  }

  function shorten(iri) {
    for (const line of prefixes.split("\n")) {
      const m = /^PREFIX (\w*): <([^>]*)>$/.exec(line);
      if (m && iri.startsWith(m[2]) && iri.length > m[2].length) {
        return m[1] + ":" + iri.slice(m[2].length);
      }
    }
    return iri;
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      td.appendChild(entityLink(term.value));
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) td.title = "@" + term["xml:lang"];
      else if (term.datatype) td.title = shorten(term.datatype);
    }
    return td;
  }

  function showTable(json) {
    const vars = json.head.vars || [];
    const table = document.createElement("table");
    table.id = "results-table";
    const head = table.createTHead().insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const binding of json.results.bindings) {
      const row = body.insertRow();
      for (const v of vars) row.appendChild(cell(binding[v]));
    }
    results.appendChild(table);
    return json.results.bindings.length;
  }

  async function run() {
    const query = editor.value;
    const url = new URL(window.location.href);
    url.searchParams.set("query", query);
    window.history.replaceState(null, "", url);
    errorBox.hidden = true;
    results.replaceChildren();
    status.textContent = "running…";
    const started = performance.now();
    try {
      const response = await fetch("/query", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Accept": "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: new URLSearchParams({ query: query }),
      });
      const ms = Math.round(performance.now() - started);
      const type = response.headers.get("Content-Type") || "";
      if (!response.ok) {
        errorBox.textContent = await response.text();
        errorBox.hidden = false;
        status.textContent = "error " + response.status;
        return;
      }
      if (type.startsWith("application/sparql-results+json")) {
        const json = await response.json();
        if (typeof json.boolean === "boolean") {
          const p = document.createElement("p");
          p.id = "results-boolean";
          p.textContent = String(json.boolean);
          results.appendChild(p);
          status.textContent = "answer in " + ms + " ms";
        } else {
          const n = showTable(json);
          status.textContent = n + (n === 1 ? " row" : " rows") + " in " + ms + " ms";
        }
      } else {
        const pre = document.createElement("pre");
        pre.id = "results-graph";
        pre.textContent = await response.text();
        results.appendChild(pre);
        status.textContent = "graph in " + ms + " ms";
      }
    } catch (e) {
      errorBox.textContent = String(e);
      errorBox.hidden = false;
      status.textContent = "error";
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });

  fetch("/assets/questions.json")
    .then((r) => r.json())
    .then((questions) => {
      for (const q of questions) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = q.title;
        button.addEventListener("click", () => {
          editor.value = prefixes + q.query + "\n";
          run();
        });
        examples.appendChild(button);
      }
    })
    .catch(() => {});

  const initial = new URLSearchParams(window.location.search).get("query");
  if (initial) {
    editor.value = initial;
    run();
  }
})();
