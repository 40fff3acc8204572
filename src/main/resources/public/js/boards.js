// The sortable tables: leaderboard, ELO, Bradley-Terry and models.

import { api, BOARDS_LOADING, retryWhileBoardsLoad } from "./api.js";
import { drawStrengthCharts } from "./charts.js";
import { $, escapeHtml } from "./dom.js";
import { boardQuery, describeBoard, describeCoefficients, EMPTY_CATEGORY, fillCategories, signed } from "./filters.js";
import { state } from "./state.js";

const SPEED_COLUMNS = [
  ["tps", "Tokens/s", "Median generation speed over the model's latest answers"],
  ["ttft", "First token", "Median wait for the first token once the model is loaded (loading is on the Models tab)"],
];
const COLUMNS = {
  // The number a board is ranked by comes right after the name, so a phone shows it without scrolling.
  leaderboard: [
    ["rank", "Rank"], ["name", "Model"], ["score", "Score"], ["win_rate", "Win rate"], ["battles", "Battles"],
    ["wins", "Wins"], ["losses", "Losses"], ["ties", "Ties"], ["size_b", "Size (B)"], ...SPEED_COLUMNS,
  ],
  elo: [
    ["rank", "Rank"], ["name", "Model"], ["rating", "ELO"], ["battles", "Battles"], ["size_b", "Size (B)"],
    ["initial_rating", "Initial"], ["win_impact", "Win impact"], ["loss_impact", "Loss impact"], ...SPEED_COLUMNS,
  ],
  bt: [
    ["rank", "Rank", "Confident rank: the best rank the model can claim at 95% confidence"], ["name", "Model"], ["rating", "Rating"],
    ["ci", "95% interval"], ["battles", "Battles"], ["size_b", "Size (B)"],
    ["field_score", "Field", "Predicted chance against an average opponent here"],
    ["strength_per_b", "per B", "Field score per billion parameters"],
    ["flip_votes", "Swaps if", "How sure its place is: the fewest of its votes whose removal would swap it with the next model down"],
    ["both_bad_rate", "Both bad", "Share of its battles where the voter found both are bad"], ...SPEED_COLUMNS,
    ["answer_tokens", "Length", "Median answer length in tokens"],
  ],
  models: [
    ["name", "Model"], ["tag", "Ollama tag"], ["size_b", "Size (B)"], ["quantization", "Quantization"],
    ["status", "Status"], ["battles", "Battles"],
    ["cold_starts", "Cold starts", "Answers that waited for Ollama to load the model"],
    ["load", "Load time", "Median time Ollama took to load the model, over its cold starts"],
    ["last_error", "Last error", "The last answer of this model that failed, and why"],
  ],
};
// On a phone the Models tab is one line per model (name, size, status): these columns fold into
// a <details> under the name.
const FOLDED = { models: ["tag", "quantization", "battles", "cold_starts", "load", "last_error"] };
const TABLES = { leaderboard: "leaderboard-table", elo: "elo-table", bt: "bt-table", models: "models-table" };
const EMPTY = {
  models: "No models are approved: list some under models in arena_config.yaml, or set ollama.auto_discover.",
};

/**
 * Lifts the nested speed medians into plain columns, so they sort like the rest. A model without
 * battles has no rank: numbering it would rank untested models by name or size.
 */
function withSpeed(row) {
  const speed = row.speed || {};
  const unranked = row.battles === 0;
  return {
    ...row, unranked, rank: unranked ? null : row.rank,
    tps: speed.median_tokens_per_second, ttft: speed.median_ttft_ms, answer_tokens: speed.median_answer_tokens,
    cold_starts: speed.cold_starts, load: speed.median_load_ms,
  };
}

function format(key, value) {
  if (value == null) return "–";
  if (key === "win_rate") return (value * 100).toFixed(1) + "%";
  if (key === "score") return value.toFixed(3);
  if (key === "rating" || key === "initial_rating") return value.toFixed(0);
  if (key === "win_impact" || key === "loss_impact") return value.toFixed(1);
  if (key === "tps") return value.toFixed(1);
  if (key === "ttft" || key === "load") return value >= 1000 ? (value / 1000).toFixed(1) + " s" : value.toFixed(0) + " ms";
  if (key === "answer_tokens") return value.toFixed(0);
  if (key === "field_score") return (value * 100).toFixed(0) + "%";
  if (key === "strength_per_b") return (value * 100).toFixed(0) + "%";
  if (key === "both_bad_rate") return (value * 100).toFixed(0) + "%";
  if (key === "flip_votes") return value === 1 ? "1 vote goes" : `${value} votes go`;
  if (key === "shift") return signed(value);
  return String(value);
}

/** Shows why a table could not be loaded in the table's place. */
export function showTableError(name, error) {
  $(TABLES[name]).innerHTML = `<tr><td class="empty">${escapeHtml(error.message)}</td></tr>`;
}

/** The Leaderboard or ELO tab. */
export async function loadBoard(name) {
  fillCategories();
  try {
    const { rows } = await api((name === "elo" ? "/api/leaderboard/elo" : "/api/leaderboard") + boardQuery(false));
    // A category without battles lists every model unranked: say it has none instead.
    const empty = state.filter.category && rows.every((row) => row.battles === 0);
    state.boards[name] = empty ? [] : renumber(rows.map(withSpeed));
    drawBoard(name);
  } catch (e) {
    showTableError(name, retryWhileBoardsLoad(e, () => loadBoard(name)) ? { message: BOARDS_LOADING } : e);
  }
}

// The server numbers every model; with the untested ones unranked, the rest close the gaps they leave.
function renumber(rows) {
  let next = 1;
  [...rows].sort((x, y) => compare(x.rank, y.rank, 1)).forEach((row) => {
    if (row.rank != null) row.rank = next++;
  });
  return rows;
}

/** The Bradley-Terry tab: its table (of one category, with style or speed held equal if asked) and its two charts. */
export async function loadStrengths() {
  try {
    const control = state.filter.control;
    const [board, matrix, main, plain] = await Promise.all([
      api("/api/leaderboard/bt" + boardQuery(true)), api("/api/leaderboard/matrix"),
      api("/api/leaderboard" + boardQuery(false)), control ? api("/api/leaderboard/bt" + boardQuery(false)) : null,
      fillCategories(), // first, so the status line knows a language from a topic
    ]);
    const raw = new Map((plain ? plain.rows : []).map((row) => [row.model, row.rating]));
    const shift = (row) => (raw.has(row.model) ? row.rating - raw.get(row.model) : null);
    const fitted = board.rows.map((row) => withSpeed({
      ...row, rank: row.rank_upper_bound, ci: row.ci_high - row.ci_low, shift: shift(row),
      ciText: `${row.ci_low.toFixed(0)} – ${row.ci_high.toFixed(0)}`,
    }));
    // The fit leaves out models that never battled; the main board lists them, so this one does too.
    const missing = main.rows.filter((row) => !fitted.some((f) => f.model === row.model))
      .map((row) => withSpeed({ model: row.model, name: row.name, size_b: row.size_b, battles: 0, speed: row.speed }));
    const empty = board.category && board.battles === 0;
    state.boards.bt = empty ? [] : [...fitted, ...missing].map((row) => row.unranked ? { ...row, ciText: "–" } : row);
    $("bt-status").textContent = describeBoard(board);
    const prices = $("bt-coefficients");
    prices.hidden = !control || board.battles === 0;
    prices.innerHTML = control ? describeCoefficients(board.coefficients || [], control) : "";
    drawBoard("bt");
    drawStrengthCharts(board.rows, matrix);
  } catch (e) {
    showTableError("bt", retryWhileBoardsLoad(e, loadStrengths) ? { message: BOARDS_LOADING } : e);
  }
}

/**
 * With style or speed held equal, the Ranking shows beside each rating how far that moved it, and
 * drops "Swaps if", which only the plain fit counts.
 */
function columnsOf(name) {
  if (name !== "bt" || !state.filter.control) return COLUMNS[name];
  const columns = COLUMNS[name].filter(([key]) => key !== "flip_votes");
  const at = columns.findIndex(([key]) => key === "rating") + 1;
  const hint = `How far holding ${state.filter.control} equal moved the rating from the plain one: down if its ${state.filter.control} won it votes, up if it won despite it`;
  return [...columns.slice(0, at), ["shift", "Shift", hint], ...columns.slice(at)];
}

/** Draws a table from state.boards[name], sorted by state.sort[name]; its headers re-sort it. */
export function drawBoard(name) {
  const table = $(TABLES[name]);
  const columns = columnsOf(name);
  const sort = state.sort[name] || { key: "rank", dir: 1 };
  const rows = [...state.boards[name]].sort((x, y) =>
    Number(Boolean(x.unranked)) - Number(Boolean(y.unranked)) || compare(x[sort.key], y[sort.key], sort.dir) ||
    compare(x.rating, y.rating, -1) || compare(x.name, y.name, 1));
  const folded = FOLDED[name] || [];
  const fold = (key) => (folded.includes(key) ? ` class="fold"` : "");
  // The Ranking explains its rank in a line above the table; the header points to it.
  const note = $(name + "-rank-note");
  const head = columns.map(([key, label, hint]) => {
    const aria = sort.key === key ? (sort.dir > 0 ? "ascending" : "descending") : "none";
    const title = hint ? ` title="${escapeHtml(hint)}"` : "";
    const described = key === "rank" && note ? ` aria-describedby="${note.id}"` : "";
    return `<th scope="col" aria-sort="${aria}"${fold(key)}><button type="button" data-key="${key}"${title}${described}>${label}</button></th>`;
  }).join("");
  const changed = name === "models" ? [] : state.boards.changed || [];
  const body = rows.length === 0
    ? `<tr><td class="empty" colspan="${columns.length}">${state.filter.category && name !== "models" ? EMPTY_CATEGORY + " Pick another, or vote on such a prompt in the Battle Arena." : EMPTY[name] || "No battles yet: be the first to vote."}</td></tr>`
    : rows.map((row) => `<tr data-model="${escapeHtml(row.model)}" class="${changed.includes(row.model) ? "changed" : ""}">` +
        columns.map(([key]) => `<td${fold(key)}>${key === "name" && folded.length ? foldedName(row, columns, folded) : cell(key, row)}</td>`).join("") + "</tr>").join("");
  table.innerHTML = `<thead><tr>${head}</tr></thead><tbody>${body}</tbody>`;
  const legend = table.closest("section").querySelector(".legend");
  if (legend) legend.hidden = !rows.some((row) => changed.includes(row.model));
  table.querySelectorAll("th button").forEach((button) => button.addEventListener("click", () => {
    const key = button.dataset.key;
    const current = state.sort[name] || { key: "rank", dir: 1 };
    const numericDesc = key !== "rank" && key !== "name";
    state.sort[name] = current.key === key ? { key, dir: -current.dir } : { key, dir: numericDesc ? -1 : 1 };
    drawBoard(name);
    table.querySelector(`th button[data-key="${key}"]`).focus();
  }));
}

function cell(key, row) {
  if (key === "ci") return escapeHtml(row.ciText);
  if (key === "rank" && row.unranked) return `<span title="Unranked: no battles yet">–</span>`;
  if (key === "status") return row.available ? `<span class="badge ok">available</span>` : escapeHtml(row.status || "–");
  if (key === "name" && row.discovered) return `${escapeHtml(row.name)} <span class="badge" title="Found in Ollama, not listed in the config">discovered</span>`;
  const text = escapeHtml(format(key, row[key]));
  if (key !== "name") return text;
  const provisional = row.provisional ? ` <span class="badge" title="Fewer battles than the arena's minimum: the rating may still move a lot">provisional</span>` : "";
  const regularised = row.regularised ? ` <span class="badge" title="Never lost, never won, or never met the rest: the battles alone give no finite rating, so one virtual win and one virtual loss against the field place it">regularised</span>` : "";
  const unranked = row.unranked ? ` <span class="unranked">unranked, no battles yet</span>` : "";
  const retired = row.retired ? ` <span class="badge" title="Battles no more: removed from the arena, or an older version of a model pulled again">retired</span>` : "";
  return text + (row.unranked ? unranked : provisional + regularised + retired);
}

/** The name, whole on a wide screen; on a phone a <details> whose summary is the name and which holds the folded columns. */
function foldedName(row, columns, folded) {
  const name = cell("name", row);
  const facts = columns.filter(([key]) => folded.includes(key))
    .map(([key, label]) => `<dt>${label}</dt><dd>${escapeHtml(format(key, row[key]))}</dd>`).join("");
  return `<span class="whole">${name}</span><details class="folded"><summary>${name}</summary><dl>${facts}</dl></details>`;
}

// Missing values sort last whichever the direction: a dash at the top of a board says nothing.
function compare(x, y, dir) {
  if (x == null && y == null) return 0;
  if (x == null) return 1;
  if (y == null) return -1;
  return (typeof x === "string" ? x.localeCompare(y) : x - y) * dir;
}
