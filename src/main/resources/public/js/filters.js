// Which battles a board counts (a prompt category) and, on the Ranking, what it holds equal.

import { api } from "./api.js";
import { $, escapeHtml } from "./dom.js";
import { state } from "./state.js";

const BOARDS = ["leaderboard", "elo", "bt"];
const LABELS = {
  coding: "Coding", math: "Math", creative_writing: "Creative writing",
  instruction_following: "Instruction following", hard_prompt: "Hard prompts",
};

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

/** Lists the categories that have counted battles (and the one chosen, whatever its count). */
export async function fillCategories() {
  let listing;
  try {
    listing = await api("/api/categories");
  } catch {
    return; // the pickers keep "All battles"; the boards still work
  }
  const options = listing.categories
    .filter((c) => c.battles > 0 || c.name === state.filter.category)
    .map((c) => `<option value="${escapeHtml(c.name)}">${escapeHtml(label(c))} (${c.battles})</option>`).join("");
  BOARDS.forEach((board) => {
    const select = $(`${board}-category`);
    select.innerHTML = `<option value="">All battles (${listing.battles})</option>` + options;
    select.value = state.filter.category;
  });
}

function label(category) {
  if (LABELS[category.name]) return LABELS[category.name];
  const words = category.name.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One sentence per fitted price: what the voters here pay for length, markdown or speed. */
export function describeCoefficients(coefficients) {
  return coefficients.map((c) => {
    // Style features are (a-b)/(a+b): an answer twice as long as the other sits at 1/3.
    const scale = c.unit === "doubling" ? 1 : 1 / 3;
    const [value, low, high] = [c.value, c.ci_low, c.ci_high].map((x) => x * scale);
    const range = `95% interval ${signed(low)} to ${signed(high)}`;
    const what = FEATURES[c.name] || c.name;
    const verdict = low > 0 ? "voters here reward it" : high < 0 ? "voters here hold it against a model" : "no clear effect";
    return `<li><strong>${escapeHtml(what)}</strong>: ${signed(value)} rating points (${range}); ${verdict}.</li>`;
  }).join("");
}

const FEATURES = {
  length: "An answer twice as long as the other",
  headers: "Twice the headers of the other answer",
  list_items: "Twice the list items",
  bold: "Twice the bold text",
  tokens_per_second: "Twice the other model's tokens per second",
  first_token_seconds: "Twice the other's wait for the first token",
};

function signed(x) {
  const rounded = Math.round(x);
  return (rounded > 0 ? "+" : rounded < 0 ? "−" : "±") + Math.abs(rounded);
}
