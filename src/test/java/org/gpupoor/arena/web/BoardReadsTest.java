package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boards answer conditional requests: 304 while nothing changed, the new board as soon as a vote lands. */
class BoardReadsTest {
    private static final List<String> BOARDS = List.of(
            "/api/leaderboard",
            "/api/leaderboard/elo",
            "/api/leaderboard/bt",
            "/api/leaderboard/matrix",
            "/api/leaderboard/head-to-head",
            "/api/leaderboard/elo/history");

    @TempDir
    Path dir;

    @Test
    void an_unchanged_board_is_a_304_and_a_vote_changes_every_tag_that_depends_on_it() throws Exception {
        try (FakeOllama ollama = new FakeOllama()) {
            ollama.model("one:1b", "1.0B").answers("First", " answer.");
            ollama.model("two:1b", "1.0B").answers("Second", " answer.");
            try (TestArena arena = TestArena.start(
                    dir,
                    TestArena.config(ollama.url(), dir)
                            .model("one:1b", "One (1B)", null)
                            .model("two:1b", "Two (1B)", null)
                            .build())) {
                for (String board : BOARDS) {
                    Api.Response first = arena.api.get(board);
                    String etag = first.raw().headers().firstValue("ETag").orElseThrow();
                    Api.Response again = conditional(arena, board, etag);
                    assertThat(again.status()).as(board).isEqualTo(304);
                    assertThat(again.text()).as(board).isEmpty();
                    assertThat(conditional(arena, board, "\"something-else\"").text())
                            .as(board)
                            .isEqualTo(first.text());
                    // As a proxy that compresses passes it on (weak), or a cache holding several copies (a list).
                    assertThat(conditional(arena, board, "W/" + etag).status())
                            .as(board)
                            .isEqualTo(304);
                    assertThat(conditional(arena, board, "\"older\", " + etag).status())
                            .as(board)
                            .isEqualTo(304);
                }
                String mainTag = arena.api
                        .get("/api/leaderboard")
                        .raw()
                        .headers()
                        .firstValue("ETag")
                        .orElseThrow();
                String id = arena.api
                        .post("/api/battles", "{\"prompt\": \"Hello?\"}")
                        .json()
                        .get("id")
                        .asText();
                assertThat(Api.endStatus(arena.api.events(id))).isEqualTo("ready");
                assertThat(arena.api
                                .post("/api/battles/" + id + "/vote", "{\"winner\": \"a\"}")
                                .status())
                        .isEqualTo(200);
                Api.Response after = conditional(arena, "/api/leaderboard", mainTag);
                assertThat(after.status()).isEqualTo(200);
                assertThat(after.json().get("rows").get(0).get("wins").asInt()).isEqualTo(1);
                assertThat(after.raw().headers().firstValue("ETag").orElseThrow())
                        .isNotEqualTo(mainTag);
            }
        }
    }

    private static Api.Response conditional(TestArena arena, String path, String etag) {
        return arena.api.send(HttpRequest.newBuilder(URI.create(arena.url() + path))
                .header("If-None-Match", etag)
                .GET());
    }
}
