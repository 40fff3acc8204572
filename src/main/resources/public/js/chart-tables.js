// "Show the numbers": a real table under each chart, for readers who cannot use the canvas.

import { $, escapeHtml } from "./dom.js";

/**
 * Fills the table under chart id. columns are header texts; each row is [row header, ...cells],
 * already formatted. The <details> is made on first use, at the end of the chart's card.
 */
export function numbers(id, caption, columns, rows) {
  let details = $(id + "-numbers");
  if (!details) {
    details = document.createElement("details");
    details.id = id + "-numbers";
    details.className = "chart-numbers";
    details.innerHTML = `<summary>Show the numbers</summary><div class="table-wrap"><table class="board"></table></div>`;
    $(id).closest(".chart-card").append(details);
  }
  const head = columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("");
  const body = rows.length === 0
    ? `<tr><td class="empty" colspan="${columns.length}">No battles yet.</td></tr>`
    : rows.map(([header, ...cells]) => `<tr><th scope="row">${escapeHtml(header)}</th>` +
        cells.map((c) => `<td>${escapeHtml(c)}</td>`).join("") + "</tr>").join("");
  details.querySelector("table").innerHTML =
    `<caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody>`;
}
