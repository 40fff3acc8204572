// The Fun stats tab: one card per stat, each naming its models or saying it needs more battles.

import { api, BOARDS_LOADING, retryWhileBoardsLoad } from "./api.js";
import { $ } from "./dom.js";

function card(stat) {
  const item = document.createElement("li");
  item.className = "stat-card" + (stat.missing ? " missing" : "");
  item.dataset.key = stat.key;
  const title = document.createElement("h2");
  title.textContent = stat.title;
  item.append(title);
  if (stat.missing) {
    const why = document.createElement("p");
    why.className = "muted";
    why.textContent = stat.missing + ".";
    item.append(why);
    return item;
  }
  if (stat.models.length) {
    const models = document.createElement("p");
    models.className = "stat-models";
    models.textContent = stat.models.map((m) => m.name).join(stat.key === "biggest_upset" ? " beat " : " vs ");
    models.title = stat.models.map((m) => m.model).join(", ");
    item.append(models);
  }
  const figure = document.createElement("p");
  figure.className = "stat-figure";
  figure.textContent = stat.figure;
  item.append(figure);
  if (stat.detail) {
    const detail = document.createElement("p");
    detail.className = "muted stat-detail";
    detail.textContent = stat.detail;
    item.append(detail);
  }
  return item;
}

export async function loadStats() {
  try {
    const { battles, stats } = await api("/api/stats");
    $("stats-status").textContent = battles
      ? `From ${battles} counted battle${battles === 1 ? "" : "s"}.`
      : "No counted battles yet: vote in the ⚔️ Battle Arena and the stats fill in.";
    $("stats-list").replaceChildren(...stats.map(card));
  } catch (e) {
    $("stats-status").textContent = retryWhileBoardsLoad(e, loadStats)
      ? BOARDS_LOADING
      : "The stats could not be loaded: " + e.message;
  }
}
