package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whatever a hostile client sends gets a clear 4xx, changes nothing, and the arena keeps serving. */
class HostileInputTest {
    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension()
            .startedByTest()
            .model("one:1b", "1.0B", "One (1B)", m -> m.answers("Plain", " answer."))
            .model("two:1b", "1.0B", "Two (1B)", m -> m.answers("Other", " answer."));

    void start(int battlesPerMinute, int votesPerMinute) {
        arena.start(c -> c.rateLimits(battlesPerMinute, votesPerMinute));
    }

    @Test
    void malformed_oversized_and_mistyped_requests_get_json_errors_and_leave_the_log_alone() throws Exception {
        start(0, 0);
        List<Object[]> cases = List.of(
                new Object[] {"/api/battles", "{\"prompt\": \"a\\u0000b\"}", 400},
                new Object[] {"/api/battles", "{\"prompt\": \"bell \\u0007\"}", 400},
                new Object[] {"/api/battles", "{\"prompt\": \"broken \\ud800 surrogate\"}", 400},
                new Object[] {"/api/battles", "{\"prompt\": [\"list\"]}", 400},
                new Object[] {"/api/battles", "{\"prompt\": \"hi\", \"model\": \"one:1b\"}", 400},
                new Object[] {"/api/battles", "{\"prompt\": \"hi\"", 400},
                new Object[] {"/api/battles", "\"just a string\"", 400},
                new Object[] {"/api/battles/" + "A".repeat(5000) + "/vote", "{\"winner\": \"a\"}", 404},
                new Object[] {"/api/battles/%00%0d%0aSet-Cookie:x/vote", "{\"winner\": \"a\"}", 400},
                new Object[] {"/api/battles/AAAAAAAAAAAAAAAAAAAAAA/vote", "{\"winner\": \"A\"}", 400},
                new Object[] {"/api/battles/AAAAAAAAAAAAAAAAAAAAAA/vote", "{\"winner\": \"a; DROP TABLE votes\"}", 400
                });
        for (Object[] c : cases) {
            Api.Response r = arena.api().post((String) c[0], (String) c[1]);
            String shown = ((String) c[1]).length() > 60 ? ((String) c[1]).substring(0, 60) : (String) c[1];
            assertThat(r.status()).as(c[0] + " " + shown).isEqualTo((int) c[2]);
            assertThat(r.json()).as(shown).isNotNull();
            assertThat(r.json().get("message").asText()).as(shown).isNotBlank().doesNotContain("Exception");
        }
        // A client sending a large body asks first (Expect: 100-continue), so the refusal arrives cleanly.
        Api.Response tooLarge = arena.api()
                .send(HttpRequest.newBuilder(URI.create(arena.url() + "/api/battles"))
                        .expectContinue(true)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"" + "x".repeat(200_000) + "\"}")));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("error").asText()).isEqualTo("payload_too_large");
        assertThat(battlesInLog()).isZero();

        for (String prompt : List.of(
                "Émoji 🧪🔥 and 中文 and العربية",
                "Zero\u200Bwidth and combining e\u0301",
                "🦙".repeat(4000),
                "Tabs\tand\nnew lines")) {
            Api.Response r = arena.api().post("/api/battles", Api.json(java.util.Map.of("prompt", prompt)));
            assertThat(r.status())
                    .as(prompt.substring(0, Math.min(20, prompt.length())))
                    .isEqualTo(201);
            String id = r.json().get("id").asText();
            arena.api().events(id);
            assertThat(arena.api()
                            .get("/api/battles/" + id)
                            .json()
                            .get("prompt")
                            .asText())
                    .isEqualTo(prompt.strip());
        }
        assertThat(battlesInLog()).isEqualTo(4);
    }

    @Test
    void static_files_cannot_be_escaped_and_every_response_carries_the_security_headers() throws Exception {
        start(0, 0);
        for (String path : List.of(
                "/../../etc/passwd",
                "/%2e%2e/%2e%2e/etc/passwd",
                "/..%2f..%2fetc%2fpasswd",
                "/webjars/..%2f..%2flogback.xml",
                "/%2e%2e%2flogback.xml",
                "/public/../logback.xml",
                "/db/migration/sqlite/V1__battle_log.sql",
                "/org/gpupoor/arena/App.class")) {
            Api.Response r = arena.api()
                    .send(HttpRequest.newBuilder(URI.create(arena.url() + path)).GET());
            assertThat(r.status()).as(path).isBetween(400, 499);
            assertThat(r.json()).as(path).isNotNull();
            assertThat(r.text()).as(path).doesNotContain("root:", "<configuration>", "CREATE TABLE");
        }
        for (String path : List.of("/", "/js/main.js", "/api/health", "/api/nothing-here")) {
            var headers = arena.api().get(path).raw().headers();
            assertThat(headers.firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(csp -> assertThat(csp)
                            .contains("script-src 'self';", "object-src 'none'", "frame-ancestors 'none'"));
            assertThat(headers.firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(headers.firstValue("Server")).as(path).isEmpty();
        }
        assertThat(arena.api().get("/api/health").status()).isEqualTo(200);
    }

    @Test
    void too_many_battles_or_votes_from_one_client_get_429_with_retry_after() throws Exception {
        start(2, 3);
        Api.Response first = arena.api().post("/api/battles", "{\"prompt\": \"one\"}");
        Api.Response second = arena.api().post("/api/battles", "{\"prompt\": \"two\"}");
        Api.Response third = arena.api().post("/api/battles", "{\"prompt\": \"three\"}");
        assertThat(List.of(first.status(), second.status())).containsOnly(201);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.json().get("error").asText()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(
                        third.raw().headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1, 60);
        assertThat(battlesInLog()).isEqualTo(2);

        String id = first.json().get("id").asText();
        arena.api().events(id);
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(arena.api()
                    .post("/api/battles/" + id + "/vote", "{\"winner\": \"tie\"}")
                    .status());
        }
        assertThat(statuses).containsExactly(200, 409, 409, 429);
        assertThat(arena.api().get("/api/leaderboard").status()).isEqualTo(200);
    }

    private int battlesInLog() throws Exception {
        try (Connection c =
                        DriverManager.getConnection("jdbc:sqlite:" + arena.dir().resolve("arena.db"));
                ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM battles")) {
            r.next();
            return r.getInt(1);
        }
    }
}
