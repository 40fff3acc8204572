// The charts, drawn with ECharts in the system's light or dark theme.

import { api } from "./api.js";
import { showBanner } from "./arena.js";
import { $, escapeHtml } from "./dom.js";

const charts = {};
const dark = window.matchMedia("(prefers-color-scheme: dark)");

function chart(id) {
  if (!charts[id]) {
    charts[id] = window.echarts.init($(id), dark.matches ? "dark" : null);
  }
  return charts[id];
}

/** The Performance Chart tab. */
export async function loadCharts() {
  if (!window.echarts) return;
  try {
    const [board, history, h2h, strengths] = await Promise.all([
      api("/api/leaderboard"), api("/api/leaderboard/elo/history"), api("/api/leaderboard/head-to-head"),
      api("/api/leaderboard/bt"),
    ]);
    drawResults(board.rows);
    drawHistory(history);
    drawSpeed(strengths.rows);
    drawHeadToHead(h2h);
  } catch (e) {
    showBanner("The charts could not be loaded: " + e.message);
  }
}

function baseOption() {
  return { backgroundColor: "transparent", textStyle: { fontFamily: "system-ui, sans-serif" }, animationDuration: 400 };
}

function drawResults(rows) {
  const played = rows.filter((r) => r.battles > 0);
  const names = played.map((r) => r.name);
  chart("chart-results").setOption({
    ...baseOption(),
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0 },
    grid: { left: 28, right: 8, bottom: 8, top: 64, containLabel: true },
    xAxis: { type: "category", data: names, axisLabel: { rotate: 30, interval: 0, width: 110, overflow: "truncate" } },
    yAxis: [{ type: "value", name: "Battles" }, { type: "value", name: "Score", min: 0, max: 1 }],
    series: [
      { name: "Wins", type: "bar", stack: "results", data: played.map((r) => r.wins), itemStyle: { color: "#2e9e5b" } },
      { name: "Losses", type: "bar", stack: "results", data: played.map((r) => r.losses), itemStyle: { color: "#d9534f" } },
      { name: "Ties", type: "bar", stack: "results", data: played.map((r) => r.ties), itemStyle: { color: "#9aa3b5" } },
      { name: "Score", type: "line", yAxisIndex: 1, data: played.map((r) => Number(r.score.toFixed(3))), symbolSize: 8 },
    ],
  }, true);
}

function drawHistory(history) {
  chart("chart-elo").setOption({
    ...baseOption(),
    tooltip: { trigger: "axis", valueFormatter: (v) => (v == null ? "–" : Number(v).toFixed(0)) },
    legend: { type: "scroll", top: 0 },
    grid: { left: 8, right: 16, bottom: 28, top: 64, containLabel: true },
    xAxis: { type: "value", name: "Battles counted", nameLocation: "middle", nameGap: 26, min: 0, max: Math.max(1, history.battles) },
    yAxis: { type: "value", scale: true, name: "ELO" },
    series: history.models.map((m) => ({ name: m.name, type: "line", showSymbol: false, data: history.series[m.model] || [] })),
  }, true);
}

function drawHeadToHead(h2h) {
  const names = h2h.models.map((m) => m.name);
  const index = Object.fromEntries(h2h.models.map((m, i) => [m.model, i]));
  const data = h2h.cells.map((c) => ({ value: [index[c.col], index[c.row], Number((c.win_rate * 100).toFixed(1))], cell: c }));
  chart("chart-h2h").setOption({
    ...baseOption(),
    tooltip: {
      formatter: (p) => {
        const c = p.data.cell;
        return `${escapeHtml(names[index[c.row]])} vs ${escapeHtml(names[index[c.col]])}<br>` +
          `won ${c.wins}, lost ${c.losses}, tied ${c.ties} of ${c.battles} battles (${(c.win_rate * 100).toFixed(0)}%)`;
      },
    },
    grid: { left: 8, right: 16, bottom: 56, top: 8, containLabel: true },
    xAxis: { type: "category", data: names, axisLabel: { rotate: 30, interval: 0, width: 110, overflow: "truncate" } },
    yAxis: { type: "category", data: names, inverse: true, axisLabel: { interval: 0, width: 110, overflow: "truncate" } },
    visualMap: { min: 0, max: 100, calculable: false, orient: "horizontal", left: "center", bottom: 0, itemHeight: 120, text: ["100% won", "0%"], inRange: { color: ["#d9534f", "#f5f0d0", "#2e9e5b"] } },
    series: [{ type: "heatmap", data, label: { show: h2h.models.length <= 10, formatter: (p) => p.data.value[2] + "%" } }],
  }, true);
}

export function drawIntervals(rows) {
  const names = rows.map((r) => r.name);
  chart("chart-bt").setOption({
    ...baseOption(),
    tooltip: {
      trigger: "axis", axisPointer: { type: "shadow" },
      formatter: (params) => {
        const r = rows[params[0].dataIndex];
        return `${escapeHtml(r.name)}<br>rating ${r.rating.toFixed(0)}, 95% interval ${r.ci_low.toFixed(0)} – ${r.ci_high.toFixed(0)}` +
          `<br>${r.battles} battles${r.provisional ? " (provisional)" : ""}${r.regularised ? " (regularised)" : ""}`;
      },
    },
    grid: { left: 8, right: 16, bottom: 8, top: 24, containLabel: true },
    xAxis: { type: "category", data: names, axisLabel: { rotate: 30, interval: 0, width: 110, overflow: "truncate" } },
    yAxis: { type: "value", scale: true, name: "Rating" },
    series: [
      {
        name: "95% interval", type: "custom", itemStyle: { color: "#6b7a99" },
        data: rows.map((r, i) => [i, r.ci_low, r.ci_high]),
        encode: { x: 0, y: [1, 2] },
        renderItem: (params, api) => {
          const low = api.coord([api.value(0), api.value(1)]);
          const high = api.coord([api.value(0), api.value(2)]);
          const half = Math.min(10, api.size([1, 0])[0] * 0.2);
          const style = { stroke: api.visual("color"), lineWidth: 2 };
          return {
            type: "group", children: [
              { type: "line", shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
              { type: "line", shape: { x1: low[0] - half, y1: low[1], x2: low[0] + half, y2: low[1] }, style },
              { type: "line", shape: { x1: high[0] - half, y1: high[1], x2: high[0] + half, y2: high[1] }, style },
            ],
          };
        },
        z: 1,
      },
      { name: "Rating", type: "scatter", data: rows.map((r) => Number(r.rating.toFixed(1))), symbolSize: 10, itemStyle: { color: "#3867d6" }, z: 2 },
    ],
  }, true);
}

export function drawPredicted(matrix) {
  const names = matrix.names;
  const data = [];
  matrix.predicted.forEach((row, i) => row.forEach((p, j) => {
    if (i !== j) data.push({ value: [j, i, Math.round(p * 100)], observed: matrix.observed[i][j], battles: matrix.battles[i][j] });
  }));
  chart("chart-predicted").setOption({
    ...baseOption(),
    tooltip: {
      formatter: (p) => {
        const [j, i, predicted] = p.data.value;
        const seen = p.data.battles > 0 ? `observed ${Math.round(p.data.observed * 100)}% in ${p.data.battles} battles` : "never met yet";
        return `${escapeHtml(names[i])} vs ${escapeHtml(names[j])}<br>predicted ${predicted}% · ${seen}`;
      },
    },
    grid: { left: 8, right: 16, bottom: 56, top: 8, containLabel: true },
    xAxis: { type: "category", data: names, axisLabel: { rotate: 30, interval: 0, width: 110, overflow: "truncate" } },
    yAxis: { type: "category", data: names, inverse: true, axisLabel: { interval: 0, width: 110, overflow: "truncate" } },
    visualMap: { min: 0, max: 100, calculable: false, orient: "horizontal", left: "center", bottom: 0, itemHeight: 120, text: ["100% predicted", "0%"], inRange: { color: ["#d9534f", "#f5f0d0", "#2e9e5b"] } },
    series: [{ type: "heatmap", data, label: { show: names.length <= 10, formatter: (p) => p.data.value[2] + "%" } }],
  }, true);
}

function drawSpeed(rows) {
  const measured = rows.filter((r) => r.speed && r.speed.median_tokens_per_second != null);
  chart("chart-speed").setOption({
    ...baseOption(),
    tooltip: {
      formatter: (p) => {
        const r = measured[p.dataIndex];
        return `${escapeHtml(r.name)}<br>${r.speed.median_tokens_per_second.toFixed(1)} tokens/s (median of ${r.speed.answers} answers)` +
          `<br>rating ${r.rating.toFixed(0)} (${r.ci_low.toFixed(0)} – ${r.ci_high.toFixed(0)})` + (r.size_b ? `<br>${r.size_b} B parameters` : "");
      },
    },
    grid: { left: 8, right: 24, bottom: 28, top: 32, containLabel: true },
    xAxis: {
      type: "value", name: "Median tokens/s (faster →)", nameLocation: "middle", nameGap: 26,
      min: (v) => Math.max(0, Math.floor(v.min * 0.85)), max: (v) => Math.ceil(v.max * 1.15),
    },
    yAxis: { type: "value", name: "Rating", scale: true, nameTextStyle: { align: "left" } },
    series: [{
      type: "scatter",
      data: measured.map((r) => [r.speed.median_tokens_per_second, r.rating]),
      symbolSize: (value, p) => 10 + 3 * Math.sqrt(measured[p.dataIndex].size_b || 1),
      label: { show: true, position: "top", formatter: (p) => measured[p.dataIndex].name, fontSize: 11 },
      labelLayout: { hideOverlap: true },
      itemStyle: { color: "#4f7be0", opacity: 0.85 },
    }],
  }, true);
}

/** Resizes the charts with the window; on a theme change redraws them, through reload. */
export function setUpCharts(reload) {
  window.addEventListener("resize", () => Object.values(charts).forEach((c) => c.resize()));
  dark.addEventListener("change", () => {
    Object.keys(charts).forEach((id) => { charts[id].dispose(); delete charts[id]; });
    reload();
  });
}
