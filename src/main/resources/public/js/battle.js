// A battle: the prompt, both answers streaming in from the server's events, and a reload
// resuming the battle named in the URL fragment.

import { api, path, refusal } from "./api.js";
import { checkHealth } from "./arena.js";
import { copyFrom } from "./copy.js";
import { $ } from "./dom.js";
import { BattleEvents } from "./events.js";
import { renderMarkdown } from "./markdown.js";
import { newSide, SIDES, state } from "./state.js";
import { clearVoteMark, openVotingAfterReading, revealVoted, setVoting, vote } from "./vote.js";

function resetPanes() {
  for (const side of SIDES) {
    state.sides[side] = newSide();
    $("label-" + side).textContent = "Model " + side.toUpperCase();
    $("pane-" + side).classList.remove("winner");
    $("answer-" + side).replaceChildren();
    $("history-" + side).replaceChildren();
    $("asked-" + side).hidden = true;
    $("copy-" + side).hidden = true;
    setStatus(side, "Waiting to start…", "");
  }
  state.voted = false;
  clearVoteMark();
  setVoting(false, "Voting opens when both answers are complete.");
  $("result").hidden = true;
  $("new-battle").hidden = true;
  $("retry").hidden = true;
  $("new-pair").hidden = true;
  $("follow-up").hidden = true;
  state.turn = 1;
  state.turnsExpected = 1;
  state.lastEventId = "";
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

async function startBattle(prompt) {
  const text = prompt.trim();
  if (!text) {
    $("vote-note").textContent = "Write a prompt first, or roll a random one with 🎲.";
    $("prompt").focus();
    return;
  }
  if (state.generating) return;
  setGenerating(true);
  // Generate is now disabled and the prompt should not take the vote keys: the answers hold the
  // focus, without scrolling the page.
  $("answers").focus({ preventScroll: true });
  try {
    const { id, response } = await openBattle("/api/battles", JSON.stringify({ prompt: text }));
    state.prompt = text;
    state.asked = text;
    state.startedAt = Date.now();
    history.replaceState(null, "", "#battle=" + id);
    follow(id, { response });
  } catch (e) {
    setGenerating(false);
    setVoting(false, e.message);
    checkHealth();
  }
}

/**
 * Makes a battle; the answer is its event stream itself, so the first token comes one request
 * sooner than with the id first and the stream after.
 */
async function openBattle(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { Accept: "text/event-stream", ...(body ? { "Content-Type": "application/json" } : {}) },
    body,
  });
  if (!response.ok) throw await refusal(response);
  return { id: response.headers.get("Location").split("/").pop(), response };
}

// One battle at a time: a second Generate would leave the first one running on the machine.
function setGenerating(on) {
  state.generating = on;
  $("generate").disabled = on;
  $("random-prompt").disabled = on;
}

/**
 * Plays the battle's events into the panes: from the start ({@code turns}: how many turns it has, so
 * that a replay does not stop at an earlier turn's end), or after {@code after} for a follow-up.
 */
function follow(id, { turns = 1, after = "", response = null } = {}) {
  if (state.events) state.events.close();
  state.battle = id;
  setGenerating(true);
  if (!after) {
    resetPanes();
    state.turnsExpected = turns;
    $("new-pair").hidden = false;
  }
  const events = response ? BattleEvents.fromResponse(id, response) : BattleEvents.open(id, after);
  state.events = events;
  const listen = (name, handle) => events.addEventListener(name, (e) => {
    if (e.lastEventId) state.lastEventId = e.lastEventId;
    handle(e);
  });
  listen("turn", (e) => onTurn(JSON.parse(e.data)));
  listen("queued", (e) => {
    const { position } = JSON.parse(e.data);
    const ahead = position - 1;
    const line = ahead === 0 ? "Next in line: waiting for a free slot…" : `Waiting in line: ${ahead} ${ahead === 1 ? "battle" : "battles"} ahead…`;
    for (const side of SIDES) setStatus(side, line, "");
  });
  listen("started", (e) => {
    const { side, loading } = JSON.parse(e.data);
    state.sides[side].started = true;
    if (!state.sides[side].firstAt) setStatus(side, loading ? "Loading the model (cold start)…" : "Thinking…", "");
    // One after the other, the second side starts only once the first is done; at once, both
    // start within moments, so the other side is given that moment before it is said to wait.
    const other = side === "a" ? "b" : "a";
    setTimeout(() => {
      if (state.battle === id && !state.sides[other].started && !state.sides[other].finished) {
        setStatus(other, "Waiting for its turn (the other side answers first)…", "");
      }
    }, 400);
  });
  listen("token", (e) => onToken(JSON.parse(e.data)));
  listen("done", (e) => onDone(JSON.parse(e.data)));
  listen("error", (e) => { if (e.data) onSideError(JSON.parse(e.data)); });
  listen("end", (e) => {
    const end = JSON.parse(e.data);
    if (state.turn < state.turnsExpected && end.status === "ready") return; // an earlier turn's end in a replay
    events.close();
    onEnd(end);
  });
}

/** A follow-up turn begins: each pane keeps the turn so far above, and streams the new answer below. */
function onTurn({ turn, prompt }) {
  state.turn = turn;
  state.turnsExpected = Math.max(state.turnsExpected, turn);
  for (const side of SIDES) {
    const past = document.createElement("div");
    past.className = "turn";
    const asked = $("asked-" + side);
    if (!asked.hidden) past.append(asked.cloneNode(true));
    else past.append(askedLine(state.asked || state.prompt));
    // Rendered afresh rather than moved: in a fast replay the pane's last render may still be pending.
    const answer = document.createElement("div");
    answer.className = "answer";
    past.append(answer);
    past.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
    $("history-" + side).append(past);
    renderMarkdown(answer, state.sides[side].text, { final: true, name: `answer ${side.toUpperCase()}, turn ${turn - 1}`, redraw: () => {} });
    $("answer-" + side).replaceChildren();
    asked.textContent = "You: " + prompt;
    asked.hidden = false;
    state.sides[side] = newSide();
    $("copy-" + side).hidden = true;
    setStatus(side, "Waiting to start…", "");
  }
  state.asked = prompt;
}

function askedLine(prompt) {
  const line = document.createElement("p");
  line.className = "asked";
  line.textContent = "You: " + prompt;
  return line;
}

/** Sends a follow-up to both models; the battle's events go on with its answers. */
async function askFollowUp() {
  const text = $("follow-up-prompt").value.trim();
  if (!text || state.generating || state.voted || !state.battle) {
    if (!text) $("follow-up-prompt").focus();
    return;
  }
  $("ask-follow-up").disabled = true;
  setVoting(false, "Both models are answering your follow-up; voting opens again once both are done.");
  try {
    const { turn } = await api(path`/api/battles/${state.battle}/turns`, { method: "POST", body: JSON.stringify({ prompt: text }) });
    $("follow-up-prompt").value = "";
    $("follow-up").hidden = true;
    state.turnsExpected = turn;
    state.startedAt = Date.now();
    follow(state.battle, { after: state.lastEventId || "0" });
    $("answers").focus({ preventScroll: true });
  } catch (e) {
    setVoting(true, e.message);
    if (e.status === 409) $("follow-up").hidden = true;
  } finally {
    $("ask-follow-up").disabled = false;
  }
}

function showFollowUp() {
  const left = state.maxTurns - state.turn;
  $("follow-up").hidden = left <= 0 || state.voted;
  $("follow-up-left").textContent = left === 1 ? "(one follow-up left)" : `(${left} follow-ups left)`;
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
    const name = "answer " + side.toUpperCase();
    renderMarkdown(answer, s.text, { final: s.finished, name, redraw: () => scheduleRender(side) });
    answer.classList.toggle("cursor", !s.finished);
    $("copy-" + side).hidden = !s.finished || !s.text;
  });
}

function onDone(d) {
  const s = state.sides[d.side];
  s.finished = true;
  const cut = d.done_reason === "length" ? " · cut at the length limit" : "";
  // The load is shown apart: a model is not slow because the battle before left another in memory.
  const load = d.load_ms >= 100 ? ` · loaded in ${(d.load_ms / 1000).toFixed(1)} s` : "";
  const firstToken = ` · first token ${((d.ttft_ms - d.load_ms) / 1000).toFixed(1)} s`;
  setStatus(d.side, `Done · ${d.eval_count} tokens · ${d.tokens_per_second.toFixed(1)} tokens/s${firstToken}${load} · ${(d.total_ms / 1000).toFixed(1)} s${cut}`, "done");
  scheduleRender(d.side);
}

function onSideError({ side, message }) {
  state.sides[side].finished = true;
  setStatus(side, "Failed: " + message, "failed");
  scheduleRender(side);
}

async function onEnd({ status, reason }) {
  setGenerating(false);
  if (status === "skipped") return; // passed over for a new pair: the page follows that one now
  if (status === "ready") {
    const battle = await api(path`/api/battles/${state.battle}`).catch(() => null);
    if (battle && battle.status === "voted") {
      revealVoted(battle);
      return;
    }
    openVotingAfterReading();
    showFollowUp();
  } else {
    setVoting(false, "This battle cannot be voted on: " + reason);
    $("new-pair").hidden = true;
    $("follow-up").hidden = true;
    $("retry").hidden = false;
    $("new-battle").hidden = false;
  }
}

/** Follows the battle named in the URL fragment, so a reload carries on where it was. */
export async function resume() {
  const match = location.hash.match(/^#battle=([A-Za-z0-9_-]{22})$/);
  if (!match) return;
  let battle;
  try {
    battle = await api(path`/api/battles/${match[1]}`);
  } catch (e) {
    if (e.status === 404) {
      history.replaceState(null, "", location.pathname);
    } else {
      setVoting(false, "This battle cannot be loaded right now; reload the page to try again.");
    }
    return;
  }
  $("prompt").value = battle.prompt;
  state.prompt = battle.prompt;
  state.asked = battle.prompt;
  follow(battle.id, { turns: battle.turns ? battle.turns.length : 1 });
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

/** Passes this battle over for other models on the same prompt; it closes uncounted. */
async function newPair() {
  const old = state.battle;
  if (!old || state.voted) return;
  $("new-pair").disabled = true;
  try {
    const { id, response } = await openBattle(path`/api/battles/${old}/new-pair`);
    state.startedAt = Date.now();
    history.replaceState(null, "", "#battle=" + id);
    follow(id, { response });
    $("answers").focus({ preventScroll: true });
  } catch (e) {
    $("vote-note").textContent = e.message;
  } finally {
    $("new-pair").disabled = false;
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

export function setUpBattle() {
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
  $("new-pair").addEventListener("click", newPair);
  $("follow-up").addEventListener("submit", (event) => { event.preventDefault(); askFollowUp(); });
  $("follow-up-prompt").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      askFollowUp();
    }
  });
  for (const side of SIDES) $("copy-" + side).addEventListener("click", (e) => copyFrom(e.currentTarget, state.sides[side].text));
  $("answers").addEventListener("click", (event) => {
    const button = event.target.closest(".code-bar > .copy");
    if (button) copyFrom(button, button.closest(".code-block").querySelector("pre").textContent);
  });
  $("generate").disabled = false;
  $("retry").addEventListener("click", () => startBattle(state.prompt || $("prompt").value));
  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement;
    const winner = { 1: "a", 2: "b", 3: "tie", 4: "both_bad" }[event.key];
    if (!typing && winner && !event.ctrlKey && !event.metaKey && !event.altKey && $("tab-battle").getAttribute("aria-selected") === "true") {
      vote(winner);
    }
  });
}
