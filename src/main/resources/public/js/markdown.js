// Markdown, rendered safely: model output is untrusted.

// Beyond script, an answer must not restyle the page, take over its element ids or fake its
// controls (it could hide the other answer or the vote buttons), so those go too.
const SANITIZE = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "option", "label", "dialog"],
  FORBID_ATTR: ["style", "id", "name", "class", "for", "form"],
  ALLOW_DATA_ATTR: false,
};

export function renderMarkdown(element, text) {
  if (!window.marked || !window.DOMPurify) {
    element.textContent = text;
    return;
  }
  element.innerHTML = window.DOMPurify.sanitize(window.marked.parse(text, { gfm: true, breaks: true }), SANITIZE);
}
