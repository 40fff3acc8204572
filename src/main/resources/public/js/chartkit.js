// ECharts, fetched only when a chart is first drawn, and the chart instances it makes.

import { $ } from "./dom.js";

const ECHARTS = "/webjars/echarts/5.5.0/echarts.min.js";
const instances = {};
const relayouts = {};
const dark = window.matchMedia("(prefers-color-scheme: dark)");
let loading = null;

// Hidden charts measure 0 wide; resizing them then leaves them at ECharts' 100 px fallback, so a
// chart follows its own box instead of the window, and only while it is shown.
const observer = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const id = entry.target.id;
    if (!instances[id] || entry.contentRect.width === 0) continue;
    if (relayouts[id]) relayouts[id](entry.contentRect.width);
    instances[id].resize();
  }
});

/** Resolves once window.echarts is there; the script tag is added once. */
export function loadECharts() {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = ECHARTS;
      script.onload = () => resolve(window.echarts);
      script.onerror = () => {
        loading = null;
        reject(new Error("the chart library did not load"));
      };
      document.head.append(script);
    });
  }
  return loading;
}

export function isDark() {
  return dark.matches;
}

/** The chart in element id, made on first use; relayout(width), if given, runs before each resize. */
export function chart(id, relayout) {
  if (!instances[id]) {
    instances[id] = window.echarts.init($(id), isDark() ? "dark" : null);
    observer.observe($(id));
  }
  relayouts[id] = relayout;
  return instances[id];
}

/** On a change of system theme, drops every chart and redraws through reload. */
export function onThemeChange(reload) {
  dark.addEventListener("change", () => {
    for (const id of Object.keys(instances)) {
      observer.unobserve($(id));
      instances[id].dispose();
      delete instances[id];
    }
    reload();
  });
}

/** What every chart shares: no background of its own and the page's font. */
export function baseOption() {
  return { backgroundColor: "transparent", textStyle: { fontFamily: "system-ui, sans-serif" }, animationDuration: 400 };
}

/** A legend whose pager arrows and text stand out in both themes. */
export function legendStyle() {
  const ink = isDark() ? "#e7e9f1" : "#1d2130";
  return {
    pageIconColor: ink, pageIconInactiveColor: isDark() ? "#555b6e" : "#b4b9c8", pageIconSize: 14,
    pageTextStyle: { color: ink }, textStyle: { color: ink },
  };
}

/** Replaces a chart with a plain sentence, so an empty arena shows no bare axes. */
export function showEmpty(id) {
  $(id).style.height = "";
  $(id).style.minWidth = "";
  $(id).parentElement.classList.remove("overflows");
  chart(id).setOption({
    ...baseOption(),
    title: {
      text: "No battles yet", left: "center", top: "middle",
      textStyle: { fontSize: 15, fontWeight: "normal", color: isDark() ? "#a3a9bb" : "#5b6275" },
    },
  }, true);
}
