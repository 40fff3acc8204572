package org.gpupoor.arena.leaderboard;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.gpupoor.arena.ollama.GenerationResult;
import org.gpupoor.arena.store.AnswerMetrics;

/**
 * What a GPU-poor operator needs to pick a model: medians over its latest complete answers of
 * tokens per second, time to first token (loading left out) and answer length, and apart from
 * them its cold starts: how many answers waited for a load, and the median load. Null when no
 * answer carries the figure.
 */
public record ModelSpeed(
        int answers,
        Double medianTokensPerSecond,
        Double medianTtftMs,
        Double medianAnswerTokens,
        int coldStarts,
        Double medianLoadMs) {

    /** How many of a model's latest answers the medians cover: recent enough to follow new hardware. */
    public static final int WINDOW = 1000;

    public static final ModelSpeed NONE = new ModelSpeed(0, null, null, null, 0, null);

    public static ModelSpeed of(List<AnswerMetrics> answers) {
        List<AnswerMetrics> cold = answers.stream()
                .filter(a -> a.loadMs() != null && a.loadMs() >= GenerationResult.COLD_START_MS)
                .toList();
        return new ModelSpeed(
                answers.size(),
                median(answers, AnswerMetrics::tokensPerSecond, 1),
                median(answers, a -> a.ttftMs() == null ? null : a.ttftMs().doubleValue(), 0),
                median(
                        answers,
                        a -> a.answerTokens() == null ? null : a.answerTokens().doubleValue(),
                        0),
                cold.size(),
                median(cold, a -> a.loadMs().doubleValue(), 0));
    }

    private static Double median(List<AnswerMetrics> answers, Function<AnswerMetrics, Double> figure, int decimals) {
        double[] values = answers.stream()
                .map(figure)
                .filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue)
                .toArray();
        if (values.length == 0) {
            return null;
        }
        Arrays.sort(values);
        int middle = values.length / 2;
        double median = values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        double scale = Math.pow(10, decimals);
        return Math.round(median * scale) / scale;
    }
}
