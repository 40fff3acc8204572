// The Models tab: every model the arena may pit, and whether it can battle now.

import { api } from "./api.js";
import { drawBoard, showTableError } from "./boards.js";
import { showCards } from "./cards.js";
import { $, escapeHtml } from "./dom.js";
import { state } from "./state.js";

/** The picker under the table: one model's card at a time, the first one's at first. */
function pickCard(models) {
  const select = $("card-model");
  const chosen = select.value;
  select.innerHTML = models.map((m) => `<option value="${escapeHtml(m.tag)}">${escapeHtml(m.name)}</option>`).join("");
  if (models.some((m) => m.tag === chosen)) select.value = chosen;
  select.onchange = () => showCards($("card-shown"), [select.value]);
  if (models.length > 0) showCards($("card-shown"), [select.value]);
}

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
    pickCard(models);
  } catch (e) {
    showTableError("models", e);
  }
}
