package org.gpupoor.arena.suggestion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gpupoor.arena.config.Server;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Voters suggest models for the arena. The tests' own address plays a trusted proxy, so each
 * X-Forwarded-For address is another voter (a client without a cookie is one voter per address).
 */
class SuggestionsTest {
    private static final String TOKEN = "suggestions-admin-token";

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension()
            .startedByTest()
            .adminToken(TOKEN)
            .config(c -> c.server(new Server(List.of("127.0.0.1"), "x-forwarded-for")))
            .model("one:1b", "1.0B", "One (1B)")
            .model("two:1b", "1.0B", "Two (1B)")
            .inOllamaOnly("big:70b", "70.6B", m -> {})
            .inOllamaOnly("gemma3:latest", "4.3B", m -> {});

    private Api.Response suggest(String voter, String tag, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tag", tag);
        body.put("reason", reason);
        return suggestRaw(voter, Api.json(body));
    }

    private Api.Response suggestRaw(String voter, String json) {
        return arena.api()
                .send(HttpRequest.newBuilder(URI.create(arena.url() + "/api/suggestions"))
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", voter)
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private JsonNode mostSuggested() {
        Api.Response list = arena.api().get("/api/suggestions");
        assertThat(list.status()).isEqualTo(200);
        return list.json().get("suggestions");
    }

    @Test
    void a_malformed_suggestion_is_refused_with_a_sentence_that_says_what_to_fix() {
        arena.start();
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("{\"tag\": \"qwen 2.5\", \"reason\": \"Fast and good\"}", "is not an Ollama tag");
        refusals.put("{\"tag\": \"../etc/passwd\", \"reason\": \"Fast and good\"}", "is not an Ollama tag");
        refusals.put("{\"tag\": \"a:b:c\", \"reason\": \"Fast and good\"}", "is not an Ollama tag");
        refusals.put("{\"tag\": \"   \", \"reason\": \"Fast and good\"}", "Write the Ollama tag");
        refusals.put("{\"tag\": \"" + "a".repeat(101) + "\", \"reason\": \"Fast\"}", "at most 100");
        refusals.put("{\"tag\": \"phi3:mini\", \"reason\": \"ok\"}", "a reason of at least 3 characters");
        refusals.put("{\"tag\": \"phi3:mini\", \"reason\": \"" + "é".repeat(281) + "\"}", "keep it to 280");
        refusals.put("{\"tag\": \"phi3:mini\", \"reason\": \"line one\\nline two\"}", "control character (U+000A)");
        refusals.put("{\"tag\": \"phi3:mini\", \"reason\": \"broken \\ud800 text\"}", "unpaired surrogate");
        refusals.put("{\"tag\": \"phi3:mini\"}", "\"reason\" is required");
        refusals.put("{\"tag\": 7, \"reason\": \"Fast and good\"}", "must be a string");
        refusals.put("{\"tag\": \"phi3:mini\", \"reason\": \"Fast\", \"votes\": 100}", "Unknown field \"votes\"");
        refusals.forEach((body, sentence) -> {
            Api.Response refused = suggestRaw("203.0.113.1", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json().get("error").asText()).isEqualTo("bad_request");
            assertThat(refused.json().get("message").asText()).as(body).contains(sentence);
        });
        assertThat(mostSuggested()).as("nothing refused is kept").isEmpty();

        Api.Response kept = suggest("203.0.113.1", "  Qwen2.5  ", "Strong for its size");
        assertThat(kept.status()).isEqualTo(201);
        assertThat(kept.json().get("tag").asText())
                .as("the name in lower case, :latest as Ollama adds it")
                .isEqualTo("qwen2.5:latest");
        assertThat(suggest("203.0.113.1", "hf.co/bartowski/Llama-3.2-1B-GGUF:Q4_K_M", "Runs on a laptop")
                        .json()
                        .get("tag")
                        .asText())
                .isEqualTo("hf.co/bartowski/llama-3.2-1b-gguf:Q4_K_M");
    }

    @Test
    void a_voter_suggesting_the_same_tag_twice_counts_once_with_their_latest_reason() {
        arena.start();
        Api.Response first = suggest("203.0.113.1", "phi4-mini:3.8b", "Good at maths");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("counted").asBoolean()).isTrue();

        Api.Response again = suggest("203.0.113.1", "phi4-mini:3.8b", "Good at maths and code");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("counted").asBoolean()).isFalse();
        assertThat(again.json().get("voters").asInt()).isEqualTo(1);

        JsonNode list = mostSuggested();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("voters").asInt()).isEqualTo(1);
        assertThat(list.get(0).get("reasons")).extracting(JsonNode::asText).containsExactly("Good at maths and code");
    }

    @Test
    void the_list_ranks_tags_by_distinct_voters_shows_the_top_20_and_has_an_etag() {
        arena.start();
        for (int i = 1; i <= 5; i++) {
            suggest("203.0.113.9", "loud:1b", "Suggested again and again, try " + i);
        }
        for (int voter = 1; voter <= 3; voter++) {
            assertThat(suggest("198.51.100." + voter, "popular:3b", "Reason number " + voter)
                            .status())
                    .isEqualTo(201);
        }
        suggest("198.51.100.1", "second:2b", "Two voters want it");
        suggest("198.51.100.2", "second:2b", "Me too");
        for (int i = 0; i < 25; i++) {
            suggest("192.0.2.1", "filler-" + i + ":1b", "One voter each");
        }

        JsonNode list = mostSuggested();
        assertThat(list).hasSize(20);
        assertThat(list.get(0).get("tag").asText()).isEqualTo("popular:3b");
        assertThat(list.get(0).get("voters").asInt()).isEqualTo(3);
        assertThat(list.get(0).get("reasons"))
                .extracting(JsonNode::asText)
                .as("the latest three reasons, newest first")
                .containsExactly("Reason number 3", "Reason number 2", "Reason number 1");
        assertThat(list.get(1).get("tag").asText()).isEqualTo("second:2b");
        assertThat(list.get(2).get("voters").asInt()).isEqualTo(1);
        assertThat(list).extracting(n -> n.get("tag").asText()).doesNotHaveDuplicates();

        Api.Response read = arena.api().get("/api/suggestions");
        String etag = read.raw().headers().firstValue("ETag").orElseThrow();
        Api.Response unchanged = arena.api()
                .send(HttpRequest.newBuilder(URI.create(arena.url() + "/api/suggestions"))
                        .header("If-None-Match", etag)
                        .GET());
        assertThat(unchanged.status()).isEqualTo(304);
        suggest("198.51.100.7", "popular:3b", "A fourth voter");
        assertThat(arena.api().get("/api/suggestions").raw().headers().firstValue("ETag"))
                .as("a new suggestion changes the list's version")
                .isPresent()
                .get()
                .isNotEqualTo(etag);
        assertThat(mostSuggested().get(0).get("voters").asInt()).isEqualTo(4);
    }

    @Test
    void suggestions_are_rate_limited_per_address_per_hour() {
        arena.config(c -> c.suggestionsPerHour(2)).start();
        assertThat(suggest("203.0.113.5", "a:1b", "First one").status()).isEqualTo(201);
        assertThat(suggestRaw("203.0.113.5", "{\"tag\": \"b b\", \"reason\": \"Refused anyway\"}")
                        .status())
                .as("a refused suggestion spends the allowance too")
                .isEqualTo(400);
        Api.Response limited = suggest("203.0.113.5", "c:1b", "Third one");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("error").asText()).isEqualTo("rate_limited");
        assertThat(limited.json().get("message").asText()).contains("allows 2 an hour");
        assertThat(limited.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(suggest("203.0.113.6", "c:1b", "Another address").status())
                .as("another address has its own allowance")
                .isEqualTo(201);
        assertThat(arena.api().get("/api/suggestions").status())
                .as("reading is not limited")
                .isEqualTo(200);
    }

    @Test
    void the_operator_sees_every_suggestion_with_whether_ollama_has_it_fits_the_cap_and_is_approved() {
        arena.start();
        suggest("203.0.113.1", "one:1b", "Already here, but I like it");
        suggest("203.0.113.1", "big:70b", "Huge and good");
        suggest("203.0.113.2", "big:70b", "Me too");
        suggest("203.0.113.1", "gemma3", "Installed, size from Ollama");
        suggest("203.0.113.1", "qwen2.5:7b-instruct", "Size from the tag");
        suggest("203.0.113.1", "mystery-model", "Nobody knows its size");

        Api.Response forbidden = arena.api().get("/api/admin/suggestions");
        assertThat(forbidden.status()).isEqualTo(403);

        Api.Response review = arena.api()
                .send(HttpRequest.newBuilder(URI.create(arena.url() + "/api/admin/suggestions"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .GET());
        assertThat(review.status()).isEqualTo(200);
        assertThat(review.json().get("max_model_size_b").asDouble()).isEqualTo(9.0);
        assertThat(review.json().get("ollama_answered").asBoolean()).isTrue();
        Map<String, JsonNode> byTag = new LinkedHashMap<>();
        review.json().get("suggestions").forEach(s -> byTag.put(s.get("tag").asText(), s));
        assertThat(byTag.keySet())
                .startsWith("big:70b")
                .containsExactlyInAnyOrder(
                        "one:1b", "big:70b", "gemma3:latest", "qwen2.5:7b-instruct", "mystery-model:latest");

        assertThat(flags(byTag.get("one:1b"))).containsExactly("yes", "yes", "true", "catalog");
        assertThat(flags(byTag.get("big:70b"))).containsExactly("yes", "no", "false", "ollama");
        assertThat(byTag.get("big:70b").get("size_b").asDouble()).isEqualTo(70.6);
        assertThat(byTag.get("big:70b").get("voters").asInt()).isEqualTo(2);
        assertThat(flags(byTag.get("gemma3:latest"))).containsExactly("yes", "yes", "false", "ollama");
        assertThat(flags(byTag.get("qwen2.5:7b-instruct"))).containsExactly("no", "yes", "false", "tag");
        assertThat(flags(byTag.get("mystery-model:latest"))).containsExactly("no", "unknown", "false", "null");
        assertThat(byTag.get("mystery-model:latest").get("size_b").isNull()).isTrue();
    }

    /** in_ollama, fits_cap, approved, size_source. */
    private static List<String> flags(JsonNode s) {
        return List.of(
                s.get("in_ollama").asText(),
                s.get("fits_cap").asText(),
                s.get("approved").asText(),
                s.get("size_source").asText());
    }
}
