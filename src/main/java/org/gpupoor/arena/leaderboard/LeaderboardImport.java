package org.gpupoor.arena.leaderboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gpupoor.arena.leaderboard.LeaderboardJson.Contents;
import org.gpupoor.arena.leaderboard.LeaderboardJson.CorruptFileException;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.Outcome;

/**
 * Turns the original's per-opponent counts back into battles. The original stores each battle
 * twice (as a win for one model and a loss for the other); each is taken once here. The order of
 * the battles is lost in that format, so the results of all pairs are interleaved, a fixed order
 * that does not let one pair's streak dominate the replayed ELO.
 */
final class LeaderboardImport {
    private LeaderboardImport() {}

    private record Counts(int wins, int losses, int ties) {}

    /**
     * The file's battles, or with {@code expand} false only its validation: a log that already
     * holds battles takes nothing from the file, and expanding a large one costs seconds.
     */
    static Contents battlesOf(JsonNode root, String fileName, boolean expand) throws CorruptFileException {
        if (!root.isObject()) {
            throw new CorruptFileException(fileName + " must hold one JSON object keyed by model tag");
        }
        Map<String, Map<String, Counts>> opponents = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> model = it.next();
            JsonNode entry = model.getValue();
            if (!entry.isObject()) {
                throw new CorruptFileException(
                        fileName + ": \"" + model.getKey() + "\" must be an object with wins, losses and opponents");
            }
            Counts total = counts(entry, fileName, model.getKey());
            JsonNode opp = entry.path("opponents");
            if (!opp.isMissingNode() && !opp.isObject()) {
                throw new CorruptFileException(fileName + ": \"" + model.getKey() + "\".opponents must be an object");
            }
            Map<String, Counts> byOpponent = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> o = opp.fields(); o.hasNext(); ) {
                Map.Entry<String, JsonNode> other = o.next();
                if (!other.getValue().isObject()) {
                    throw new CorruptFileException(fileName + ": \"" + model.getKey() + "\".opponents.\""
                            + other.getKey() + "\" must be an object");
                }
                byOpponent.put(
                        other.getKey(),
                        counts(other.getValue(), fileName, model.getKey() + "\".opponents.\"" + other.getKey()));
            }
            int listed = byOpponent.values().stream()
                    .mapToInt(c -> c.wins() + c.losses() + c.ties())
                    .sum();
            if (listed < total.wins() + total.losses() + total.ties()) {
                warnings.add(model.getKey() + ": " + (total.wins() + total.losses() + total.ties() - listed)
                        + " battles have no opponent recorded and were not imported");
            }
            opponents.put(model.getKey(), byOpponent);
        }
        if (!expand) {
            return new Contents(List.of(), List.copyOf(warnings));
        }
        return new Contents(interleave(pairs(opponents, warnings)), List.copyOf(warnings));
    }

    private static Counts counts(JsonNode node, String fileName, String where) throws CorruptFileException {
        return new Counts(
                count(node, "wins", fileName, where),
                count(node, "losses", fileName, where),
                count(node, "ties", fileName, where));
    }

    private static int count(JsonNode node, String field, String fileName, String where) throws CorruptFileException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0) {
            throw new CorruptFileException(
                    fileName + ": \"" + where + "\"." + field + " must be a whole number of at least 0, was " + value);
        }
        return value.intValue();
    }

    /** One queue of battles per (pair, result), each pair seen from its alphabetically first model. */
    private static List<Deque<CountedBattle>> pairs(Map<String, Map<String, Counts>> opponents, List<String> warnings) {
        List<Deque<CountedBattle>> queues = new ArrayList<>();
        for (var entry : opponents.entrySet()) {
            String x = entry.getKey();
            for (var against : entry.getValue().entrySet()) {
                String y = against.getKey();
                if (x.equals(y)) {
                    warnings.add(x + ": battles against itself were ignored");
                    continue;
                }
                Counts xy = against.getValue();
                Counts yx = opponents.getOrDefault(y, Map.of()).get(x);
                if (x.compareTo(y) > 0 && yx != null) {
                    continue; // taken from y's side already
                }
                Counts mirror = yx == null ? new Counts(xy.losses(), xy.wins(), xy.ties()) : yx;
                if (mirror.wins() != xy.losses() || mirror.losses() != xy.wins() || mirror.ties() != xy.ties()) {
                    warnings.add(x + " vs " + y + ": the two sides' counts disagree; the larger counts were used");
                }
                queues.add(repeat(x, y, Outcome.A, Math.max(xy.wins(), mirror.losses())));
                queues.add(repeat(x, y, Outcome.B, Math.max(xy.losses(), mirror.wins())));
                queues.add(repeat(x, y, Outcome.TIE, Math.max(xy.ties(), mirror.ties())));
            }
        }
        return queues;
    }

    private static Deque<CountedBattle> repeat(String a, String b, Outcome outcome, int times) {
        Deque<CountedBattle> queue = new ArrayDeque<>();
        for (int i = 0; i < times; i++) {
            queue.add(new CountedBattle(a, b, outcome));
        }
        return queue;
    }

    private static List<CountedBattle> interleave(List<Deque<CountedBattle>> queues) {
        List<CountedBattle> order = new ArrayList<>();
        boolean any = true;
        while (any) {
            any = false;
            for (Deque<CountedBattle> q : queues) {
                if (!q.isEmpty()) {
                    order.add(q.poll());
                    any = true;
                }
            }
        }
        return order;
    }
}
