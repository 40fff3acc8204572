// A battle's server-sent events. A new battle's come in the answer to the request that made it
// (one request to the first token, not two); should that connection drop before the end, an
// EventSource picks up after the last event seen and reconnects by itself from then on.

import { path } from "./api.js";

/** The surface of an EventSource (addEventListener, close), over either kind of stream. */
export class BattleEvents {
  constructor(id) {
    this.id = id;
    this.listeners = new Map();
    this.lastEventId = "";
    this.closed = false;
    this.source = null;
    this.reading = null;
  }

  /** Follows the battle's events with an EventSource, from the start or after event {@code after}. */
  static open(id, after = "") {
    const events = new BattleEvents(id);
    events.lastEventId = after;
    events.follow();
    return events;
  }

  /** Plays the events in {@code response} (the battle's creation), then goes on as {@link open} would. */
  static fromResponse(id, response) {
    const events = new BattleEvents(id);
    events.reading = response.body.getReader();
    events.read().catch(() => {}).finally(() => { if (!events.closed) events.follow(); });
    return events;
  }

  addEventListener(name, handler) {
    if (!this.listeners.has(name)) this.listeners.set(name, []);
    this.listeners.get(name).push(handler);
    if (this.source) this.source.addEventListener(name, handler);
  }

  close() {
    this.closed = true;
    if (this.reading) this.reading.cancel().catch(() => {});
    if (this.source) this.source.close();
  }

  follow() {
    const query = this.lastEventId ? "?after=" + encodeURIComponent(this.lastEventId) : "";
    this.source = new EventSource(path`/api/battles/${this.id}/events` + query);
    for (const [name, handlers] of this.listeners) {
      for (const handler of handlers) this.source.addEventListener(name, handler);
    }
  }

  async read() {
    const decoder = new TextDecoder();
    let pending = "";
    while (!this.closed) {
      const { value, done } = await this.reading.read();
      if (done) return;
      pending += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
      let end;
      while (!this.closed && (end = pending.indexOf("\n\n")) >= 0) {
        this.dispatch(pending.slice(0, end));
        pending = pending.slice(end + 2);
      }
    }
  }

  /** One event's lines, as the server-sent events format has them. */
  dispatch(block) {
    let name = "message";
    const data = [];
    for (const line of block.split("\n")) {
      const colon = line.indexOf(":");
      if (colon === 0) continue; // a comment: the server's heartbeat
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") name = value;
      else if (field === "data") data.push(value);
      else if (field === "id") this.lastEventId = value;
    }
    if (!data.length) return;
    const event = { data: data.join("\n"), lastEventId: this.lastEventId };
    for (const handler of this.listeners.get(name) || []) handler(event);
  }
}
