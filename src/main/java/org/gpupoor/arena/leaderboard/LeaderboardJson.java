package org.gpupoor.arena.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.WinLossTable.Tally;

/**
 * The original arena's {@code leaderboard.json}: {@code {"<tag>": {"wins", "losses", "ties",
 * "opponents": {"<tag>": {"wins", "losses", "ties"}}}}}. Read once to import an old arena's
 * results, then rewritten after votes. Never the source of truth.
 */
public final class LeaderboardJson {
    private final ObjectMapper json;
    private final Path file;

    /** The file exists but is not a leaderboard we can read; it must be fixed by hand, never overwritten. */
    public static final class CorruptFileException extends Exception {
        CorruptFileException(String message) {
            super(message);
        }
    }

    /** Totals per model and each model's tally per opponent. */
    public record Counts(SortedMap<String, Tally> totals, Map<String, SortedMap<String, Tally>> opponents) {}

    /** What an old leaderboard holds, as battles, plus what could not be taken over. */
    public record Contents(List<CountedBattle> battles, List<String> warnings) {}

    public LeaderboardJson(ObjectMapper json, Path file) {
        this.json = json;
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Reads the file; empty contents when it does not exist. */
    public Contents read() throws CorruptFileException {
        return read(true);
    }

    /** Checks that the file is one this arena can keep up to date, without taking its battles. */
    public Contents check() throws CorruptFileException {
        return read(false);
    }

    private Contents read(boolean expand) throws CorruptFileException {
        JsonNode root;
        try {
            root = json.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), List.of());
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new CorruptFileException(file + " is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CorruptFileException("Cannot read " + file + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Contents(List.of(), List.of());
        }
        return LeaderboardImport.battlesOf(root, file.toString(), expand);
    }

    /** Deletes temporary files a crash left behind mid-write; the file itself was never touched. */
    public void removeLeftovers() throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var leftovers = Files.newDirectoryStream(folder, ".leaderboard-*.tmp")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    /** Replaces the file with the given counts; readers see the old file or the new one, never a mix. */
    public void write(Counts counts) throws IOException {
        ObjectNode root = json.createObjectNode();
        counts.totals().forEach((model, tally) -> {
            ObjectNode entry = counts(root.putObject(model), tally);
            ObjectNode opp = entry.putObject("opponents");
            counts.opponents()
                    .getOrDefault(model, Collections.emptySortedMap())
                    .forEach((other, t) -> counts(opp.putObject(other), t));
        });
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".leaderboard-", ".tmp");
        try {
            Files.write(temp, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static ObjectNode counts(ObjectNode node, Tally tally) {
        node.put("wins", tally.wins());
        node.put("losses", tally.losses());
        node.put("ties", tally.ties());
        return node;
    }
}
