// The arena's page: battle, boards and charts, as ES modules with no build step; libraries come
// from the jar's webjars. This file only wires the parts together.

import { checkHealth, loadArena } from "./arena.js";
import { resume, setUpBattle } from "./battle.js";
import { loadBoard, loadStrengths } from "./boards.js";
import { loadCharts, setUpCharts } from "./charts.js";
import { $ } from "./dom.js";
import { setUpFilters } from "./filters.js";
import { loadModels } from "./models.js";
import { loadStats } from "./stats.js";
import { loadSuggestions, setUpSuggestions } from "./suggestions.js";
import { setUpTabs } from "./tabs.js";

setUpTabs({
  leaderboard: () => loadBoard("leaderboard"),
  elo: () => loadBoard("elo"),
  bt: loadStrengths,
  charts: loadCharts,
  models: () => {
    loadModels();
    loadSuggestions();
  },
  stats: loadStats,
});
setUpFilters((board) => (board === "bt" ? loadStrengths() : loadBoard(board)));
setUpBattle();
setUpSuggestions();
setUpCharts(() => {
  if (!$("panel-charts").hidden) loadCharts();
  if (!$("panel-bt").hidden) loadStrengths();
});
loadArena();
checkHealth();
setInterval(checkHealth, 15000);
resume();
