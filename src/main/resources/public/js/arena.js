// The header from the arena's settings, and the banner that says when battles cannot run.

import { api, BOARDS_LOADING } from "./api.js";
import { $ } from "./dom.js";
import { state } from "./state.js";

export async function loadArena() {
  try {
    const arena = await api("/api/arena");
    $("arena-name").textContent = arena.name;
    $("arena-description").textContent = arena.description;
    document.title = arena.name;
    $("prompt").maxLength = arena.max_prompt_chars;
    $("publish-note").hidden = !arena.publishes_prompts;
    state.reading = arena.voting;
    state.maxTurns = arena.max_turns;
  } catch (e) {
    showBanner("The arena server cannot be reached. " + e.message);
  }
}

export async function checkHealth() {
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

export function showBanner(message) {
  $("banner").hidden = !message;
  $("banner").textContent = message || "";
}

/** Says in the banner that the boards are loading, or, with false, takes that back (leaving any other message). */
export function showBoardsLoading(loading) {
  if (loading) showBanner(BOARDS_LOADING);
  else if ($("banner").textContent === BOARDS_LOADING) showBanner(null);
}
