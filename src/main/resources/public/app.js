// The arena's page: battle, boards and charts. No build step; libraries come from the jar's webjars.

const $ = (id) => document.getElementById(id);
const SIDES = ["a", "b"];
const state = { battle: null, events: null, sides: {}, voted: false, prompt: "", sort: {}, boards: {} };

async function api(path, options = {}) {
  const init = { ...options, headers: { Accept: "application/json", ...(options.body ? { "Content-Type": "application/json" } : {}) } };
  const response = await fetch(path, init);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.message || `The server answered ${response.status}.`);
  }
  return body;
}

// ---- Markdown, rendered safely: model output is untrusted ----

// Beyond script, an answer must not restyle the page, take over its element ids or fake its
// controls (it could hide the other answer or the vote buttons), so those go too.
const SANITIZE = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "option", "label", "dialog"],
  FORBID_ATTR: ["style", "id", "name", "class", "for", "form"],
  ALLOW_DATA_ATTR: false,
};

function renderMarkdown(element, text) {
  if (!window.marked || !window.DOMPurify) {
    element.textContent = text;
    return;
  }
  element.innerHTML = window.DOMPurify.sanitize(window.marked.parse(text, { gfm: true, breaks: true }), SANITIZE);
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// ---- Header, banner, tabs ----

async function loadArena() {
  try {
    const arena = await api("/api/arena");
    $("arena-name").textContent = arena.name;
    $("arena-description").textContent = arena.description;
    document.title = arena.name;
    $("prompt").maxLength = arena.max_prompt_chars;
    $("publish-note").hidden = !arena.publishes_prompts;
    state.reading = arena.voting;
  } catch (e) {
    showBanner("The arena server cannot be reached. " + e.message);
  }
}

async function checkHealth() {
  try {
    const health = await api("/api/health");
    if (health.ollama === "checking") {
      showBanner("The arena has just started and is asking Ollama which models it has…");
      setTimeout(checkHealth, 1000);
    } else if (health.ollama !== "up") {
      showBanner("Ollama is not reachable, so no battle can start right now. The arena retries every 15 seconds.");
    } else if (health.models_available < 2) {
      showBanner(`Only ${health.models_available} model is available; a battle needs two. The operator should pull the approved models.`);
    } else {
      showBanner(null);
    }
  } catch (e) {
    showBanner("The arena server cannot be reached. " + e.message);
  }
}

function showBanner(message) {
  $("banner").hidden = !message;
  $("banner").textContent = message || "";
}

const TABS = ["battle", "leaderboard", "elo", "bt", "charts", "models"];

function selectTab(name, focus = false) {
  for (const tab of TABS) {
    const selected = tab === name;
    $("tab-" + tab).setAttribute("aria-selected", String(selected));
    $("tab-" + tab).tabIndex = selected ? 0 : -1;
    $("panel-" + tab).hidden = !selected;
  }
  if (focus) $("tab-" + name).focus();
  if (name === "leaderboard") loadBoard("leaderboard");
  if (name === "elo") loadBoard("elo");
  if (name === "bt") loadStrengths();
  if (name === "charts") loadCharts();
  if (name === "models") loadModels();
}

function setUpTabs() {
  TABS.forEach((tab, i) => {
    $("tab-" + tab).addEventListener("click", () => selectTab(tab));
    $("tab-" + tab).addEventListener("keydown", (event) => {
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (step) selectTab(TABS[(i + step + TABS.length) % TABS.length], true);
    });
  });
}

// ---- Battle ----

function resetPanes() {
  for (const side of SIDES) {
    state.sides[side] = { text: "", tokens: 0, firstAt: 0, finished: false, pending: false };
    $("label-" + side).textContent = "Model " + side.toUpperCase();
    $("pane-" + side).classList.remove("winner");
    $("answer-" + side).replaceChildren();
    setStatus(side, "Waiting for the model to load…", "");
  }
  state.voted = false;
  setVoting(false, "Voting opens when both answers are complete.");
  $("result").hidden = true;
  $("new-battle").hidden = true;
  $("retry").hidden = true;
}

function setStatus(side, text, kind) {
  const status = $("status-" + side);
  status.textContent = text;
  status.className = "status " + kind;
  const stateWord = text.split(/[·…:]/)[0].trim();
  if (status.dataset.announced !== stateWord) {
    status.dataset.announced = stateWord;
    $("announcer").textContent = `Model ${side.toUpperCase()}: ${text}`;
  }
}

function setVoting(enabled, note) {
  document.querySelectorAll(".votes button").forEach((b) => { b.disabled = !enabled; });
  $("vote-note").textContent = note;
}

async function startBattle(prompt) {
  const text = prompt.trim();
  if (!text) {
    $("vote-note").textContent = "Write a prompt first, or roll a random one with 🎲.";
    $("prompt").focus();
    return;
  }
  if (state.generating) return;
  setGenerating(true);
  try {
    const { id } = await api("/api/battles", { method: "POST", body: JSON.stringify({ prompt: text }) });
    state.prompt = text;
    state.startedAt = Date.now();
    history.replaceState(null, "", "#battle=" + id);
    follow(id);
  } catch (e) {
    setGenerating(false);
    setVoting(false, e.message);
    checkHealth();
  }
}

// One battle at a time: a second Generate would leave the first one running on the machine.
function setGenerating(on) {
  state.generating = on;
  $("generate").disabled = on;
  $("random-prompt").disabled = on;
}

function follow(id) {
  if (state.events) state.events.close();
  state.battle = id;
  setGenerating(true);
  resetPanes();
  const events = new EventSource(`/api/battles/${encodeURIComponent(id)}/events`);
  state.events = events;
  events.addEventListener("queued", (e) => {
    const { position } = JSON.parse(e.data);
    const ahead = position - 1;
    const line = ahead === 0 ? "Next in line: waiting for a free slot…" : `Waiting in line: ${ahead} ${ahead === 1 ? "battle" : "battles"} ahead…`;
    for (const side of SIDES) setStatus(side, line, "");
  });
  events.addEventListener("started", (e) => {
    const { side } = JSON.parse(e.data);
    if (!state.sides[side].firstAt) setStatus(side, "Waiting for the model to load…", "");
  });
  events.addEventListener("token", (e) => onToken(JSON.parse(e.data)));
  events.addEventListener("done", (e) => onDone(JSON.parse(e.data)));
  events.addEventListener("error", (e) => { if (e.data) onSideError(JSON.parse(e.data)); });
  events.addEventListener("end", (e) => { events.close(); onEnd(JSON.parse(e.data)); });
}

function onToken({ side, text }) {
  const s = state.sides[side];
  if (!s.firstAt) s.firstAt = performance.now();
  s.text += text;
  s.tokens += 1;
  const seconds = (performance.now() - s.firstAt) / 1000;
  const rate = seconds > 0.25 ? ` · ${(s.tokens / seconds).toFixed(1)} tokens/s` : "";
  setStatus(side, "Generating" + rate, "");
  scheduleRender(side);
}

function scheduleRender(side) {
  const s = state.sides[side];
  if (s.pending) return;
  s.pending = true;
  requestAnimationFrame(() => {
    s.pending = false;
    const answer = $("answer-" + side);
    renderMarkdown(answer, s.text);
    answer.classList.toggle("cursor", !s.finished);
  });
}

function onDone(d) {
  const s = state.sides[d.side];
  s.finished = true;
  const cut = d.done_reason === "length" ? " · cut at the length limit" : "";
  setStatus(d.side, `Done · ${d.eval_count} tokens · ${d.tokens_per_second.toFixed(1)} tokens/s · ${(d.total_ms / 1000).toFixed(1)} s${cut}`, "done");
  scheduleRender(d.side);
}

function onSideError({ side, message }) {
  state.sides[side].finished = true;
  setStatus(side, "Failed: " + message, "failed");
  scheduleRender(side);
}

async function onEnd({ status, reason }) {
  setGenerating(false);
  if (status === "ready") {
    const battle = await api(`/api/battles/${state.battle}`).catch(() => null);
    if (battle && battle.status === "voted") {
      reveal(battle.models, battle.winner, null, notCountedNote(battle));
      return;
    }
    const id = state.battle;
    const openVoting = () => {
      if (state.battle !== id || state.voted) return;
      setVoting(true, "Both answers are in. Which one is better?");
      if (!(document.activeElement instanceof HTMLTextAreaElement)) document.querySelector(".votes button").focus();
    };
    const wait = readingWait();
    if (wait > 0) {
      setVoting(false, `Both answers are in. Take a moment to read them: voting opens in ${Math.max(1, Math.round(wait / 1000))} s.`);
      setTimeout(openVoting, wait);
    } else {
      openVoting();
    }
  } else {
    setVoting(false, "This battle cannot be voted on: " + reason);
    $("retry").hidden = false;
    $("new-battle").hidden = false;
  }
}

// The server does not count a vote cast sooner than the answers can be read (voters.* in the
// config), so the buttons open only once that time has passed: a person's vote always counts.
function readingWait() {
  const rules = state.reading || { min_read_seconds: 0, reading_chars_per_second: 0 };
  let wait = rules.min_read_seconds * 1000;
  if (rules.reading_chars_per_second > 0 && state.startedAt) {
    const chars = Object.values(state.sides).reduce((sum, side) => sum + (side.text || "").length, 0);
    wait = Math.max(wait, (chars / rules.reading_chars_per_second) * 1000 - (Date.now() - state.startedAt));
  }
  return wait > 0 ? wait + 100 : 0; // a little margin: the server measures from a moment earlier
}

async function vote(winner) {
  if (state.voted || document.querySelector(".votes button").disabled) return;
  state.voted = true;
  setVoting(false, "Saving your vote…");
  try {
    const result = await api(`/api/battles/${state.battle}/vote`, { method: "POST", body: JSON.stringify({ winner }) });
    reveal(result.models, result.winner, result.standings, result.not_counted_because);
    state.boards.changed = result.counted ? [result.models.a.tag, result.models.b.tag] : [];
  } catch (e) {
    const battle = await api(`/api/battles/${state.battle}`).catch(() => null);
    if (battle && battle.status === "voted") {
      reveal(battle.models, battle.winner, null, notCountedNote(battle));
      return;
    }
    state.voted = false;
    setVoting(true, e.message);
  }
}

function notCountedNote(battle) {
  return battle.identity_giveaway ? `An answer names a model or its maker ("${battle.identity_giveaway}"), so this vote does not count toward the boards.` : null;
}

function reveal(models, winner, standings, notCounted) {
  state.voted = true;
  const lines = [];
  for (const side of SIDES) {
    const m = models[side];
    const size = m.size_b != null ? ` · ${m.size_b}B parameters` : "";
    $("label-" + side).textContent = `Model ${side.toUpperCase()}: ${m.name}`;
    $("pane-" + side).classList.toggle("winner", winner === side);
    let change = "";
    if (standings && standings[side] && standings[side].elo_change != null) {
      const delta = standings[side].elo_change;
      const cls = delta >= 0 ? "change-up" : "change-down";
      // A hidden model has no rank: it is not on the board.
      const rank = standings[side].main.rank;
      change = ` · ELO <span class="${cls}">${delta >= 0 ? "+" : "−"}${Math.abs(delta).toFixed(1)}</span> → ${standings[side].elo.rating.toFixed(0)}` +
        (rank != null ? ` · leaderboard rank ${rank}` : "");
    }
    lines.push(`<p><strong>Model ${side.toUpperCase()}</strong> was <strong>${escapeHtml(m.name)}</strong>${escapeHtml(size)}${change}</p>`);
  }
  const verdict = { a: "You preferred Model A.", b: "You preferred Model B.", tie: "You called it a tie.", both_bad: "You found both answers bad." }[winner];
  const note = notCounted ? `<p class="muted">${escapeHtml(notCounted)}</p>` : "";
  $("result").innerHTML = `<p>${verdict} Thanks for voting!</p>` + lines.join("") + note;
  $("result").hidden = false;
  setVoting(false, "Your vote is recorded.");
  $("new-battle").hidden = false;
  $("new-battle").focus();
}

async function resume() {
  const match = location.hash.match(/^#battle=([A-Za-z0-9_-]{22})$/);
  if (!match) return;
  const response = await fetch(`/api/battles/${match[1]}`, { headers: { Accept: "application/json" } }).catch(() => null);
  if (response && response.status === 404) {
    history.replaceState(null, "", location.pathname);
    return;
  }
  if (!response || !response.ok) {
    setVoting(false, "This battle cannot be loaded right now; reload the page to try again.");
    return;
  }
  const battle = await response.json();
  $("prompt").value = battle.prompt;
  state.prompt = battle.prompt;
  follow(battle.id);
}

async function randomPrompt() {
  try {
    const { prompt } = await api("/api/prompts/random");
    $("prompt").value = prompt;
    $("prompt").focus();
  } catch (e) {
    $("vote-note").textContent = e.message;
  }
}

function newBattle() {
  if (state.events) state.events.close();
  history.replaceState(null, "", location.pathname);
  state.battle = null;
  resetPanes();
  for (const side of SIDES) setStatus(side, "Waiting for a prompt", "");
  setVoting(false, "Voting opens when both answers are complete.");
  $("prompt").select();
  $("prompt").focus();
}

function setUpBattle() {
  $("prompt-form").addEventListener("submit", (event) => { event.preventDefault(); startBattle($("prompt").value); });
  $("prompt").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      startBattle($("prompt").value);
    }
  });
  $("random-prompt").addEventListener("click", randomPrompt);
  document.querySelectorAll(".votes button").forEach((b) => b.addEventListener("click", () => vote(b.dataset.winner)));
  $("new-battle").addEventListener("click", newBattle);
  $("retry").addEventListener("click", () => startBattle(state.prompt || $("prompt").value));
  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement;
    const winner = { 1: "a", 2: "b", 3: "tie", 4: "both_bad" }[event.key];
    if (!typing && winner && !event.ctrlKey && !event.metaKey && !event.altKey && $("tab-battle").getAttribute("aria-selected") === "true") {
      vote(winner);
    }
  });
}

// ---- Boards ----

const SPEED_COLUMNS = [
  ["tps", "Tokens/s", "Median generation speed over the model's latest answers"],
  ["ttft", "First token", "Median wait for the first token, model loading included"],
];
const COLUMNS = {
  leaderboard: [
    ["rank", "Rank"], ["name", "Model"], ["size_b", "Size (B)"], ["wins", "Wins"], ["losses", "Losses"],
    ["ties", "Ties"], ["battles", "Battles"], ["win_rate", "Win rate"], ["score", "Score"], ...SPEED_COLUMNS,
  ],
  elo: [
    ["rank", "Rank"], ["name", "Model"], ["size_b", "Size (B)"], ["rating", "ELO"], ["initial_rating", "Initial"],
    ["win_impact", "Win impact"], ["loss_impact", "Loss impact"], ["battles", "Battles"], ...SPEED_COLUMNS,
  ],
  bt: [
    ["rank", "Rank", "Best rank the model can claim with 95% confidence"], ["name", "Model"], ["size_b", "Size (B)"],
    ["rating", "Rating"], ["ci", "95% interval"], ["field_score", "Field", "Predicted chance against an average opponent here"],
    ["strength_per_b", "per B", "Field score per billion parameters"], ["battles", "Battles"], ...SPEED_COLUMNS,
    ["answer_tokens", "Length", "Median answer length in tokens"],
  ],
};
COLUMNS.models = [
  ["name", "Model"], ["tag", "Ollama tag"], ["size_b", "Size (B)"], ["quantization", "Quantization"],
  ["status", "Status"], ["battles", "Battles"], ["last_error", "Last error", "The last answer of this model that failed, and why"],
];
const TABLES = { leaderboard: "leaderboard-table", elo: "elo-table", bt: "bt-table", models: "models-table" };
const EMPTY = {
  models: "No models are approved: list some under models in arena_config.yaml, or set ollama.auto_discover.",
};

/** Lifts the nested speed medians into plain columns, so they sort like the rest. */
function withSpeed(row) {
  const speed = row.speed || {};
  return { ...row, tps: speed.median_tokens_per_second, ttft: speed.median_ttft_ms, answer_tokens: speed.median_answer_tokens };
}

function format(key, value) {
  if (value == null) return "–";
  if (key === "win_rate") return (value * 100).toFixed(1) + "%";
  if (key === "score") return value.toFixed(3);
  if (key === "rating" || key === "initial_rating") return value.toFixed(0);
  if (key === "win_impact" || key === "loss_impact") return value.toFixed(1);
  if (key === "tps") return value.toFixed(1);
  if (key === "ttft") return value >= 1000 ? (value / 1000).toFixed(1) + " s" : value.toFixed(0) + " ms";
  if (key === "answer_tokens") return value.toFixed(0);
  if (key === "field_score") return (value * 100).toFixed(0) + "%";
  if (key === "strength_per_b") return (value * 100).toFixed(0) + "%";
  return String(value);
}

async function loadBoard(name) {
  try {
    const { rows } = await api(name === "elo" ? "/api/leaderboard/elo" : "/api/leaderboard");
    state.boards[name] = rows.map(withSpeed);
    drawBoard(name);
  } catch (e) {
    $(TABLES[name]).innerHTML = `<tr><td class="empty">${escapeHtml(e.message)}</td></tr>`;
  }
}

async function loadModels() {
  try {
    const { ollama, models } = await api("/api/models");
    state.sort.models = state.sort.models || { key: "name", dir: 1 };
    state.boards.models = models.map((m) => ({
      ...m, model: m.tag, status: m.available ? "available" : m.reason,
      last_error: m.last_error ? `${m.last_error.message} (${new Date(m.last_error.at).toLocaleString()})` : null,
    }));
    const available = models.filter((m) => m.available).length;
    $("models-status").textContent = `Ollama is ${ollama}. ${available} of ${models.length} models can battle now.`;
    drawBoard("models");
  } catch (e) {
    $("models-table").innerHTML = `<tr><td class="empty">${escapeHtml(e.message)}</td></tr>`;
  }
}

async function loadStrengths() {
  try {
    const [board, matrix] = await Promise.all([api("/api/leaderboard/bt"), api("/api/leaderboard/matrix")]);
    state.boards.bt = board.rows.map((row) => ({
      ...withSpeed(row), rank: row.rank_upper_bound, ci: row.ci_high - row.ci_low,
      ciText: `${row.ci_low.toFixed(0)} – ${row.ci_high.toFixed(0)}`,
    }));
    $("bt-status").textContent = board.battles > 0 ? `Fitted on ${board.battles} counted battles.` : "";
    drawBoard("bt");
    if (window.echarts) {
      drawIntervals(board.rows);
      drawPredicted(matrix);
    }
  } catch (e) {
    $("bt-table").innerHTML = `<tr><td class="empty">${escapeHtml(e.message)}</td></tr>`;
  }
}

function drawBoard(name) {
  const table = $(TABLES[name]);
  const columns = COLUMNS[name];
  const sort = state.sort[name] || { key: "rank", dir: 1 };
  const rows = [...state.boards[name]].sort((x, y) => compare(x[sort.key], y[sort.key]) * sort.dir);
  const head = columns.map(([key, label, hint]) => {
    const aria = sort.key === key ? (sort.dir > 0 ? "ascending" : "descending") : "none";
    const title = hint ? ` title="${hint}"` : "";
    return `<th scope="col" aria-sort="${aria}"><button type="button" data-key="${key}"${title}>${label}</button></th>`;
  }).join("");
  const changed = name === "models" ? [] : state.boards.changed || [];
  const body = rows.length === 0
    ? `<tr><td class="empty" colspan="${columns.length}">${EMPTY[name] || "No battles yet: be the first to vote."}</td></tr>`
    : rows.map((row) => `<tr data-model="${escapeHtml(row.model)}" class="${changed.includes(row.model) ? "changed" : ""}">` +
        columns.map(([key]) => `<td>${cell(key, row)}</td>`).join("") + "</tr>").join("");
  table.innerHTML = `<thead><tr>${head}</tr></thead><tbody>${body}</tbody>`;
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
  if (key === "status") return row.available ? `<span class="badge ok">available</span>` : escapeHtml(row.status || "–");
  if (key === "name" && row.discovered) return `${escapeHtml(row.name)} <span class="badge" title="Found in Ollama, not listed in the config">discovered</span>`;
  const text = escapeHtml(format(key, row[key]));
  if (key !== "name") return text;
  const provisional = row.provisional ? ` <span class="badge" title="Fewer battles than the arena's minimum: the rating may still move a lot">provisional</span>` : "";
  const regularised = row.regularised ? ` <span class="badge" title="Never lost, never won, or never met the rest: the battles alone give no finite rating, so one virtual win and one virtual loss against the field place it">regularised</span>` : "";
  return text + provisional + regularised;
}

function compare(x, y) {
  if (x == null && y == null) return 0;
  if (x == null) return 1;
  if (y == null) return -1;
  return typeof x === "string" ? x.localeCompare(y) : x - y;
}

// ---- Charts ----

const charts = {};
const dark = window.matchMedia("(prefers-color-scheme: dark)");

function chart(id) {
  if (!charts[id]) {
    charts[id] = window.echarts.init($(id), dark.matches ? "dark" : null);
  }
  return charts[id];
}

async function loadCharts() {
  if (!window.echarts) return;
  try {
    const [board, history, h2h, strengths] = await Promise.all([
      api("/api/leaderboard"), api("/api/leaderboard/elo/history"), api("/api/leaderboard/head-to-head"),
      api("/api/leaderboard/bt"),
    ]);
    drawResults(board.rows);
    drawHistory(history);
    drawSpeed(strengths.rows);
    drawHeadToHead(h2h);
  } catch (e) {
    showBanner("The charts could not be loaded: " + e.message);
  }
}

function baseOption() {
  return { backgroundColor: "transparent", textStyle: { fontFamily: "system-ui, sans-serif" }, animationDuration: 400 };
}

function drawResults(rows) {
  const played = rows.filter((r) => r.battles > 0);
  const names = played.map((r) => r.name);
  chart("chart-results").setOption({
    ...baseOption(),
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0 },
    grid: { left: 28, right: 8, bottom: 8, top: 64, containLabel: true },
    xAxis: { type: "category", data: names, axisLabel: { rotate: 30, interval: 0, width: 110, overflow: "truncate" } },
    yAxis: [{ type: "value", name: "Battles" }, { type: "value", name: "Score", min: 0, max: 1 }],
    series: [
      { name: "Wins", type: "bar", stack: "results", data: played.map((r) => r.wins), itemStyle: { color: "#2e9e5b" } },
      { name: "Losses", type: "bar", stack: "results", data: played.map((r) => r.losses), itemStyle: { color: "#d9534f" } },
      { name: "Ties", type: "bar", stack: "results", data: played.map((r) => r.ties), itemStyle: { color: "#9aa3b5" } },
      { name: "Score", type: "line", yAxisIndex: 1, data: played.map((r) => Number(r.score.toFixed(3))), symbolSize: 8 },
    ],
  }, true);
}

function drawHistory(history) {
  chart("chart-elo").setOption({
    ...baseOption(),
    tooltip: { trigger: "axis", valueFormatter: (v) => (v == null ? "–" : Number(v).toFixed(0)) },
    legend: { type: "scroll", top: 0 },
    grid: { left: 8, right: 16, bottom: 28, top: 64, containLabel: true },
    xAxis: { type: "value", name: "Battles counted", nameLocation: "middle", nameGap: 26, min: 0, max: Math.max(1, history.battles) },
    yAxis: { type: "value", scale: true, name: "ELO" },
    series: history.models.map((m) => ({ name: m.name, type: "line", showSymbol: false, data: history.series[m.model] || [] })),
  }, true);
}

function drawHeadToHead(h2h) {
  const names = h2h.models.map((m) => m.name);
  const index = Object.fromEntries(h2h.models.map((m, i) => [m.model, i]));
  const data = h2h.cells.map((c) => ({ value: [index[c.col], index[c.row], Number((c.win_rate * 100).toFixed(1))], cell: c }));
  chart("chart-h2h").setOption({
    ...baseOption(),
    tooltip: {
      formatter: (p) => {
        const c = p.data.cell;
        return `${escapeHtml(names[index[c.row]])} vs ${escapeHtml(names[index[c.col]])}<br>` +
          `won ${c.wins}, lost ${c.losses}, tied ${c.ties} of ${c.battles} battles (${(c.win_rate * 100).toFixed(0)}%)`;
      },
    },
    grid: { left: 8, right: 16, bottom: 56, top: 8, containLabel: true },
    xAxis: { type: "category", data: names, axisLabel: { rotate: 30, interval: 0, width: 110, overflow: "truncate" } },
    yAxis: { type: "category", data: names, inverse: true, axisLabel: { interval: 0, width: 110, overflow: "truncate" } },
    visualMap: { min: 0, max: 100, calculable: false, orient: "horizontal", left: "center", bottom: 0, itemHeight: 120, text: ["100% won", "0%"], inRange: { color: ["#d9534f", "#f5f0d0", "#2e9e5b"] } },
    series: [{ type: "heatmap", data, label: { show: h2h.models.length <= 10, formatter: (p) => p.data.value[2] + "%" } }],
  }, true);
}

function drawIntervals(rows) {
  const names = rows.map((r) => r.name);
  chart("chart-bt").setOption({
    ...baseOption(),
    tooltip: {
      trigger: "axis", axisPointer: { type: "shadow" },
      formatter: (params) => {
        const r = rows[params[0].dataIndex];
        return `${escapeHtml(r.name)}<br>rating ${r.rating.toFixed(0)}, 95% interval ${r.ci_low.toFixed(0)} – ${r.ci_high.toFixed(0)}` +
          `<br>${r.battles} battles${r.provisional ? " (provisional)" : ""}${r.regularised ? " (regularised)" : ""}`;
      },
    },
    grid: { left: 8, right: 16, bottom: 8, top: 24, containLabel: true },
    xAxis: { type: "category", data: names, axisLabel: { rotate: 30, interval: 0, width: 110, overflow: "truncate" } },
    yAxis: { type: "value", scale: true, name: "Rating" },
    series: [
      {
        name: "95% interval", type: "custom", itemStyle: { color: "#6b7a99" },
        data: rows.map((r, i) => [i, r.ci_low, r.ci_high]),
        encode: { x: 0, y: [1, 2] },
        renderItem: (params, api) => {
          const low = api.coord([api.value(0), api.value(1)]);
          const high = api.coord([api.value(0), api.value(2)]);
          const half = Math.min(10, api.size([1, 0])[0] * 0.2);
          const style = { stroke: api.visual("color"), lineWidth: 2 };
          return {
            type: "group", children: [
              { type: "line", shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
              { type: "line", shape: { x1: low[0] - half, y1: low[1], x2: low[0] + half, y2: low[1] }, style },
              { type: "line", shape: { x1: high[0] - half, y1: high[1], x2: high[0] + half, y2: high[1] }, style },
            ],
          };
        },
        z: 1,
      },
      { name: "Rating", type: "scatter", data: rows.map((r) => Number(r.rating.toFixed(1))), symbolSize: 10, itemStyle: { color: "#3867d6" }, z: 2 },
    ],
  }, true);
}

function drawPredicted(matrix) {
  const names = matrix.names;
  const data = [];
  matrix.predicted.forEach((row, i) => row.forEach((p, j) => {
    if (i !== j) data.push({ value: [j, i, Math.round(p * 100)], observed: matrix.observed[i][j], battles: matrix.battles[i][j] });
  }));
  chart("chart-predicted").setOption({
    ...baseOption(),
    tooltip: {
      formatter: (p) => {
        const [j, i, predicted] = p.data.value;
        const seen = p.data.battles > 0 ? `observed ${Math.round(p.data.observed * 100)}% in ${p.data.battles} battles` : "never met yet";
        return `${escapeHtml(names[i])} vs ${escapeHtml(names[j])}<br>predicted ${predicted}% · ${seen}`;
      },
    },
    grid: { left: 8, right: 16, bottom: 56, top: 8, containLabel: true },
    xAxis: { type: "category", data: names, axisLabel: { rotate: 30, interval: 0, width: 110, overflow: "truncate" } },
    yAxis: { type: "category", data: names, inverse: true, axisLabel: { interval: 0, width: 110, overflow: "truncate" } },
    visualMap: { min: 0, max: 100, calculable: false, orient: "horizontal", left: "center", bottom: 0, itemHeight: 120, text: ["100% predicted", "0%"], inRange: { color: ["#d9534f", "#f5f0d0", "#2e9e5b"] } },
    series: [{ type: "heatmap", data, label: { show: names.length <= 10, formatter: (p) => p.data.value[2] + "%" } }],
  }, true);
}

function drawSpeed(rows) {
  const measured = rows.filter((r) => r.speed && r.speed.median_tokens_per_second != null);
  chart("chart-speed").setOption({
    ...baseOption(),
    tooltip: {
      formatter: (p) => {
        const r = measured[p.dataIndex];
        return `${escapeHtml(r.name)}<br>${r.speed.median_tokens_per_second.toFixed(1)} tokens/s (median of ${r.speed.answers} answers)` +
          `<br>rating ${r.rating.toFixed(0)} (${r.ci_low.toFixed(0)} – ${r.ci_high.toFixed(0)})` + (r.size_b ? `<br>${r.size_b} B parameters` : "");
      },
    },
    grid: { left: 8, right: 24, bottom: 28, top: 32, containLabel: true },
    xAxis: {
      type: "value", name: "Median tokens/s (faster →)", nameLocation: "middle", nameGap: 26,
      min: (v) => Math.max(0, Math.floor(v.min * 0.85)), max: (v) => Math.ceil(v.max * 1.15),
    },
    yAxis: { type: "value", name: "Rating", scale: true, nameTextStyle: { align: "left" } },
    series: [{
      type: "scatter",
      data: measured.map((r) => [r.speed.median_tokens_per_second, r.rating]),
      symbolSize: (value, p) => 10 + 3 * Math.sqrt(measured[p.dataIndex].size_b || 1),
      label: { show: true, position: "top", formatter: (p) => measured[p.dataIndex].name, fontSize: 11 },
      labelLayout: { hideOverlap: true },
      itemStyle: { color: "#4f7be0", opacity: 0.85 },
    }],
  }, true);
}

window.addEventListener("resize", () => Object.values(charts).forEach((c) => c.resize()));
dark.addEventListener("change", () => {
  Object.keys(charts).forEach((id) => { charts[id].dispose(); delete charts[id]; });
  if (!$("panel-charts").hidden) loadCharts();
  if (!$("panel-bt").hidden) loadStrengths();
});

// ---- Start ----

setUpTabs();
setUpBattle();
loadArena();
checkHealth();
setInterval(checkHealth, 15000);
resume();
