// The page's state, every field of it declared here. The objects are sealed, so a module that
// assigns a field missing from this list fails loudly instead of growing the state in secret.

export const SIDES = ["a", "b"];

/** One answer pane while its answer streams in. */
export function newSide() {
  return Object.seal({
    text: "", // the answer so far, as Markdown
    tokens: 0, // tokens received, for the live tokens/s
    firstAt: 0, // performance.now() at the first token; 0 until it arrives
    started: false, // the server said this side's generation began
    finished: false, // done or failed: the cursor goes
    pending: false, // a render is already scheduled for the next frame
  });
}

export const state = Object.seal({
  battle: null, // id of the battle on screen, or null
  events: null, // its open EventSource, or null
  generating: false, // a battle is starting or streaming: Generate and 🎲 are disabled
  startedAt: 0, // Date.now() when this page started the battle; 0 for a resumed one
  prompt: "", // the prompt of the battle on screen, for "New battle, same prompt"
  asked: "", // the prompt of the turn on screen (the battle's prompt, or the latest follow-up)
  turn: 1, // the turn whose events are arriving (1, then one more per follow-up)
  turnsExpected: 1, // turns the event stream has to play before its end closes it (a reload replays them all)
  lastEventId: "", // the last event received, where a follow-up's events resume
  maxTurns: 3, // turns a battle may have (max_turns), once the arena's settings are loaded
  voted: false, // a vote is cast or being saved: the buttons stay shut
  reading: null, // the server's voting rules, {min_read_seconds, reading_chars_per_second}, once loaded
  sides: Object.seal({ a: newSide(), b: newSide() }),
  // Rows of each table as last loaded, plus the models the last counted vote moved (highlighted).
  boards: Object.seal({ leaderboard: null, elo: null, bt: null, models: null, changed: [] }),
  // Which battles the boards count ("" for all) and what the Ranking holds equal ("", "style", "speed").
  filter: Object.seal({ category: "", control: "" }),
  // Each table's sort, {key, dir} with dir 1 ascending or -1 descending; null for its default.
  sort: Object.seal({ leaderboard: null, elo: null, bt: null, models: null }),
});
