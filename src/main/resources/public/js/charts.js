// The charts, drawn with ECharts in the system's light or dark theme, each with its numbers in a table.

import { api, retryWhileBoardsLoad } from "./api.js";
import { showBanner, showBoardsLoading } from "./arena.js";
import { chart, baseOption, isDark, legendStyle, loadECharts, onThemeChange, showEmpty } from "./chartkit.js";
import { numbers } from "./chart-tables.js";
import { $, escapeHtml } from "./dom.js";

// Okabe-Ito first, so the emphasised lines stay apart for colour-blind readers; lighter in dark mode.
const LIGHT = ["#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#8c6d31", "#6b6ecf", "#393b79", "#7f7f7f"];
const DARK = ["#56b4e9", "#e69f00", "#2fc79a", "#ff8c5a", "#e08fc0", "#f0e442", "#c7a76c", "#a5a8f0", "#9edae5", "#bdbdbd"];
const EMPHASISED = 5;
const ROW = 26; // px per model on the bar charts
// Inside the chart and wrapped, so a long tooltip never widens a phone's page.
const TIP = { confine: true, extraCssText: "max-width: min(360px, 86vw); white-space: normal;" };

const palette = () => (isDark() ? DARK : LIGHT);
const ink = () => (isDark() ? "#e7e9f1" : "#1d2130");
const fixed = (v, digits = 0) => (v == null ? "–" : Number(v).toFixed(digits));
// Room for a model's name beside an axis: names past it end in an ellipsis, the tooltip has them whole.
const labelWidth = (width) => (width < 500 ? 110 : width < 900 ? 160 : 240);

/** The Performance Chart tab. */
export async function loadCharts() {
  try {
    const [board, history, h2h, strengths] = await Promise.all([
      api("/api/leaderboard"), api("/api/leaderboard/elo/history"), api("/api/leaderboard/head-to-head"),
      api("/api/leaderboard/bt"),
    ]);
    showBoardsLoading(false);
    const played = board.rows.filter((r) => r.battles > 0);
    const measured = strengths.rows.filter((r) => r.speed && r.speed.median_tokens_per_second != null);
    resultsTable(played);
    historyTable(history);
    speedTable(measured);
    matrixTable("chart-h2h", "How often the row model beat the column model", h2h.models.map((m) => m.name),
      headToHeadMatrix(h2h));
    await loadECharts();
    drawResults(played);
    drawHistory(history);
    drawSpeed(measured);
    drawHeadToHead(h2h);
  } catch (e) {
    if (retryWhileBoardsLoad(e, loadCharts)) showBoardsLoading(true);
    else showBanner("The charts could not be loaded: " + e.message);
  }
}

/** The Bradley-Terry tab's two charts. */
export async function drawStrengthCharts(rows, matrix) {
  intervalsTable(rows);
  matrixTable("chart-predicted", "Predicted chance that the row model beats the column model", matrix.names,
    matrix.predicted.map((row, i) => row.map((p, j) => (i === j ? null : p * 100))));
  try {
    await loadECharts();
    drawIntervals(rows);
    drawPredicted(matrix);
  } catch (e) {
    showBanner("The charts could not be loaded: " + e.message);
  }
}

/** Redraws the charts in the new theme when the system's changes, through reload. */
export function setUpCharts(reload) {
  onThemeChange(reload);
}

/** Bar charts grow with the models, so 40 names each get a readable row. */
function fitRows(id, count) {
  $(id).style.height = Math.max(300, count * ROW + 110) + "px";
}

function categoryAxis(names, width) {
  return {
    type: "category", data: names, inverse: true,
    axisLabel: { interval: 0, width: labelWidth(width), overflow: "truncate", fontSize: width < 500 ? 11 : 12 },
  };
}

function drawResults(played) {
  const id = "chart-results";
  if (played.length === 0) return showEmpty(id);
  fitRows(id, played.length);
  const names = played.map((r) => r.name);
  const c = chart(id, (width) => c.setOption({ grid: { left: labelWidth(width) + 14 }, yAxis: { axisLabel: { width: labelWidth(width) } } }));
  c.setOption({
    ...baseOption(),
    tooltip: {
      trigger: "axis", axisPointer: { type: "shadow" }, ...TIP,
      formatter: (params) => {
        const r = played[params[0].dataIndex];
        return `<b>${escapeHtml(r.name)}</b><br>${r.wins} won, ${r.losses} lost, ${r.ties} tied of ${r.battles}` +
          `<br>score ${r.score.toFixed(3)}`;
      },
    },
    legend: { ...legendStyle(), top: 0 },
    // Room for the names set by hand: containLabel misjudges truncated labels and clips the longest.
    grid: { left: labelWidth($(id).clientWidth) + 14, right: 24, bottom: 48, top: 56 },
    yAxis: categoryAxis(names, $(id).clientWidth),
    xAxis: [
      { type: "value", name: "Battles", nameLocation: "middle", nameGap: 22, position: "bottom", minInterval: 1 },
      // The legend's diamond names this axis; a name here would run off a phone's edge.
      { type: "value", min: 0, max: 1, position: "top", splitLine: { show: false } },
    ],
    series: [
      { name: "Wins", type: "bar", stack: "results", data: played.map((r) => r.wins), itemStyle: { color: "#0072b2" } },
      { name: "Losses", type: "bar", stack: "results", data: played.map((r) => r.losses), itemStyle: { color: "#e69f00" } },
      { name: "Ties", type: "bar", stack: "results", data: played.map((r) => r.ties), itemStyle: { color: "#9aa3b5" } },
      {
        name: "Score", type: "scatter", xAxisIndex: 1, symbol: "diamond", symbolSize: 11,
        data: played.map((r) => Number(r.score.toFixed(3))), itemStyle: { color: ink() },
      },
    ],
  }, true);
}

/** A model's rating at battle x: its last point at or before x. */
function ratingAt(points, x) {
  let rating = null;
  for (const [n, r] of points) {
    if (n > x) break;
    rating = r;
  }
  return rating;
}

function drawHistory(history) {
  const id = "chart-elo";
  if (history.models.length === 0) return showEmpty(id);
  const last = (m) => { const s = history.series[m.model] || []; return s.length ? s[s.length - 1][1] : -Infinity; };
  const top = [...history.models].sort((x, y) => last(y) - last(x)).slice(0, EMPHASISED).map((m) => m.name);
  // Only the leaders are drawn at first: the legend turns any other model on.
  const selected = Object.fromEntries(history.models.map((m) => [m.name, top.includes(m.name)]));
  // The leaders take the first five colours; the others share the rest when the reader turns them on.
  const colour = (m) => {
    const rank = top.indexOf(m.name);
    return palette()[rank >= 0 ? rank : EMPHASISED + (history.models.indexOf(m) % (palette().length - EMPHASISED))];
  };
  const legendText = (width) => ({ ...legendStyle().textStyle, width: width < 500 ? 120 : 230, overflow: "truncate" });
  const c = chart(id, (width) => c.setOption({ legend: { textStyle: legendText(width) } }));
  c.setOption({
    ...baseOption(),
    tooltip: {
      trigger: "axis", ...TIP,
      formatter: (params) => {
        const x = params[0].axisValue;
        const shown = c.getOption().legend[0].selected;
        const lines = history.models
          .filter((m) => shown[m.name] !== false)
          .map((m) => ({ name: m.name, rating: ratingAt(history.series[m.model] || [], x) }))
          .filter((l) => l.rating != null)
          .sort((p, q) => q.rating - p.rating);
        return `After ${Math.round(x)} battles<br>` +
          lines.map((l) => `${escapeHtml(l.name)}: <b>${l.rating.toFixed(0)}</b>`).join("<br>");
      },
    },
    legend: {
      ...legendStyle(), type: "scroll", top: 0, left: 0, right: 0, selected, tooltip: { show: true },
      textStyle: legendText($(id).clientWidth),
      data: [...top, ...history.models.map((m) => m.name).filter((n) => !top.includes(n))],
    },
    grid: { left: 8, right: 16, bottom: 28, top: 48, containLabel: true },
    xAxis: { type: "value", name: "Battles counted", nameLocation: "middle", nameGap: 26, min: 0, max: Math.max(1, history.battles) },
    yAxis: { type: "value", scale: true, name: "ELO" },
    series: history.models.map((m) => ({
      name: m.name, type: "line", showSymbol: false, step: "end", lineStyle: { width: 2 }, color: colour(m),
      emphasis: { focus: "series" }, data: history.series[m.model] || [],
    })),
  }, true);
}

function drawSpeed(measured) {
  const id = "chart-speed";
  if (measured.length === 0) return showEmpty(id);
  chart(id).setOption({
    ...baseOption(),
    tooltip: {
      ...TIP,
      formatter: (p) => {
        const r = measured[p.dataIndex];
        return `<b>${escapeHtml(r.name)}</b><br>${r.speed.median_tokens_per_second.toFixed(1)} tokens/s (median of ${r.speed.answers} answers)` +
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
      label: {
        show: true, position: "top", formatter: (p) => measured[p.dataIndex].name, fontSize: 11,
        width: 120, overflow: "truncate", color: ink(),
      },
      // A label that would cover another is dropped; its dot keeps the name in the tooltip.
      labelLayout: { hideOverlap: true },
      emphasis: { focus: "self", label: { show: true } },
      itemStyle: { color: isDark() ? "#56b4e9" : "#0072b2", opacity: 0.8 },
    }],
  }, true);
}

// 0% orange, 50% near white, 100% blue: a diverging scale that colour-blind readers can still tell apart.
const DIVERGING = ["#b35806", "#f1a340", "#f4f4f4", "#6ea6d6", "#1f5fa8"];
// Room for "100%" in a cell, and what 40 models get on a desktop. Past a phone's width at this size, the
// heatmap scrolls sideways in its own region rather than shrinking to unreadable cells or widening the page.
const MIN_CELL = 24;

/**
 * A square heatmap of percentages; cells carry their numbers when they are big enough for them.
 * data holds {value: [col, row, percent]}.
 */
function drawMatrix(id, names, data, tooltip, scaleText) {
  const n = names.length;
  // Sized from the scrolling region around the chart: the chart itself may be wider than the screen.
  const layout = () => {
    const region = $(id).parentElement;
    const room = region.clientWidth;
    const label = room < 500 ? 72 : room < 900 ? 150 : 210;
    const least = label + 24 + MIN_CELL * n;
    const wide = least > room;
    $(id).style.minWidth = least + "px";
    region.classList.toggle("overflows", wide);
    const cell = Math.min(44, (Math.max(room, least) - label - 24) / n);
    const bottom = label + 56;
    $(id).style.height = Math.round(cell * n + bottom + 16) + "px";
    return { label, cell, bottom, wide };
  };
  const axes = ({ label, cell, bottom, wide }) => ({
    grid: { left: label + 8, right: 16, top: 8, bottom },
    xAxis: {
      type: "category", data: names, position: "bottom",
      axisLabel: { rotate: 90, width: label, overflow: "truncate", interval: cell >= 13 ? 0 : "auto", fontSize: 11 },
    },
    yAxis: {
      type: "category", data: names, inverse: true,
      axisLabel: { width: label - 4, overflow: "truncate", interval: cell >= 13 ? 0 : "auto", fontSize: 11 },
    },
    series: [{ label: { show: cell >= MIN_CELL, fontSize: cell >= 32 ? 11 : 9 } }],
    // Centred under a heatmap wider than the screen, the scale would start out of sight.
    visualMap: { left: wide ? 8 : "center" },
  });
  const c = chart(id, () => c.setOption(axes(layout())));
  const first = layout();
  const base = axes(first);
  c.setOption({
    ...baseOption(),
    tooltip: { ...TIP, formatter: tooltip },
    grid: base.grid,
    xAxis: base.xAxis,
    yAxis: base.yAxis,
    visualMap: {
      ...base.visualMap, min: 0, max: 100, calculable: false, orient: "horizontal", bottom: 0, itemHeight: 140,
      text: scaleText, textStyle: { color: ink() }, inRange: { color: DIVERGING },
    },
    series: [{
      type: "heatmap",
      data: data.map((d) => {
        const strong = d.value[2] < 20 || d.value[2] > 80;
        return { ...d, label: { color: strong ? "#ffffff" : "#1d2130" } };
      }),
      label: { ...base.series[0].label, formatter: (p) => Math.round(p.data.value[2]) + "%" },
      itemStyle: { borderColor: isDark() ? "#1b1e29" : "#ffffff", borderWidth: n > 24 ? 0.5 : 1 },
    }],
  }, true);
  c.resize();
}

function headToHeadMatrix(h2h) {
  const index = Object.fromEntries(h2h.models.map((m, i) => [m.model, i]));
  const rows = h2h.models.map(() => h2h.models.map(() => null));
  h2h.cells.forEach((c) => { rows[index[c.row]][index[c.col]] = c.win_rate * 100; });
  return rows;
}

function drawHeadToHead(h2h) {
  if (h2h.cells.length === 0) return showEmpty("chart-h2h");
  const names = h2h.models.map((m) => m.name);
  const index = Object.fromEntries(h2h.models.map((m, i) => [m.model, i]));
  const data = h2h.cells.map((c) => ({ value: [index[c.col], index[c.row], Number((c.win_rate * 100).toFixed(1))], cell: c }));
  drawMatrix("chart-h2h", names, data, (p) => {
    const c = p.data.cell;
    return `<b>${escapeHtml(names[index[c.row]])}</b> vs <b>${escapeHtml(names[index[c.col]])}</b><br>` +
      `won ${c.wins}, lost ${c.losses}, tied ${c.ties} of ${c.battles} battles (${(c.win_rate * 100).toFixed(0)}%)`;
  }, ["100% won", "0%"]);
}

function drawPredicted(matrix) {
  const names = matrix.names;
  if (names.length < 2) return showEmpty("chart-predicted");
  const data = [];
  matrix.predicted.forEach((row, i) => row.forEach((p, j) => {
    if (i !== j) data.push({ value: [j, i, Math.round(p * 100)], observed: matrix.observed[i][j], battles: matrix.battles[i][j] });
  }));
  drawMatrix("chart-predicted", names, data, (p) => {
    const [j, i, predicted] = p.data.value;
    const seen = p.data.battles > 0 ? `observed ${Math.round(p.data.observed * 100)}% in ${p.data.battles} battles` : "never met yet";
    return `<b>${escapeHtml(names[i])}</b> vs <b>${escapeHtml(names[j])}</b><br>predicted ${predicted}% · ${seen}`;
  }, ["100% predicted", "0%"]);
}

function drawIntervals(rows) {
  const id = "chart-bt";
  if (rows.length === 0) return showEmpty(id);
  fitRows(id, rows.length);
  const names = rows.map((r) => r.name);
  const c = chart(id, (width) => c.setOption({ grid: { left: labelWidth(width) + 14 }, yAxis: { axisLabel: { width: labelWidth(width) } } }));
  c.setOption({
    ...baseOption(),
    tooltip: {
      trigger: "axis", axisPointer: { type: "shadow" }, ...TIP,
      formatter: (params) => {
        const r = rows[params[0].dataIndex];
        return `<b>${escapeHtml(r.name)}</b><br>rating ${r.rating.toFixed(0)}, 95% interval ${r.ci_low.toFixed(0)} – ${r.ci_high.toFixed(0)}` +
          `<br>${r.battles} battles${r.provisional ? " (provisional)" : ""}${r.regularised ? " (regularised)" : ""}`;
      },
    },
    grid: { left: labelWidth($(id).clientWidth) + 14, right: 24, bottom: 48, top: 16 },
    yAxis: categoryAxis(names, $(id).clientWidth),
    xAxis: { type: "value", scale: true, name: "Rating", nameLocation: "middle", nameGap: 24 },
    series: [
      {
        name: "95% interval", type: "custom", itemStyle: { color: isDark() ? "#a3a9bb" : "#6b7a99" },
        data: rows.map((r, i) => [i, r.ci_low, r.ci_high]),
        encode: { y: 0, x: [1, 2] },
        renderItem: (params, api) => {
          const low = api.coord([api.value(1), api.value(0)]);
          const high = api.coord([api.value(2), api.value(0)]);
          const half = Math.min(8, api.size([0, 1])[1] * 0.25);
          const style = { stroke: api.visual("color"), lineWidth: 2 };
          return {
            type: "group", children: [
              { type: "line", shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
              { type: "line", shape: { x1: low[0], y1: low[1] - half, x2: low[0], y2: low[1] + half }, style },
              { type: "line", shape: { x1: high[0], y1: high[1] - half, x2: high[0], y2: high[1] + half }, style },
            ],
          };
        },
        z: 1,
      },
      {
        name: "Rating", type: "scatter", data: rows.map((r, i) => [Number(r.rating.toFixed(1)), i]), symbolSize: 10,
        itemStyle: { color: isDark() ? "#56b4e9" : "#0072b2" }, z: 2,
      },
    ],
  }, true);
}

function resultsTable(played) {
  numbers("chart-results", "Wins, losses and ties per model, with score", ["Model", "Wins", "Losses", "Ties", "Battles", "Score"],
    played.map((r) => [r.name, r.wins, r.losses, r.ties, r.battles, fixed(r.score, 3)]));
}

function historyTable(history) {
  numbers("chart-elo", `ELO per model over ${history.battles} counted battles`, ["Model", "Start", "Now", "Lowest", "Highest"],
    history.models.map((m) => {
      const ratings = (history.series[m.model] || []).map((p) => p[1]);
      if (ratings.length === 0) return [m.name, "–", "–", "–", "–"];
      return [m.name, fixed(ratings[0]), fixed(ratings[ratings.length - 1]), fixed(Math.min(...ratings)), fixed(Math.max(...ratings))];
    }));
}

function speedTable(measured) {
  numbers("chart-speed", "Median speed and rating per model", ["Model", "Tokens/s", "Rating", "95% interval", "Size (B)"],
    measured.map((r) => [r.name, fixed(r.speed.median_tokens_per_second, 1), fixed(r.rating),
      `${fixed(r.ci_low)} – ${fixed(r.ci_high)}`, r.size_b ?? "–"]));
}

function intervalsTable(rows) {
  numbers("chart-bt", "Bradley-Terry rating and 95% interval per model", ["Model", "Rating", "95% low", "95% high", "Battles"],
    rows.map((r) => [r.name, fixed(r.rating), fixed(r.ci_low), fixed(r.ci_high), r.battles]));
}

/** A percentage matrix as a table: one row and one column per model. */
function matrixTable(id, caption, names, percents) {
  numbers(id, caption, ["Row model", ...names],
    names.length < 2 ? [] : names.map((name, i) => [name, ...percents[i].map((p) => (p == null ? "–" : fixed(p) + "%"))]));
}
