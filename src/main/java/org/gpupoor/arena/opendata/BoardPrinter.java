package org.gpupoor.arena.opendata;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gpupoor.arena.leaderboard.ControlledBoard;
import org.gpupoor.arena.leaderboard.ModelSpeed;
import org.gpupoor.arena.leaderboard.StrengthBoard;
import org.gpupoor.arena.rating.MainScore;
import org.gpupoor.arena.rating.SizeAdjustedElo;
import org.gpupoor.arena.rating.WinLossTable;

/** The boards of {@code recompute}, as text tables on standard output. */
final class BoardPrinter {
    private BoardPrinter() {}

    static void mainBoard(WinLossTable table, Map<String, Double> sizes, PrintStream out) {
        out.println("Main board: score = win rate x (1 - 1/(battles + 1)), ties and both-bad as half a win");
        List<Map.Entry<String, WinLossTable.Tally>> rows =
                new ArrayList<>(table.totals().entrySet());
        rows.sort(Comparator.comparingDouble((Map.Entry<String, WinLossTable.Tally> e) -> MainScore.score(e.getValue()))
                .reversed()
                .thenComparing(e -> -e.getValue().battles())
                .thenComparing(Map.Entry::getKey));
        out.printf(
                Locale.ROOT,
                "%4s  %-36s %6s %7s %7s %6s %8s %8s %7s%n",
                "#",
                "Model",
                "Size",
                "Wins",
                "Losses",
                "Ties",
                "Battles",
                "Win rate",
                "Score");
        int rank = 1;
        for (Map.Entry<String, WinLossTable.Tally> e : rows) {
            WinLossTable.Tally t = e.getValue();
            out.printf(
                    Locale.ROOT,
                    "%4d  %-36s %6s %7d %7d %6d %8d %8.4f %7.4f%n",
                    rank++,
                    e.getKey(),
                    size(sizes.get(e.getKey())),
                    t.wins(),
                    t.losses(),
                    t.ties(),
                    t.battles(),
                    MainScore.winRate(t),
                    MainScore.score(t));
        }
        out.println();
    }

    static void eloBoard(
            WinLossTable table, SizeAdjustedElo elo, Map<String, Double> sizes, double maxSize, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "Size-adjusted ELO: start 1000 + 100 x size, K = min(64, 32 x (1 + size gap / %s)), in file order%n",
                size(maxSize));
        List<String> rated = table.totals().keySet().stream()
                .filter(m -> elo.rating(m).isPresent())
                .sorted(Comparator.comparingDouble((String m) -> elo.rating(m).orElseThrow())
                        .reversed()
                        .thenComparing(m -> m))
                .toList();
        out.printf(Locale.ROOT, "%4s  %-36s %6s %8s %8s %8s%n", "#", "Model", "Size", "ELO", "Start", "Battles");
        int rank = 1;
        for (String m : rated) {
            out.printf(
                    Locale.ROOT,
                    "%4d  %-36s %6s %8.1f %8.1f %8d%n",
                    rank++,
                    m,
                    size(sizes.get(m)),
                    elo.rating(m).orElseThrow(),
                    SizeAdjustedElo.initialRating(sizes.get(m)),
                    table.total(m).battles());
        }
        table.totals().keySet().stream()
                .filter(m -> elo.rating(m).isEmpty())
                .forEach(m -> out.printf(Locale.ROOT, "%4s  %-36s  (size unknown: not rated)%n", "-", m));
        out.println();
    }

    static void strengthBoard(StrengthBoard.Result result, Recompute.Options options, PrintStream out) {
        String anchor =
                result.anchor().model() == null ? "mean" : result.anchor().model();
        out.printf(
                Locale.ROOT,
                "Bradley-Terry: %s at %s, 95%% intervals from %d bootstrap rounds, provisional below %d battles%n",
                anchor,
                size(options.anchorRating()),
                options.rounds(),
                options.minBattles());
        if (options.priorBattles() > 0) {
            out.printf(
                    Locale.ROOT,
                    "Shrunk toward the field by %s virtual battles per model (--prior-battles)%n",
                    size(options.priorBattles()));
        }
        if (options.anchorModel() != null && result.anchor().model() == null) {
            out.printf(
                    Locale.ROOT,
                    "(%s has fewer than %d battles, so the mean holds the scale)%n",
                    options.anchorModel(),
                    Math.max(1, options.minBattles()));
        }
        rows(result.rows(), out);
    }

    static void controlledBoard(ControlledBoard.Result result, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "Bradley-Terry with %s held equal (95%% Wald intervals), %s at the anchor%n",
                result.coefficients().size() > 2 ? "answer length and markdown" : "speed",
                result.anchor().model() == null ? "mean" : result.anchor().model());
        for (ControlledBoard.Coefficient c : result.coefficients()) {
            out.printf(
                    Locale.ROOT,
                    "  %-20s %+8.1f  (%.1f .. %.1f) rating points per %s%n",
                    c.name(),
                    c.value(),
                    c.ciLow(),
                    c.ciHigh(),
                    c.unit());
        }
        rows(result.rows(), out);
    }

    private static void rows(List<StrengthBoard.Row> rows, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%4s  %-36s %8s %17s %7s %8s %8s %9s %9s %8s%n",
                "Rank*",
                "Model",
                "Rating",
                "95% interval",
                "Field",
                "Per B",
                "Battles",
                "Tokens/s",
                "TTFT ms",
                "Tokens");
        for (StrengthBoard.Row r : rows) {
            ModelSpeed s = r.speed();
            out.printf(
                    Locale.ROOT,
                    "%4d  %-36s %8.1f %17s %7.3f %8s %8d %9s %9s %8s%s%s%n",
                    r.rankUpperBound(),
                    r.model(),
                    r.rating(),
                    String.format(Locale.ROOT, "%.1f .. %.1f", r.ciLow(), r.ciHigh()),
                    r.fieldScore(),
                    r.strengthPerB() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.strengthPerB()),
                    r.battles(),
                    orDash(s.medianTokensPerSecond()),
                    orDash(s.medianTtftMs()),
                    orDash(s.medianAnswerTokens()),
                    r.provisional() ? "  (provisional)" : "",
                    r.regularised() ? "  (regularised)" : "");
        }
        out.println("* Rank: the best rank a model can claim with 95% confidence (1 + models surely better).");
        if (rows.stream().anyMatch(StrengthBoard.Row::regularised)) {
            out.println(
                    "Regularised: the battles alone give no finite rating (never lost, never won, or never met the rest);"
                            + " placed with one virtual win and one virtual loss against the field.");
        }
    }

    private static String size(Double value) {
        if (value == null) {
            return "?";
        }
        return value == Math.rint(value)
                ? String.valueOf(value.longValue())
                : String.valueOf(Math.round(value * 1000) / 1000.0);
    }

    private static String orDash(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
