package org.gpupoor.arena.leaderboard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gpupoor.arena.catalog.CatalogEntry;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.rating.PairCounts;
import org.gpupoor.arena.store.ModelVersions.Version;
import org.gpupoor.arena.store.ModelVersions.VersionTally;

/**
 * The Bradley-Terry board's entrants when a tag was pulled again: Ollama's digest changed, so the
 * same tag names other weights. The newest version keeps the tag as its key; each older one
 * becomes {@code tag@digest} (the digest's first 12 characters) and is retired. Battles whose
 * digest was not recorded (before digests were) belong to the tag's oldest version.
 */
final class Entrants {
    private static final char SEPARATOR = '@';
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    /** One version of a tag on the board: its key, since when it battles, and whether a newer one replaced it. */
    record Entrant(String key, String tag, Instant since, boolean superseded) {}

    private final Map<String, List<Version>> byTag = new HashMap<>();
    private final Map<String, Entrant> byKey = new HashMap<>();

    Entrants(List<Version> versions) {
        for (Version v : versions) {
            byTag.computeIfAbsent(v.tag(), t -> new ArrayList<>()).add(v);
        }
        byTag.forEach((tag, list) -> {
            list.sort((x, y) -> x.firstSeen().compareTo(y.firstSeen()));
            if (list.size() > 1) {
                for (int i = 0; i < list.size(); i++) {
                    boolean newest = i == list.size() - 1;
                    String key = newest ? tag : key(tag, list.get(i).digest());
                    byKey.put(key, new Entrant(key, tag, list.get(i).firstSeen(), !newest));
                }
            }
        });
    }

    /** True when some tag has battled as two versions: only then does the board need more than the live tallies. */
    boolean any() {
        return !byKey.isEmpty();
    }

    /** The entrant a battle's side belongs to. */
    String keyOf(String tag, String digest) {
        List<Version> versions = byTag.get(tag);
        if (versions == null || versions.size() < 2) {
            return tag;
        }
        Version newest = versions.get(versions.size() - 1);
        if (digest != null && digest.equals(newest.digest())) {
            return tag;
        }
        boolean known =
                digest != null && versions.stream().anyMatch(v -> v.digest().equals(digest));
        return key(tag, known ? digest : versions.get(0).digest());
    }

    List<PairCounts.Tally> tallies(List<VersionTally> counted) {
        List<PairCounts.Tally> tallies = new ArrayList<>();
        for (VersionTally t : counted) {
            tallies.add(new PairCounts.Tally(
                    keyOf(t.modelA(), t.digestA()), keyOf(t.modelB(), t.digestB()), t.outcome(), t.count()));
        }
        return tallies;
    }

    /** The entrant behind a key, or null for a tag that only ever battled as one version. */
    Entrant entrant(String key) {
        return byKey.get(key);
    }

    /** The tag a board key stands for. */
    static String tagOf(String key) {
        int at = key.indexOf(SEPARATOR);
        return at < 0 ? key : key.substring(0, at);
    }

    private static String key(String tag, String digest) {
        return tag + SEPARATOR + digest.substring(0, Math.min(12, digest.length()));
    }

    /**
     * Rows of re-pulled tags say which version they are; older versions and models no longer
     * approved are retired.
     */
    StrengthBoard.Result relabel(StrengthBoard.Result fitted, ModelCatalog catalog) {
        Set<String> approved = new HashSet<>();
        catalog.current().models().forEach(e -> approved.add(e.tag()));
        List<StrengthBoard.Row> rows = new ArrayList<>();
        for (StrengthBoard.Row r : fitted.rows()) {
            Entrant entrant = entrant(r.model());
            String tag = tagOf(r.model());
            String name = catalog.find(tag).map(CatalogEntry::name).orElse(tag);
            if (entrant == null) {
                rows.add(r.asEntrant(r.name(), !approved.contains(tag), null));
            } else {
                String shown = entrant.superseded()
                        ? name + ", version of " + DAY.format(entrant.since())
                        : name + ", since " + DAY.format(entrant.since());
                rows.add(r.asEntrant(shown, entrant.superseded() || !approved.contains(tag), entrant.since()));
            }
        }
        return new StrengthBoard.Result(
                fitted.battles(), List.copyOf(rows), fitted.matrix(), fitted.speeds(), fitted.anchor());
    }
}
