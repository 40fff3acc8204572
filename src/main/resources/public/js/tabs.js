// The WAI-ARIA tabs: one selected and focusable at a time, arrow keys move between them. The
// selected tab is in the URL fragment (#bt, #leaderboard, …), so a reload or a shared link opens
// it and back/forward step through tabs; the battle tab keeps battle.js's #battle=<id>.

import { $ } from "./dom.js";
import { state } from "./state.js";

const TABS = ["battle", "bt", "leaderboard", "elo", "charts", "models", "stats"];
let loaders = {};

function tabFromHash() {
  const name = location.hash.slice(1);
  return TABS.includes(name) ? name : "battle";
}

function urlFor(name) {
  if (name !== "battle") return "#" + name;
  return state.battle ? "#battle=" + state.battle : location.pathname + location.search;
}

// On a phone the tabs are one scrolling row: bring the selected one fully into view.
function scrollIntoRow(tab) {
  const row = tab.parentElement;
  const t = tab.getBoundingClientRect();
  const r = row.getBoundingClientRect();
  if (t.left < r.left) row.scrollLeft -= r.left - t.left + 24;
  else if (t.right > r.right) row.scrollLeft += t.right - r.right + 24;
}

/** Selects a tab and runs its loader, if it has one; pushes a history entry unless told not to. */
function selectTab(name, { focus = false, push = true } = {}) {
  const changed = $("tab-" + name).getAttribute("aria-selected") !== "true";
  for (const tab of TABS) {
    const selected = tab === name;
    $("tab-" + tab).setAttribute("aria-selected", String(selected));
    $("tab-" + tab).tabIndex = selected ? 0 : -1;
    $("panel-" + tab).hidden = !selected;
  }
  if (push && changed) history.pushState(null, "", urlFor(name));
  if (focus) $("tab-" + name).focus();
  scrollIntoRow($("tab-" + name));
  if (loaders[name]) loaders[name]();
}

/** onSelect maps a tab's name to what fills its panel each time it is selected. */
export function setUpTabs(onSelect) {
  loaders = onSelect;
  TABS.forEach((tab, i) => {
    $("tab-" + tab).addEventListener("click", () => selectTab(tab));
    $("tab-" + tab).addEventListener("keydown", (event) => {
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (step) selectTab(TABS[(i + step + TABS.length) % TABS.length], { focus: true });
    });
  });
  // A panel that fills up can add the page's scrollbar and narrow the row under the selected tab.
  new ResizeObserver(() => scrollIntoRow(document.querySelector('[role="tab"][aria-selected="true"]')))
    .observe(document.querySelector('[role="tablist"]'));
  // Back and forward between fragments fire both popstate and hashchange: load the tab once.
  const follow = () => {
    const name = tabFromHash();
    if ($("tab-" + name).getAttribute("aria-selected") !== "true") selectTab(name, { push: false });
  };
  window.addEventListener("popstate", follow);
  window.addEventListener("hashchange", follow);
  if (tabFromHash() !== "battle") follow();
}
