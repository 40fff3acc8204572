package org.gpupoor.arena.web;

import java.util.ArrayList;
import java.util.List;

/** A whole event stream split into its events, as a browser's EventSource would see them. */
final class ServerSentEvents {
    record Event(String id, String name, String data) {}

    private ServerSentEvents() {}

    /** Events in order; comments and the retry hint are not events. An event without a name is a "message". */
    static List<Event> parse(String stream) {
        List<Event> events = new ArrayList<>();
        for (String frame : stream.replace("\r\n", "\n").split("\n\n")) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (String line : frame.split("\n")) {
                int colon = line.indexOf(':');
                if (line.isEmpty() || colon == 0) {
                    continue;
                }
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> name = value;
                    case "data" ->
                        data = data == null
                                ? new StringBuilder(value)
                                : data.append('\n').append(value);
                    default -> {
                        // "retry" and unknown fields carry no event
                    }
                }
            }
            if (data != null) {
                events.add(new Event(id, name == null ? "message" : name, data.toString()));
            }
        }
        return events;
    }
}
