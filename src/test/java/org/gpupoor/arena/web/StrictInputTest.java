package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Input that could mean two things is refused with a 400 that says why, and changes nothing. */
class StrictInputTest {
    private static final String TOKEN = "strict-admin-token";

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension()
            .adminToken(TOKEN)
            .model("one:1b", "1.0B", "One (1B)", m -> m.answers("One", " answer."))
            .model("two:1b", "1.0B", "Two (1B)", m -> m.answers("Two", " answer."));

    @Test
    void text_after_the_json_duplicate_keys_and_bytes_that_are_not_utf8_are_refused() throws Exception {
        String id = readyBattle();
        assertRefused(post("/api/battles", utf8("{\"prompt\":\"hi\"} x")), "more after its JSON value");
        assertRefused(
                post("/api/battles", utf8("{\"prompt\":\"hi\"}{\"prompt\":\"again\"}")), "more after its JSON value");
        assertRefused(
                post("/api/battles", utf8("{\"prompt\":\"hi\",\"prompt\":\"there\"}")),
                "\"prompt\" appears more than once");
        byte[] latin1 = "{\"prompt\":\"caf\u00e9 cr\u00e8me\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(post("/api/battles", latin1), "not valid UTF-8");
        assertRefused(
                post("/api/battles/" + id + "/vote", utf8("{\"winner\":\"a\"} trailing")), "more after its JSON value");
        assertRefused(
                post("/api/battles/" + id + "/vote", utf8("{\"winner\":\"a\",\"winner\":\"b\"}")),
                "appears more than once");
        assertRefused(
                post("/api/battles/" + id + "/vote", new byte[] {'{', '"', 'w', (byte) 0xff, '"', ':', '1', '}'}),
                "not valid UTF-8");

        assertThat(count("SELECT COUNT(*) FROM battles"))
                .as("battles in the log")
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM votes")).as("votes in the log").isZero();
        assertThat(post("/api/battles/" + id + "/vote", utf8("{\"winner\":\"a\"}"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void an_event_stream_position_that_is_not_a_whole_number_is_refused() {
        String id = readyBattle();
        for (String after : new String[] {"-1", "abc", "1e3", "2.5", "%20", "99999999999999999999"}) {
            Api.Response r = arena.api().get("/api/battles/" + id + "/events?after=" + after);
            assertThat(r.status()).as("after=" + after).isEqualTo(400);
            assertThat(r.json().get("message").asText()).as(after).contains("after must be an event id");
        }
        Api.Response badHeader = arena.api()
                .send(HttpRequest.newBuilder(URI.create(arena.url() + "/api/battles/" + id + "/events"))
                        .header("Last-Event-ID", "abc")
                        .GET());
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(badHeader.json().get("message").asText()).contains("Last-Event-ID");

        int all = arena.api().events(id).size();
        assertThat(arena.api().get("/api/battles/" + id + "/events?after=").text())
                .as("no position: from the start")
                .contains("id: 1\n");
        assertThat(arena.api().events(id, "2", java.time.Duration.ofSeconds(5)))
                .as("resumed after event 2")
                .hasSize(all - 2);
    }

    @Test
    void the_export_format_is_exactly_jsonl_or_csv() {
        assertThat(arena.api().get("/api/battles/export?format=jsonl").status()).isEqualTo(200);
        assertThat(arena.api().get("/api/battles/export?format=csv").status()).isEqualTo(200);
        for (String format : new String[] {"JSONL", "Csv", "xml", ""}) {
            Api.Response r = arena.api().get("/api/battles/export?format=" + format);
            assertThat(r.status()).as(format).isEqualTo(400);
            assertThat(r.json().get("message").asText()).contains("jsonl or csv");
        }
    }

    @Test
    void the_bearer_scheme_is_case_insensitive_and_voiding_an_unknown_battle_is_a_404() {
        for (String scheme : new String[] {"Bearer", "bearer", "BEARER"}) {
            assertThat(admin("GET", "/api/admin/config", scheme + " " + TOKEN).status())
                    .as(scheme)
                    .isEqualTo(200);
        }
        assertThat(admin("GET", "/api/admin/config", "Basic " + TOKEN).status()).isEqualTo(403);

        Api.Response unknown = admin("POST", "/api/admin/battles/AAAAAAAAAAAAAAAAAAAAAA/void", "Bearer " + TOKEN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("not_found");
        Api.Response unvoted = admin("POST", "/api/admin/battles/" + readyBattle() + "/void", "bearer " + TOKEN);
        assertThat(unvoted.status()).isEqualTo(409);
        assertThat(unvoted.json().get("error").asText()).isEqualTo("not_voted");
    }

    private void assertRefused(Api.Response r, String why) {
        assertThat(r.status()).as(why).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("bad_request");
        assertThat(r.json().get("message").asText()).contains(why);
    }

    private String readyBattle() {
        String id = arena.api()
                .post("/api/battles", "{\"prompt\": \"Why is the sky blue?\"}")
                .json()
                .get("id")
                .asText();
        assertThat(Api.endStatus(arena.api().events(id))).isEqualTo("ready");
        return id;
    }

    private Api.Response post(String path, byte[] body) {
        return arena.api()
                .send(HttpRequest.newBuilder(URI.create(arena.url() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private Api.Response admin(String method, String path, String authorization) {
        return arena.api()
                .send(HttpRequest.newBuilder(URI.create(arena.url() + path))
                        .header("Authorization", authorization)
                        .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private int count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(arena.logUrl());
                ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
