// The Models tab: every model the arena may pit, and whether it can battle now.

import { api } from "./api.js";
import { drawBoard, showTableError } from "./boards.js";
import { $ } from "./dom.js";
import { state } from "./state.js";

export async function loadModels() {
  try {
    const { ollama, models } = await api("/api/models");
    state.sort.models = state.sort.models || { key: "name", dir: 1 };
    state.boards.models = models.map((m) => ({
      ...m, model: m.tag, status: m.available ? "available" : m.reason,
      cold_starts: m.speed.cold_starts, load: m.speed.median_load_ms,
      last_error: m.last_error ? `${m.last_error.message} (${new Date(m.last_error.at).toLocaleString()})` : null,
    }));
    const available = models.filter((m) => m.available).length;
    $("models-status").textContent = `Ollama is ${ollama}. ${available} of ${models.length} models can battle now.`;
    drawBoard("models");
  } catch (e) {
    showTableError("models", e);
  }
}
