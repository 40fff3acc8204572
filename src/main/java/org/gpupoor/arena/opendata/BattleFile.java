package org.gpupoor.arena.opendata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gpupoor.arena.rating.AnswerStyle;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.store.AnswerMetrics;
import org.gpupoor.arena.store.CovariateLog.SideFigures;
import org.gpupoor.arena.store.CovariateLog.VotedSides;

/**
 * Reads battles back from an export: our JSONL, or a JSON array in the same fields (as the public
 * arena datasets publish them). Battles are taken in file order, which for our export is vote order.
 */
public final class BattleFile {
    /**
     * What the boards need from the file: the battles, each model's size where known, answer
     * speeds, and per battle (in the same order) both answers' figures for the controlled boards
     * and its prompt categories (empty where the file has none).
     */
    public record Contents(
            List<CountedBattle> battles,
            Map<String, Double> sizes,
            Map<String, List<AnswerMetrics>> metrics,
            List<VotedSides> sides,
            List<Set<String>> categories) {

        /** Only the battles of one category. */
        public Contents inCategory(String category) {
            List<CountedBattle> keptBattles = new ArrayList<>();
            List<VotedSides> keptSides = new ArrayList<>();
            List<Set<String>> keptCategories = new ArrayList<>();
            for (int i = 0; i < battles.size(); i++) {
                if (categories.get(i).contains(category)) {
                    keptBattles.add(battles.get(i));
                    keptSides.add(sides.get(i));
                    keptCategories.add(categories.get(i));
                }
            }
            return new Contents(keptBattles, sizes, metrics, keptSides, keptCategories);
        }
    }

    /** A file that cannot be read, with the line at fault. */
    public static final class BadFileException extends RuntimeException {
        BadFileException(String message) {
            super(message);
        }
    }

    private BattleFile() {}

    public static Contents read(Path file) {
        List<CountedBattle> battles = new ArrayList<>();
        Map<String, Double> sizes = new HashMap<>();
        Map<String, List<AnswerMetrics>> metrics = new HashMap<>();
        List<VotedSides> sides = new ArrayList<>();
        List<Set<String>> categories = new ArrayList<>();
        String name = file.getFileName().toString();
        try (MappingIterator<JsonNode> lines =
                new ObjectMapper().readerFor(JsonNode.class).readValues(file.toFile())) {
            while (true) {
                JsonNode battle;
                int line = lines.getParser().currentLocation().getLineNr();
                try {
                    if (!lines.hasNextValue()) {
                        break;
                    }
                    line = lines.getParser().currentLocation().getLineNr();
                    battle = lines.nextValue();
                } catch (JsonProcessingException e) {
                    throw new BadFileException(name + " line " + e.getLocation().getLineNr() + ": not valid JSON: "
                            + e.getOriginalMessage());
                }
                CountedBattle counted = counted(battle, name, line);
                battles.add(counted);
                sides.add(new VotedSides(
                        counted.modelA(),
                        counted.modelB(),
                        counted.outcome(),
                        figures(battle.get("metrics_a")),
                        figures(battle.get("metrics_b"))));
                categories.add(categories(battle.get("categories")));
                size(battle, "model_a", "size_a_b", sizes);
                size(battle, "model_b", "size_b_b", sizes);
                metrics(battle, "model_a", "metrics_a", metrics);
                metrics(battle, "model_b", "metrics_b", metrics);
            }
        } catch (NoSuchFileException e) {
            throw new BadFileException("No such file: " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new BadFileException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        return new Contents(battles, sizes, metrics, sides, categories);
    }

    private static CountedBattle counted(JsonNode battle, String name, int line) {
        String where = name + " line " + line + ": ";
        if (!battle.isObject()) {
            throw new BadFileException(where + "each battle must be a JSON object");
        }
        String a = text(battle, "model_a", where);
        String b = text(battle, "model_b", where);
        String winner = battle.path("winner").asText(null);
        Outcome outcome = Winners.fromWire(winner)
                .orElseThrow(() -> new BadFileException(where
                        + "winner must be model_a, model_b, tie or \"tie (bothbad)\", was " + battle.path("winner")));
        if (a.equals(b)) {
            throw new BadFileException(where + "model_a and model_b are both '" + a + "'");
        }
        return new CountedBattle(a, b, outcome);
    }

    /** One side's length, markdown and speed as the export writes them; nulls where the file has none. */
    private static SideFigures figures(JsonNode m) {
        if (m == null || !m.isObject()) {
            return new SideFigures(null, AnswerStyle.NONE, null, null);
        }
        AnswerStyle style = new AnswerStyle(
                m.path("headers").asInt(0),
                m.path("list_items").asInt(0),
                m.path("bold").asInt(0));
        AnswerMetrics speed = AnswerMetrics.loadApart(
                number(m, "tokens_per_second"), whole(m, "ttft_ms"), whole(m, "answer_tokens"), whole(m, "load_ms"));
        return new SideFigures(speed.answerTokens(), style, speed.tokensPerSecond(), speed.ttftMs());
    }

    private static Set<String> categories(JsonNode names) {
        Set<String> found = new TreeSet<>();
        if (names != null && names.isArray()) {
            names.forEach(n -> found.add(n.asText()));
        }
        return found;
    }

    private static Double number(JsonNode m, String field) {
        return m.path(field).isNumber() ? m.get(field).asDouble() : null;
    }

    private static Long whole(JsonNode m, String field) {
        return m.path(field).isNumber() ? m.get(field).asLong() : null;
    }

    private static String text(JsonNode battle, String field, String where) {
        JsonNode value = battle.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new BadFileException(where + field + " must be a model name");
        }
        return value.asText();
    }

    private static void size(JsonNode battle, String model, String field, Map<String, Double> sizes) {
        JsonNode size = battle.get(field);
        if (size != null && size.isNumber() && size.asDouble() > 0) {
            sizes.put(battle.get(model).asText(), size.asDouble());
        }
    }

    private static void metrics(JsonNode battle, String model, String field, Map<String, List<AnswerMetrics>> metrics) {
        JsonNode m = battle.get(field);
        if (m != null && m.isObject() && m.path("tokens_per_second").isNumber()) {
            metrics.computeIfAbsent(battle.get(model).asText(), k -> new ArrayList<>())
                    .add(new AnswerMetrics(
                            m.get("tokens_per_second").asDouble(),
                            m.path("ttft_ms").isNumber() ? m.get("ttft_ms").asLong() : null,
                            m.path("answer_tokens").isNumber()
                                    ? m.get("answer_tokens").asLong()
                                    : null));
        }
    }
}
