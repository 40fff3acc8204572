package org.gpupoor.arena.modelcard;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.gpupoor.arena.catalog.CatalogEntry;
import org.gpupoor.arena.catalog.ModelCatalog;
import org.gpupoor.arena.leaderboard.ModelSpeed;
import org.gpupoor.arena.leaderboard.StrengthBoard;
import org.gpupoor.arena.ollama.ModelFacts;
import org.gpupoor.arena.ollama.OllamaGateway;
import org.gpupoor.arena.ollama.OllamaUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model's card, as a voter sees it after the vote and on the Models tab: what Ollama says of it
 * (family, parameters, quantization, context length, license), its file, the line that pulls it,
 * and its own figures here (Bradley-Terry rating with interval, speed). Ollama's facts are asked
 * once per version of the model (its digest) and kept; a failed ask is asked again next time.
 */
public final class ModelCards {
    private static final Logger log = LoggerFactory.getLogger(ModelCards.class);
    private static final double BYTES_PER_GB = 1e9;

    /** The model's standing on the Bradley-Terry board; null on a card until it has counted battles. */
    public record Rating(double rating, double ciLow, double ciHigh, int rankUpperBound, long battles) {}

    /** {@code facts} is null while Ollama has not answered for this model (down, or not installed). */
    public record Card(
            String tag,
            String name,
            Double sizeB,
            String digest,
            ModelFacts facts,
            Double fileGb,
            String pull,
            Rating rating,
            ModelSpeed speed) {}

    private final ModelCatalog catalog;
    private final OllamaGateway ollama;
    private final StrengthBoard strengths;
    private final Map<String, ModelFacts> facts = new ConcurrentHashMap<>();

    public ModelCards(ModelCatalog catalog, OllamaGateway ollama, StrengthBoard strengths) {
        this.catalog = catalog;
        this.ollama = ollama;
        this.strengths = strengths;
    }

    /** The card of an approved model; empty for a tag the arena does not list. */
    public Optional<Card> card(String tag) {
        return catalog.find(tag).map(this::card);
    }

    private Card card(CatalogEntry e) {
        StrengthBoard.Result board = strengths.current();
        Rating rating = board.rows().stream()
                .filter(r -> r.model().equals(e.tag()))
                .findFirst()
                .map(r -> new Rating(r.rating(), r.ciLow(), r.ciHigh(), r.rankUpperBound(), r.battles()))
                .orElse(null);
        long file = e.available() ? ollama.memory().fileBytes(e.tag()) : 0;
        return new Card(
                e.tag(),
                e.name(),
                e.sizeB(),
                e.digest(),
                facts(e),
                file > 0 ? Math.round(file / BYTES_PER_GB * 10) / 10.0 : null,
                "ollama pull " + e.tag(),
                rating,
                board.speedOf(e.tag()));
    }

    private ModelFacts facts(CatalogEntry e) {
        if (e.digest() == null) {
            return null; // not installed: Ollama has nothing to say yet
        }
        String key = e.tag() + "@" + e.digest();
        ModelFacts known = facts.get(key);
        if (known != null) {
            return known;
        }
        try {
            ModelFacts asked = ollama.facts(e.tag());
            facts.put(key, asked);
            return asked;
        } catch (OllamaUnavailableException ex) {
            log.info("No card facts for {} now: {}", e.tag(), ex.getMessage());
            return null;
        }
    }
}
