// Which battles a board counts (a prompt category) and, on the Ranking, what it holds equal.

import { api } from "./api.js";
import { $, escapeHtml } from "./dom.js";
import { state } from "./state.js";

const BOARDS = ["leaderboard", "elo", "bt"];
const LABELS = {
  coding: "Coding", math: "Math", creative_writing: "Creative writing",
  instruction_following: "Instruction following", hard_prompt: "Hard prompts",
};

const languages = new Set(); // the categories that are languages, as /api/categories last said

/** The query string a board's request carries for the chosen category and control. */
export function boardQuery(withControl) {
  const query = new URLSearchParams();
  if (state.filter.category) query.set("category", state.filter.category);
  if (withControl && state.filter.control) query.set("control", state.filter.control);
  const text = query.toString();
  return text ? "?" + text : "";
}

/** Wires the category pickers of every board and the Ranking's control switch; {@code reload(board)} redraws one. */
export function setUpFilters(reload) {
  BOARDS.forEach((board) => {
    const select = $(`${board}-category`);
    select.addEventListener("change", () => {
      state.filter.category = select.value;
      BOARDS.forEach((other) => { $(`${other}-category`).value = select.value; });
      reload(board);
    });
  });
  document.querySelectorAll('input[name="bt-control"]').forEach((radio) => radio.addEventListener("change", () => {
    state.filter.control = radio.value;
    reload("bt");
  }));
}

/**
 * Lists every topic (one without battles yet says so when chosen) and the languages prompts were
 * written in; the chosen category stays whatever its count.
 */
export async function fillCategories() {
  let listing;
  try {
    listing = await api("/api/categories");
  } catch {
    return; // the pickers keep "All battles"; the boards still work
  }
  listing.categories.filter((c) => c.kind === "language").forEach((c) => languages.add(c.name));
  const options = listing.categories
    .filter((c) => c.kind === "topic" || c.battles > 0 || c.name === state.filter.category)
    .map((c) => `<option value="${escapeHtml(c.name)}">${escapeHtml(label(c.name))} (${c.battles})</option>`).join("");
  BOARDS.forEach((board) => {
    const select = $(`${board}-category`);
    select.innerHTML = `<option value="">All battles (${listing.battles})</option>` + options;
    select.value = state.filter.category;
  });
}

/** A category as the page names it: "Creative writing", "French". */
export function label(name) {
  if (LABELS[name]) return LABELS[name];
  const words = name.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What the board above the table counts, in one line; a chosen category without battles says so. */
export function describeBoard(board) {
  if (board.battles === 0) return board.category ? EMPTY_CATEGORY : "";
  const name = board.category && label(board.category);
  const within = !name ? "" : languages.has(board.category) ? ` on prompts in ${name}` : ` on ${name.toLowerCase()} prompts`;
  const held = { style: "; answer length and markdown held equal", speed: "; speed held equal" }[board.control] || "";
  return `Fitted on ${board.battles} counted battle${board.battles === 1 ? "" : "s"}${within}${held}.`;
}

export const EMPTY_CATEGORY = "No battles in this category yet.";

/**
 * What the voters here pay for length, markdown or speed: one lead line, then one short line per
 * feature. An interval across zero is "no clear effect", whatever its middle: a young log cannot tell.
 */
export function describeCoefficients(coefficients, control) {
  const items = coefficients.map((c) => {
    // Style features are (a-b)/(a+b): an answer twice as long as the other sits at 1/3.
    const scale = c.unit === "doubling" ? 1 : 1 / 3;
    const [value, low, high] = [c.value, c.ci_low, c.ci_high].map((x) => x * scale);
    const what = `<strong>${escapeHtml(FEATURES[c.name] || c.name)}</strong>`;
    const range = `(${signed(low)} to ${signed(high)})`;
    if (low <= 0 && high >= 0) return `<li>${what}: no clear effect ${range}</li>`;
    const verdict = low > 0 ? "voters here reward it" : "voters here hold it against a model";
    return `<li>${what}: ${signed(value)}, ${verdict} ${range}</li>`;
  }).join("");
  const whose = control === "speed" ? "one model has twice the other's" : "one answer has twice the other's";
  return `<p>What voters here pay when ${whose}, in rating points (95% interval):</p><ul>${items}</ul>`;
}

const FEATURES = {
  length: "length", headers: "headers", list_items: "list items", bold: "bold text",
  tokens_per_second: "tokens per second", first_token_seconds: "wait for the first token",
};

export function signed(x) {
  const rounded = Math.round(x);
  return (rounded > 0 ? "+" : rounded < 0 ? "−" : "±") + Math.abs(rounded);
}
