// The WAI-ARIA tabs: one selected and focusable at a time, arrow keys move between them.

import { $ } from "./dom.js";

const TABS = ["battle", "leaderboard", "elo", "bt", "charts", "models"];
let loaders = {};

/** Selects a tab and runs its loader, if it has one. */
function selectTab(name, focus = false) {
  for (const tab of TABS) {
    const selected = tab === name;
    $("tab-" + tab).setAttribute("aria-selected", String(selected));
    $("tab-" + tab).tabIndex = selected ? 0 : -1;
    $("panel-" + tab).hidden = !selected;
  }
  if (focus) $("tab-" + name).focus();
  if (loaders[name]) loaders[name]();
}

/** onSelect maps a tab's name to what fills its panel each time it is selected. */
export function setUpTabs(onSelect) {
  loaders = onSelect;
  TABS.forEach((tab, i) => {
    $("tab-" + tab).addEventListener("click", () => selectTab(tab));
    $("tab-" + tab).addEventListener("keydown", (event) => {
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (step) selectTab(TABS[(i + step + TABS.length) % TABS.length], true);
    });
  });
}
