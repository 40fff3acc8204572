// Model cards: what each model is, shown once the vote has revealed it (and on the Models tab).

import { api } from "./api.js";
import { copyFrom } from "./copy.js";
import { escapeHtml } from "./dom.js";

/** Fetches the cards of these tags and puts them in {@code container}; a card that fails says so. */
export async function showCards(container, tags) {
  const cards = await Promise.all(tags.map((tag) =>
    api(`/api/models/card?tag=${encodeURIComponent(tag)}`).catch(() => null)));
  container.innerHTML = cards.map((card, i) => card ? render(card) : unavailable(tags[i])).join("");
  container.querySelectorAll("button.copy-pull").forEach((button) =>
    button.addEventListener("click", () => copyFrom(button, button.dataset.pull)));
}

function render(card) {
  const f = card.facts || {};
  const rows = [
    ["Family", f.family],
    ["Parameters", parameters(card, f)],
    ["Quantization", f.quantization],
    ["Context", f.context_length ? `${f.context_length.toLocaleString("en")} tokens` : null],
    ["License", f.license],
    ["File", card.file_gb != null ? `${card.file_gb} GB` : null],
    ["Rating here", rating(card.rating)],
    ["Speed here", speed(card.speed)],
  ].filter(([, value]) => value != null && value !== "");
  const facts = card.facts ? "" : `<p class="muted">Ollama has not said more about this model yet.</p>`;
  return `<section class="model-card" aria-label="${escapeHtml(card.name)}: model card">
    <h3>${escapeHtml(card.name)}</h3>${facts}
    <dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(String(v))}</dd>`).join("")}</dl>
    <p class="pull"><code>${escapeHtml(card.pull)}</code>
      <button type="button" class="copy copy-pull" data-pull="${escapeHtml(card.pull)}" aria-label="Copy ${escapeHtml(card.pull)}">Copy</button></p>
  </section>`;
}

function parameters(card, f) {
  if (f.parameter_count) return `${(f.parameter_count / 1e9).toFixed(2)} billion`;
  if (f.parameter_size) return f.parameter_size;
  return card.size_b != null ? `${card.size_b}B` : null;
}

function rating(r) {
  if (!r) return "no counted battles yet";
  const battles = `${r.battles} battle${r.battles === 1 ? "" : "s"}`;
  return `${r.rating.toFixed(0)} (95%: ${r.ci_low.toFixed(0)}–${r.ci_high.toFixed(0)}), rank ${r.rank_upper_bound} at best, ${battles}`;
}

function speed(s) {
  if (!s || s.median_tokens_per_second == null) return null;
  return `${s.median_tokens_per_second.toFixed(1)} tokens/s, first token ${Math.round(s.median_ttft_ms)} ms`;
}

function unavailable(tag) {
  return `<section class="model-card"><h3>${escapeHtml(tag)}</h3><p class="muted">Its card could not be loaded.</p></section>`;
}
