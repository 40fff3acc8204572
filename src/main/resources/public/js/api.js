// Talking to the arena's JSON API.

/**
 * A path with every interpolated part percent-encoded, so no value can add a segment or a query:
 * path`/api/battles/${id}/vote`.
 */
export function path(strings, ...parts) {
  return strings.reduce((out, s, i) => out + encodeURIComponent(String(parts[i - 1])) + s);
}

/** Fetches JSON; a refusal throws an Error with the server's message, its status and error code. */
export async function api(url, options = {}) {
  const init = { ...options, headers: { Accept: "application/json", ...(options.body ? { "Content-Type": "application/json" } : {}) } };
  const response = await fetch(url, init);
  if (!response.ok) throw await refusal(response);
  return response.json().catch(() => ({}));
}

/** The Error for a refused request: the server's message, its status and error code. */
export async function refusal(response) {
  const body = await response.json().catch(() => ({}));
  const error = new Error(body.message || `The server answered ${response.status}.`);
  error.status = response.status;
  error.code = body.error;
  error.retryAfter = Number(response.headers.get("Retry-After")) || 1;
  return error;
}

export const BOARDS_LOADING = "Loading the boards…";

/**
 * For a refusal that says the boards are still being read from the battle log (for a moment after
 * the server starts): asks again with `retry` when the server says to, and returns true; else false.
 */
export function retryWhileBoardsLoad(error, retry) {
  if (error.code !== "boards_loading") return false;
  setTimeout(retry, error.retryAfter * 1000);
  return true;
}
