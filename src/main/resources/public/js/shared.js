// A shared battle: the server sends the page whole, with every text escaped; this draws the two
// answers as markdown through the arena's sanitiser, as the battle page does.

import { api, path } from "./api.js";
import { copyFrom } from "./copy.js";
import { $ } from "./dom.js";
import { renderMarkdown } from "./markdown.js";

async function drawAnswers() {
  const id = $("shared")?.dataset.id;
  if (!id) return;
  // marked and DOMPurify load deferred, so they are in once the document has loaded.
  if (document.readyState !== "complete") await new Promise((done) => addEventListener("load", done, { once: true }));
  const battle = await api(path`/api/shared/${id}`).catch(() => null);
  if (!battle) return; // the escaped text stays: plain, but all there
  const turns = [battle.answers, ...(battle.follow_ups || []).map((turn) => turn.answers)];
  turns.forEach((answers, i) => {
    for (const side of ["a", "b"]) {
      const element = $(i === 0 ? "answer-" + side : `answer-${side}-${i + 1}`);
      if (!element) continue;
      const name = `answer ${side.toUpperCase()}` + (i === 0 ? "" : `, follow-up ${i}`);
      const draw = () => renderMarkdown(element, answers[side], { final: true, name, redraw: draw });
      element.textContent = "";
      element.classList.remove("plain-text");
      draw();
    }
  });
}

$("shared")?.addEventListener("click", (event) => {
  const button = event.target.closest(".code-bar > .copy");
  if (button) copyFrom(button, button.closest(".code-block").querySelector("pre").textContent);
});
drawAnswers();
