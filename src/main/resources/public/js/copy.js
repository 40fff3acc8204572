// Copy buttons: an answer's Markdown, or one code block's text.

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API off a secure origin (a LAN address over http): the old way still works there.
    const focused = document.activeElement;
    const area = document.createElement("textarea");
    area.value = text;
    area.readOnly = true;
    area.className = "visually-hidden";
    document.body.append(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    area.remove();
    if (focused instanceof HTMLElement) focused.focus({ preventScroll: true });
    return copied;
  }
}

/** Copies and says so on the button for a moment. */
export async function copyFrom(button, text, label = "Copy") {
  const copied = await copyText(text);
  button.textContent = copied ? "Copied" : "Copy failed";
  clearTimeout(button.resetTimer);
  button.resetTimer = setTimeout(() => { button.textContent = label; }, 2000);
}
