// Markdown, rendered safely: model output is untrusted.

import { escapeHtml } from "./dom.js";
import { loadScript, loadStylesheet } from "./load.js";

// KaTeX and highlight.js weigh more than the rest of the page and most answers need neither, so
// they come with the first answer that does; until then its math and code show plainly.
const LIBRARIES = {
  katex: () => Promise.all([
    loadStylesheet("/webjars/katex/0.18.11/dist/katex.min.css"),
    loadScript("/webjars/katex/0.18.11/dist/katex.min.js"),
  ]),
  hljs: () => loadScript("/webjars/highlightjs/11.10.0/highlight.min.js"),
};
const loading = {};
const waiting = new Map(); // answer element → how to draw it again once a library is here

// Beyond script, an answer must not restyle the page, take over its element ids or fake its
// controls (it could hide the other answer or the vote buttons), so those go too.
const SANITIZE = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "option", "label", "dialog"],
  FORBID_ATTR: ["style", "id", "name", "class", "for", "form"],
  ALLOW_DATA_ATTR: false,
};

// Math leaves the parser as a marker in plain text, so the sanitiser sees no KaTeX markup; KaTeX
// then renders it from the TeX alone. A code block's language (its class goes in sanitising)
// travels the same way. Markers an answer brings itself are stripped first.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const MARKER = /\uE000(\d+)\uE001/g;
const LANG = /^\uE002([\w+#.-]*)\uE003/;

const BLOCK_MATH = /^(?:\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\])[ \t]*(?:\n+|$)/;
// A lone $ needs a non-space right inside it and no digit right after it, so "$5 and $10" stays money.
const INLINE_MATH = /^(?:\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|\$(?=\S)((?:\\\$|[^$\n])+?)(?<=\S)\$(?!\d))/;

let parser = null;
let found = [];

function mathParser() {
  if (parser) return parser;
  const marker = (token) => OPEN + (found.push(token) - 1) + CLOSE;
  parser = new window.marked.Marked({ gfm: true, breaks: true });
  parser.use({
    renderer: {
      code({ text, lang }) {
        const name = /^[\w+#.-]+$/.test(lang || "") ? lang : "";
        return `<pre><code>\uE002${name}\uE003${escapeHtml(text)}</code></pre>\n`;
      },
    },
    extensions: [
      {
        name: "blockMath",
        level: "block",
        start: (src) => src.match(/^(?:\$\$|\\\[)/m)?.index,
        tokenizer(src) {
          const m = BLOCK_MATH.exec(src);
          if (m) return { type: "blockMath", raw: m[0], tex: m[1] ?? m[2], display: true };
        },
        renderer: (token) => `<p>${marker(token)}</p>`,
      },
      {
        name: "inlineMath",
        level: "inline",
        start: (src) => src.match(/\$|\\[([]/)?.index,
        tokenizer(src) {
          const m = INLINE_MATH.exec(src);
          if (m) return { type: "inlineMath", raw: m[0], tex: m[1] ?? m[2] ?? m[3] ?? m[4], display: m[1] != null || m[2] != null };
        },
        renderer: marker,
      },
    ],
  });
  return parser;
}

/**
 * {final}: the text is complete; {name}: what the text is, for the labels of its scrolling parts;
 * {redraw}: called when a library the text needs has arrived, to render it again.
 */
export function renderMarkdown(element, text, { final = false, name = "the answer", redraw = null } = {}) {
  if (!window.marked || !window.DOMPurify) {
    element.textContent = text;
    return;
  }
  found = [];
  const html = mathParser().parse(text.replace(/[\uE000-\uE003]/g, ""));
  const fresh = document.createElement("div");
  fresh.innerHTML = window.DOMPurify.sanitize(html, SANITIZE);
  // Labels differ from one another, so a screen reader's list of regions tells them apart.
  const label = (kind, i) => `${kind} ${i + 1} of ${name}, scrolls sideways`;
  const needs = [];
  if (found.length && !window.katex) needs.push("katex");
  if (fresh.querySelector("pre") && !window.hljs) needs.push("hljs");
  renderMath(fresh, found, label);
  fresh.querySelectorAll("pre").forEach((pre, i) => dressCode(pre, final, label("Code", i)));
  fresh.querySelectorAll("table").forEach((table, i) => scrollable(table, label("Table", i)));
  patch(element, fresh);
  if (needs.length && redraw) waiting.set(element, redraw);
  needs.forEach(fetchLibrary);
}

// A library that fails to load leaves math or code plain: trying again on every frame would not help.
function fetchLibrary(lib) {
  loading[lib] ??= LIBRARIES[lib]().then(() => {
    const redraws = [...waiting.values()];
    waiting.clear();
    redraws.forEach((redraw) => redraw());
  }, () => {});
}

// Blocks whose markup is unchanged keep their element, so a table scrolled sideways or a code
// block's "Copied" mark survives the frames that stream in after it.
function patch(element, fresh) {
  const before = [...element.childNodes];
  const after = [...fresh.childNodes];
  after.forEach((node, i) => {
    const markup = node.outerHTML ?? "#text " + node.data;
    if (before[i]?.renderedAs === markup) return;
    node.renderedAs = markup;
    if (before[i]) before[i].replaceWith(node);
    else element.append(node);
  });
  before.slice(after.length).forEach((node) => node.remove());
}

function renderMath(element, tokens, label) {
  let formulas = 0;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) if (walker.currentNode.data.includes(OPEN)) nodes.push(walker.currentNode);
  for (const node of nodes) {
    const parts = node.data.split(MARKER);
    const fragment = document.createDocumentFragment();
    parts.forEach((part, i) => {
      if (i % 2 === 0) {
        if (part) fragment.append(part);
        return;
      }
      const token = tokens[Number(part)];
      if (!token) return;
      fragment.append(token.display ? scrollable(math(token), label("Formula", formulas++)) : math(token));
    });
    node.replaceWith(fragment);
  }
}

function math({ tex, display, raw }) {
  const span = document.createElement("span");
  if (!window.katex) {
    span.textContent = raw;
    return span;
  }
  // trust: false keeps \href, \url and \htmlClass-like commands from making links or markup.
  window.katex.render(tex, span, { displayMode: display, throwOnError: false, trust: false, strict: "ignore", output: "htmlAndMathml" });
  return span;
}

// Wide tables, code and formulas scroll sideways inside the answer rather than widening the
// page or breaking mid-word; a keyboard user scrolls them once focused.
function scrollable(node, label) {
  const wrap = document.createElement("div");
  wrap.className = "scroll";
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", label);
  node.replaceWith(wrap);
  wrap.append(node);
  return wrap;
}

function dressCode(pre, final, label) {
  const code = pre.querySelector("code") || pre;
  const first = code.firstChild;
  const named = first && first.nodeType === Node.TEXT_NODE ? LANG.exec(first.data) : null;
  if (named) first.data = first.data.slice(named[0].length);
  const lang = named ? named[1] : "";
  highlight(code, lang, final);
  pre.tabIndex = 0;
  pre.setAttribute("aria-label", label);
  const bar = document.createElement("div");
  bar.className = "code-bar";
  const name = document.createElement("span");
  name.textContent = lang;
  const copy = document.createElement("button");
  copy.type = "button";
  copy.className = "copy";
  copy.textContent = "Copy";
  copy.setAttribute("aria-label", "Copy code");
  bar.append(name, copy);
  const block = document.createElement("div");
  block.className = "code-block";
  pre.replaceWith(block);
  block.append(bar, pre);
}

// Guessing an unnamed language waits for the answer's end, as it tries every language.
function highlight(code, lang, final) {
  const hljs = window.hljs;
  if (!hljs) return;
  const text = code.textContent;
  let result = null;
  if (lang && hljs.getLanguage(lang)) result = hljs.highlight(text, { language: lang, ignoreIllegals: true });
  else if (final) result = hljs.highlightAuto(text);
  if (!result) return;
  code.innerHTML = result.value;
  code.classList.add("hljs");
}
