package org.gpupoor.arena.opendata;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.gpupoor.arena.config.ConfigException;
import org.gpupoor.arena.config.ModelTags;
import org.gpupoor.arena.leaderboard.ControlledBoard;
import org.gpupoor.arena.leaderboard.ModelSpeed;
import org.gpupoor.arena.leaderboard.StrengthBoard;
import org.gpupoor.arena.rating.BradleyTerry;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.PairCounts;
import org.gpupoor.arena.rating.SizeAdjustedElo;
import org.gpupoor.arena.rating.WinLossTable;

/**
 * {@code java -jar gpu-poor-arena.jar recompute --from battles.jsonl}: every board from an
 * exported file, without a server or a database, so anyone can check the published numbers.
 */
public final class Recompute {
    /** What the command was asked for. */
    record Options(
            Path from,
            String anchorModel,
            double anchorRating,
            int minBattles,
            int rounds,
            Double maxSizeB,
            double priorBattles,
            String category,
            ControlledBoard.Control control) {}

    private Recompute() {}

    public static String usage() {
        return "Usage: java -jar gpu-poor-arena.jar recompute --from FILE [--anchor-model TAG] [--anchor-rating R]"
                + " [--min-battles N] [--rounds N] [--max-size-b B] [--prior-battles N] [--category NAME]"
                + " [--control style|speed]";
    }

    static Options parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String flag = args.get(i);
            if (!List.of(
                                    "--from",
                                    "--anchor-model",
                                    "--anchor-rating",
                                    "--min-battles",
                                    "--rounds",
                                    "--max-size-b",
                                    "--prior-battles",
                                    "--category",
                                    "--control")
                            .contains(flag)
                    || i + 1 >= args.size()) {
                throw new ConfigException("Unknown or incomplete option '" + flag + "'. " + usage());
            }
            values.put(flag, args.get(i + 1));
        }
        if (!values.containsKey("--from")) {
            throw new ConfigException("Say which file to read with --from. " + usage());
        }
        try {
            Options options = new Options(
                    Path.of(values.get("--from")),
                    values.get("--anchor-model"),
                    Double.parseDouble(values.getOrDefault("--anchor-rating", "1000")),
                    Integer.parseInt(values.getOrDefault("--min-battles", "10")),
                    Integer.parseInt(values.getOrDefault("--rounds", "100")),
                    values.containsKey("--max-size-b") ? Double.valueOf(values.get("--max-size-b")) : null,
                    Double.parseDouble(values.getOrDefault("--prior-battles", "0")),
                    values.get("--category"),
                    values.containsKey("--control")
                            ? ControlledBoard.Control.fromWire(values.get("--control"))
                                    .orElseThrow(() -> new ConfigException("--control must be style or speed, was '"
                                            + values.get("--control") + "'. " + usage()))
                            : null);
            if (options.rounds() < 10
                    || options.minBattles() < 0
                    || !Double.isFinite(options.anchorRating())
                    || !(options.priorBattles() >= 0 && options.priorBattles() <= 1000)) {
                throw new ConfigException(
                        "--rounds must be at least 10, --min-battles at least 0, --prior-battles 0 to 1000. "
                                + usage());
            }
            return options;
        } catch (NumberFormatException e) {
            throw new ConfigException("Not a number: " + e.getMessage() + ". " + usage());
        }
    }

    /** Runs the command; returns the process exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            Options options = parse(args);
            BattleFile.Contents contents = BattleFile.read(options.from());
            print(options.category() == null ? contents : contents.inCategory(options.category()), options, out);
            return 0;
        } catch (ConfigException | BattleFile.BadFileException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static void print(BattleFile.Contents contents, Options options, PrintStream out) {
        List<CountedBattle> battles = contents.battles();
        PairCounts counts = PairCounts.of(battles);
        BradleyTerry.Anchor anchor =
                new BradleyTerry.Anchor(anchorIn(counts, options.anchorModel()), options.anchorRating());
        out.printf(
                Locale.ROOT,
                "%d battles from %s%s%n%n",
                battles.size(),
                options.from(),
                options.category() == null ? "" : " in category " + options.category());
        WinLossTable table = new WinLossTable();
        battles.forEach(table::record);
        BoardPrinter.mainBoard(table, contents.sizes(), out);
        double maxSize = options.maxSizeB() != null
                ? options.maxSizeB()
                : contents.sizes().values().stream().max(Double::compare).orElse(1.0);
        SizeAdjustedElo elo = new SizeAdjustedElo(contents.sizes(), maxSize);
        battles.forEach(elo::apply);
        BoardPrinter.eloBoard(table, elo, contents.sizes(), maxSize, out);
        Map<String, ModelSpeed> speeds = new HashMap<>();
        contents.metrics().forEach((model, answers) -> speeds.put(model, ModelSpeed.of(answers)));
        BoardPrinter.strengthBoard(
                StrengthBoard.compute(
                        counts,
                        anchor,
                        options.minBattles(),
                        options.rounds(),
                        options.priorBattles(),
                        contents.sizes(),
                        speeds,
                        Function.identity()),
                options,
                out);
        if (options.control() != null) {
            out.println();
            BoardPrinter.controlledBoard(
                    ControlledBoard.compute(
                            options.control(),
                            contents.sides(),
                            anchor,
                            options.minBattles(),
                            contents.sizes(),
                            speeds,
                            Function.identity()),
                    out);
        }
    }

    /** The anchor as the file names it: exactly, or with Ollama's implied ":latest". */
    private static String anchorIn(PairCounts counts, String requested) {
        if (requested == null) {
            return null;
        }
        for (String candidate : List.of(requested, ModelTags.canonical(requested))) {
            if (counts.models().contains(candidate)) {
                return candidate;
            }
        }
        throw new ConfigException("--anchor-model '" + requested + "' does not appear in the file.");
    }
}
