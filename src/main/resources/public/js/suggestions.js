// "Suggest a model" on the Models tab: a voter names an Ollama tag and why; the most requested are listed.

import { api } from "./api.js";
import { $ } from "./dom.js";

const FIELDS = ["suggest-tag", "suggest-reason"];

/** Fills the list of the most requested tags. */
export async function loadSuggestions() {
  const list = $("suggested-list");
  try {
    const { suggestions } = await api("/api/suggestions");
    list.replaceChildren(...suggestions.map(item));
    if (!suggestions.length) list.replaceChildren(note("No suggestions yet: be the first."));
  } catch (e) {
    list.replaceChildren(note(`The suggestions could not be loaded: ${e.message}`));
  }
}

function item(s) {
  const li = document.createElement("li");
  const tag = document.createElement("code");
  tag.textContent = s.tag;
  const count = document.createElement("span");
  count.className = "muted";
  count.textContent = ` ${s.voters} ${s.voters === 1 ? "voter" : "voters"}`;
  li.append(tag, count);
  if (s.reasons.length) {
    const reasons = document.createElement("ul");
    reasons.className = "reasons";
    reasons.append(...s.reasons.map((r) => Object.assign(document.createElement("li"), { textContent: `“${r}”` })));
    li.append(reasons);
  }
  return li;
}

function note(text) {
  return Object.assign(document.createElement("li"), { className: "muted empty", textContent: text });
}

/** Marks the field a refusal is about, so a screen reader says so on it, and moves focus there. */
function refuse(message, field) {
  $("suggest-done").textContent = "";
  $("suggest-error").textContent = message;
  for (const id of FIELDS) {
    if (id === field) {
      $(id).setAttribute("aria-invalid", "true");
      $(id).setAttribute("aria-errormessage", "suggest-error");
    } else {
      $(id).removeAttribute("aria-invalid");
      $(id).removeAttribute("aria-errormessage");
    }
  }
  if (field) $(field).focus();
}

/** Which field a refusal from the server is about: its sentences name the tag or the reason. */
function fieldOf(message) {
  if (/Ollama tag|^The tag\b|"tag"/.test(message)) return "suggest-tag";
  if (/\breason\b/i.test(message)) return "suggest-reason";
  return null;
}

export function setUpSuggestions() {
  const form = $("suggest-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const tag = $("suggest-tag").value.trim();
    const reason = $("suggest-reason").value.trim();
    if (!tag) return refuse("Write the Ollama tag of the model, such as qwen2.5:3b.", "suggest-tag");
    if (!reason) return refuse("Give a reason: say in a few words why this model belongs in the arena.", "suggest-reason");
    $("suggest-send").disabled = true;
    try {
      const done = await api("/api/suggestions", { method: "POST", body: JSON.stringify({ tag, reason }) });
      refuse("", null);
      $("suggest-done").textContent = done.counted
        ? `Thank you: ${done.tag} is suggested by ${done.voters} ${done.voters === 1 ? "voter" : "voters"} now.`
        : `You had suggested ${done.tag} already: it still counts once, with your new reason.`;
      form.reset();
      loadSuggestions();
    } catch (e) {
      refuse(e.message, e.status === 400 ? fieldOf(e.message) : null);
    } finally {
      $("suggest-send").disabled = false;
    }
  });
  $("suggest-send").disabled = false;
}
