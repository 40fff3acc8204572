// The vote: the buttons open once the answers have had time to be read; a vote reveals the names.

import { api, path } from "./api.js";
import { showCards } from "./cards.js";
import { copyFrom } from "./copy.js";
import { $, escapeHtml } from "./dom.js";
import { SIDES, state } from "./state.js";

export function setVoting(enabled, note) {
  document.querySelectorAll(".votes button").forEach((b) => { b.disabled = !enabled; });
  $("vote-note").textContent = note;
}

/** Opens the vote buttons for the battle on screen, after the reading time if there is one. */
export function openVotingAfterReading() {
  const id = state.battle;
  const openVoting = () => {
    if (state.battle !== id || state.voted) return;
    setVoting(true, "Both answers are in. Which one is better?");
    // Focus that nobody placed moves to the first vote, but the page stays where the voter reads.
    const idle = document.activeElement === document.body || document.activeElement === $("answers");
    if (idle) document.querySelector(".votes button").focus({ preventScroll: true });
  };
  const wait = readingWait();
  if (wait > 0) {
    setVoting(false, `Both answers are in. Take a moment to read them: voting opens in ${Math.max(1, Math.round(wait / 1000))} s.`);
    setTimeout(openVoting, wait);
  } else {
    openVoting();
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

export async function vote(winner) {
  if (state.voted || document.querySelector(".votes button").disabled) return;
  state.voted = true;
  setVoting(false, "Saving your vote…");
  try {
    const result = await api(path`/api/battles/${state.battle}/vote`, { method: "POST", body: JSON.stringify({ winner }) });
    reveal(result.models, result.winner, result.standings, result.not_counted_because, result.share_url);
    state.boards.changed = result.counted ? [result.models.a.tag, result.models.b.tag] : [];
  } catch (e) {
    const battle = await api(path`/api/battles/${state.battle}`).catch(() => null);
    if (battle && battle.status === "voted") {
      revealVoted(battle);
      return;
    }
    state.voted = false;
    setVoting(true, e.message);
  }
}

/** Reveals a battle that was voted on before this page asked (another tab, or a reload). */
export function revealVoted(battle) {
  const notCounted = battle.identity_giveaway
    ? `An answer names a model or its maker ("${battle.identity_giveaway}"), so this vote does not count toward the boards.`
    : null;
  reveal(battle.models, battle.winner, null, notCounted, battle.share_url);
}

// Names like "Qwen 2.5 (3B)" already say the size.
const SIZE_IN_NAME = /\b\d+(\.\d+)?\s*[BM]\b/i;

/** Marks the button of the vote cast, so the choice stays visible once the buttons close. */
function markVote(winner) {
  clearVoteMark();
  const button = document.querySelector(`.votes button[data-winner="${winner}"]`);
  if (!button) return;
  button.setAttribute("aria-pressed", "true");
  const mark = document.createElement("span");
  mark.className = "your-vote";
  mark.textContent = "✓ Your vote";
  button.append(mark);
}

export function clearVoteMark() {
  document.querySelectorAll(".votes button").forEach((b) => {
    b.removeAttribute("aria-pressed");
    b.querySelector(".your-vote")?.remove();
  });
}

function reveal(models, winner, standings, notCounted, shareUrl) {
  state.voted = true;
  markVote(winner);
  const lines = [];
  for (const side of SIDES) {
    const m = models[side];
    const size = m.size_b != null && !SIZE_IN_NAME.test(m.name) ? ` · ${m.size_b}B parameters` : "";
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
  $("result").innerHTML = `<p>${verdict} Thanks for voting!</p>` + lines.join("") + note + shareLine(shareUrl) +
    `<div class="model-cards" aria-live="off"></div>`;
  $("result").hidden = false;
  $("copy-share")?.addEventListener("click", (e) => copyFrom(e.currentTarget, new URL(shareUrl, location.href).href, "Copy link"));
  showCards($("result").querySelector(".model-cards"), SIDES.map((side) => models[side].tag));
  setVoting(false, "Your vote is recorded.");
  $("new-pair").hidden = true;
  $("follow-up").hidden = true;
  $("new-battle").hidden = false;
  $("new-battle").focus({ preventScroll: true });
}

// The server gives a path only while the operator lets battles be shared (sharing.enabled).
function shareLine(shareUrl) {
  if (!shareUrl) return "";
  return `<p class="share">🔗 <a id="share-link" href="${escapeHtml(shareUrl)}">Share this battle</a>: a read-only page with the prompt, ` +
    `both answers, the names and your vote. <button type="button" class="copy" id="copy-share">Copy link</button></p>`;
}
