// The newsgraph query page: examples, an editor with light highlighting, and a results table
// whose IRIs link to /resource. Everything the page shows is inserted as text (never as HTML
// built from data), so query results cannot inject markup.
"use strict";

const state = { prefixes: [], examples: [], maxResults: null };

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// ---- highlighting ---------------------------------------------------------------------------

const KEYWORDS = new Set(("select construct describe ask where from named prefix base distinct reduced " +
  "optional union minus graph service silent filter bind values as order by group having limit offset " +
  "asc desc not exists in insert delete data load clear drop create add move copy with using default all " +
  "a true false count sum min max avg sample group_concat separator str lang langmatches datatype bound " +
  "iri uri bnode rand abs ceil floor round concat strlen ucase lcase encode_for_uri contains strstarts " +
  "strends strbefore strafter year month day hours minutes seconds timezone tz now uuid struuid md5 sha1 " +
  "sha256 sha384 sha512 coalesce if strlang strdt sameterm isiri isuri isblank isliteral isnumeric regex substr replace").split(" "));

const TOKEN = /(#[^\n]*)|(<[^<>"{}|^`\\\s]*>)|("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|([?$][A-Za-z0-9_\u00C0-\uFFFF]+)|([A-Za-z][\w-]*)?(:[\w\-.%\u00C0-\uFFFF]*)?/gu;

function highlight(text) {
  const out = document.createDocumentFragment();
  let last = 0;
  TOKEN.lastIndex = 0;
  let match;
  while ((match = TOKEN.exec(text)) !== null) {
    if (match[0] === "") { TOKEN.lastIndex++; continue; }
    if (match.index > last) out.append(text.slice(last, match.index));
    let cls = null;
    if (match[1]) cls = "tok-comment";
    else if (match[2]) cls = "tok-iri";
    else if (match[3]) cls = "tok-str";
    else if (match[4]) cls = "tok-var";
    else if (match[6] !== undefined) cls = "tok-pname";
    else if (match[5] && KEYWORDS.has(match[5].toLowerCase())) cls = "tok-kw";
    out.append(cls ? el("span", { class: cls }, match[0]) : match[0]);
    last = match.index + match[0].length;
  }
  out.append(text.slice(last));
  // A final newline needs something after it to take up a line in a <pre>.
  out.append("\n");
  return out;
}

function refreshHighlight() {
  const pre = $("highlight");
  pre.replaceChildren(highlight($("query").value));
  pre.scrollTop = $("query").scrollTop;
}

// ---- terms ----------------------------------------------------------------------------------

function compact(iri) {
  let best = null;
  for (const [name, namespace] of state.prefixes) {
    if (iri.startsWith(namespace)) {
      const local = iri.slice(namespace.length);
      if (local && !/[/#]/.test(local) && (!best || namespace.length > best[1].length)) best = [name, namespace, local];
    }
  }
  return best ? `${best[0]}:${best[2]}` : `<${iri}>`;
}

function termNode(term) {
  if (!term) return "";
  if (term.type === "uri") {
    return el("a", { href: "/resource?iri=" + encodeURIComponent(term.value), title: term.value }, compact(term.value));
  }
  if (term.type === "bnode") return el("span", { class: "bnode" }, "_:" + term.value);
  if (term.type === "literal" || term.type === "typed-literal") {
    const span = el("span", { class: "literal" }, term.value);
    const lang = term["xml:lang"];
    if (lang) return el("span", {}, span, el("span", { class: "lang" }, "@" + lang));
    if (term.datatype && term.datatype !== "http://www.w3.org/2001/XMLSchema#string") {
      return el("span", {}, span, el("span", { class: "datatype" }, "^^" + compact(term.datatype)));
    }
    return span;
  }
  if (term.type === "triple") return el("span", {}, "<< ", termNode(term.value.subject), " ", termNode(term.value.predicate), " ", termNode(term.value.object), " >>");
  return String(term.value);
}

// ---- running --------------------------------------------------------------------------------

function setStatus(text, kind) {
  const status = $("status");
  status.textContent = text;
  status.className = kind || "";
}

async function run() {
  const query = $("query").value;
  const url = new URL(window.location.href);
  url.searchParams.set("query", query);
  url.searchParams.delete("run");
  window.history.replaceState(null, "", url);
  $("run").disabled = true;
  setStatus("Running…");
  $("results").replaceChildren();
  const started = performance.now();
  try {
    const response = await fetch("/sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: new URLSearchParams({ query }),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok) {
      setStatus(`Error ${response.status}: ${(await response.text()).trim()}`, "error");
      return;
    }
    const truncated = response.headers.get("X-SPARQL-MaxRows");
    if (type.startsWith("application/sparql-results+json")) {
      const data = await response.json();
      if (typeof data.boolean === "boolean") {
        setStatus(`ASK: ${data.boolean} (${seconds} s)`);
        $("results").replaceChildren(el("p", { class: "boolean" }, String(data.boolean)));
        return;
      }
      renderTable(data);
      const rows = data.results.bindings.length;
      setStatus(`${rows} row${rows === 1 ? "" : "s"} in ${seconds} s` +
        (truncated ? ` — cut at ${truncated} rows (the server's --max-results)` : ""), truncated ? "truncated" : "");
    } else {
      const text = await response.text();
      $("results").replaceChildren(el("pre", { class: "graph" }, text));
      setStatus(`Graph (${type.split(";")[0]}) in ${seconds} s` +
        (truncated ? ` — cut at ${truncated} triples (the server's --max-results)` : ""), truncated ? "truncated" : "");
    }
  } catch (error) {
    setStatus(`The request failed: ${error}`, "error");
  } finally {
    $("run").disabled = false;
  }
}

function renderTable(data) {
  const vars = data.head.vars || [];
  const head = el("tr", {}, el("th", {}, "#"), ...vars.map((v) => el("th", {}, "?" + v)));
  const body = el("tbody", {});
  data.results.bindings.forEach((binding, index) => {
    body.append(el("tr", {}, el("td", { class: "num" }, index + 1), ...vars.map((v) => el("td", {}, termNode(binding[v])))));
  });
  $("results").replaceChildren(el("table", { id: "results-table" }, el("thead", {}, head), body));
}

function download() {
  const format = $("download").value;
  $("download").value = "";
  if (!format) return;
  const url = "/sparql?" + new URLSearchParams({ query: $("query").value, format });
  window.location.assign(url);
}

// ---- setup ----------------------------------------------------------------------------------

function defaultQuery() {
  const prefixes = state.prefixes.map(([name, iri]) => `PREFIX ${name}: <${iri}>`).join("\n");
  return `${prefixes}\n\n# Triples per graph\nSELECT ?graph (COUNT(*) AS ?triples)\nWHERE { GRAPH ?graph { ?s ?p ?o } }\nGROUP BY ?graph\nORDER BY DESC(?triples)\nLIMIT 100\n`;
}

function useExample(example) {
  $("query").value = example.query;
  refreshHighlight();
  run();
}

async function init() {
  const textarea = $("query");
  textarea.addEventListener("input", refreshHighlight);
  textarea.addEventListener("scroll", () => { $("highlight").scrollTop = textarea.scrollTop; });
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
  });
  $("form").addEventListener("submit", (event) => { event.preventDefault(); run(); });
  $("download").addEventListener("change", download);

  try {
    const config = await (await fetch("/assets/config.json")).json();
    state.prefixes = config.prefixes;
    state.examples = config.examples;
    state.maxResults = config.maxResults;
  } catch (error) {
    setStatus(`Cannot load the page's configuration: ${error}`, "error");
  }
  const list = $("examples");
  for (const example of state.examples) {
    list.append(el("li", {}, el("button", { type: "button", title: example.name }, example.title)));
    list.lastChild.firstChild.addEventListener("click", () => useExample(example));
  }

  const params = new URLSearchParams(window.location.search);
  textarea.value = params.get("query") || defaultQuery();
  refreshHighlight();
  if (params.get("run") === "1" || params.get("run") === "true") await run();
}

document.addEventListener("DOMContentLoaded", init);
