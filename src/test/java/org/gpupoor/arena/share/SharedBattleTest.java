package org.gpupoor.arena.share;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.gpupoor.arena.App;
import org.gpupoor.arena.config.ConfigLoader;
import org.gpupoor.arena.config.Server;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A voted battle can be passed on as a read-only page under a public id that gives nothing of
 * the battle id away; a battle without a vote that stands is never shown, and an operator can
 * turn sharing off.
 */
class SharedBattleTest {
    private static final String TOKEN = "share-admin";
    private static final String HOSTILE = "\"><script>alert('x')</script><img src=x onerror=alert(1)> & 'quotes'";

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension()
            .startedByTest()
            .adminToken(TOKEN)
            .model("one:1b", "1.0B", "One (1B)", m -> m.answers("Answer **one**."))
            .model("two:1b", "1.0B", "Two (1B)", m -> m.answers("Answer <b>two</b>."));

    @Test
    void a_voted_battle_is_shown_under_a_public_id_that_opens_nothing_of_the_battle() {
        arena.start();
        String id = readyBattle("Why is the sky blue?");
        JsonNode vote = arena.api().post(vote(id), "{\"winner\": \"a\"}").json();
        String page = vote.get("share_url").asText();
        String publicId = page.substring("/shared/".length());

        assertThat(page).matches("/shared/[0-9a-f]{32}");
        assertThat(publicId).doesNotContain(id);
        assertThat(arena.api().get("/api/battles/" + id).json().get("share_url").asText())
                .isEqualTo(page);
        assertThat(arena.api().get("/api/battles/" + publicId).status()).isEqualTo(404);
        assertThat(arena.api().post(vote(publicId), "{\"winner\": \"b\"}").status())
                .isEqualTo(404);

        Api.Response shared = arena.api().get("/api" + page);
        assertThat(shared.status()).isEqualTo(200);
        JsonNode body = shared.json();
        assertThat(body.get("id").asText()).isEqualTo(publicId);
        assertThat(body.get("prompt").asText()).isEqualTo("Why is the sky blue?");
        assertThat(body.get("winner").asText()).isEqualTo("a");
        Map<String, String> answerOf = Map.of("one:1b", "Answer **one**.", "two:1b", "Answer <b>two</b>.");
        for (String side : List.of("a", "b")) {
            String tag = body.get("models").get(side).get("tag").asText();
            assertThat(body.get("answers").get(side).asText()).isEqualTo(answerOf.get(tag));
            assertThat(body.get("models").get(side).get("name").asText())
                    .isEqualTo(tag.equals("one:1b") ? "One (1B)" : "Two (1B)");
        }
        assertThat(shared.text()).doesNotContain(id);
        Api.Response html = arena.api().get(page);
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.text()).doesNotContain(id);
        assertThat(html.raw().headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(p -> assertThat(p).contains("script-src 'self'"));
    }

    @Test
    void a_battle_with_a_follow_up_is_shared_with_the_whole_conversation() {
        arena.start();
        String id = readyBattle("Why is the sky blue?");
        List<Api.Event> before = arena.api().events(id);
        assertThat(arena.api()
                        .post("/api/battles/" + id + "/turns", "{\"prompt\": \"Shorter, <please> & thanks.\"}")
                        .status())
                .isEqualTo(202);
        arena.api().events(id, before.get(before.size() - 1).id(), Duration.ofSeconds(30));
        String page = arena.api()
                .post(vote(id), "{\"winner\": \"b\"}")
                .json()
                .get("share_url")
                .asText();

        JsonNode body = arena.api().get("/api" + page).json();
        assertThat(body.get("follow_ups")).hasSize(1);
        JsonNode turn = body.get("follow_ups").get(0);
        assertThat(turn.get("prompt").asText()).isEqualTo("Shorter, <please> & thanks.");
        assertThat(turn.get("answers").get("a").asText()).isNotEmpty();
        String html = arena.api().get(page).text();
        assertThat(html)
                .contains(
                        "Follow-up 1",
                        "Shorter, &lt;please&gt; &amp; thanks.",
                        "id=\"answer-a-2\"",
                        "id=\"answer-b-2\"")
                .doesNotContain("<please>");
    }

    @Test
    void unvoted_and_failed_battles_are_not_shown() {
        arena.start();
        String ready = readyBattle("Not voted yet");
        arena.ollama().model("one:1b", "1.0B").failsWith(500, "model runner crashed");
        arena.ollama().model("two:1b", "1.0B").failsWith(500, "model runner crashed");
        String failed = readyBattle("This one fails");

        for (String battle : List.of(ready, failed)) {
            assertNotShown(PublicIdsOfLog.of(arena.logUrl(), battle));
        }
        assertNotShown("0".repeat(32));
        assertNotShown(ready);
    }

    @Test
    void a_voided_vote_takes_its_page_down() {
        arena.start();
        String id = readyBattle("Soon voided");
        String page = arena.api()
                .post(vote(id), "{\"winner\": \"b\"}")
                .json()
                .get("share_url")
                .asText();
        assertThat(arena.api().get(page).status()).isEqualTo(200);

        Api.Response voided = arena.api()
                .send(HttpRequest.newBuilder(URI.create(arena.url() + "/api/admin/battles/" + id + "/void"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(voided.status()).isEqualTo(200);
        assertNotShown(page.substring("/shared/".length()));
    }

    @Test
    void with_sharing_off_a_vote_has_no_link_and_no_battle_a_page() {
        arena.start(c -> c.withoutSharing());
        String id = readyBattle("Private arena");
        JsonNode vote = arena.api().post(vote(id), "{\"winner\": \"tie\"}").json();
        assertThat(vote.has("share_url")).isFalse();
        assertThat(arena.api().get("/api/battles/" + id).json().has("share_url"))
                .isFalse();
        assertNotShown(PublicIdsOfLog.of(arena.logUrl(), id));
    }

    @Test
    void turning_sharing_off_in_the_config_file_takes_every_page_down_at_once_and_back_on_brings_them_back()
            throws Exception {
        Path file = arena.dir().resolve("arena_config.yaml");
        Files.writeString(file, yaml(true));
        arena.start(ConfigLoader.load(file), new App.Operations(file, UnaryOperator.identity(), TOKEN));
        String id = readyBattle("Shared, then not");
        String page = arena.api()
                .post(vote(id), "{\"winner\": \"a\"}")
                .json()
                .get("share_url")
                .asText();
        assertThat(arena.api().get(page).status()).isEqualTo(200);

        Files.writeString(file, yaml(false));
        // The file watcher may take the edit first: then this reload finds nothing left to change.
        assertThat(reload().get("restart_needed")).isEmpty();
        assertNotShown(page.substring("/shared/".length()));
        assertThat(arena.api().get("/api/battles/" + id).json().has("share_url"))
                .isFalse();

        Files.writeString(file, yaml(true));
        assertThat(reload().get("restart_needed")).isEmpty();
        assertThat(arena.api().get(page).status()).isEqualTo(200);
    }

    private JsonNode reload() {
        return arena.api()
                .send(HttpRequest.newBuilder(URI.create(arena.url() + "/api/admin/config/reload"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.noBody()))
                .json();
    }

    private String yaml(boolean sharing) {
        return """
                name: Sharing Arena
                ollama:
                  url: %s
                leaderboard_file: %s
                rate_limits:
                  battles_per_minute: 0
                  votes_per_minute: 0
                voters:
                  min_read_seconds: 0
                sharing:
                  enabled: %s
                models:
                  - tag: one:1b
                    name: One (1B)
                  - tag: two:1b
                    name: Two (1B)
                """.formatted(arena.ollama().url(), arena.dir().resolve("leaderboard.json"), sharing);
    }

    @Test
    void the_page_escapes_a_hostile_prompt_and_answer_and_carries_the_preview_tags() {
        arena.ollama().model("one:1b", "1.0B").answers("<script>alert('one')</script>\"quoted\"");
        arena.start();
        String id = readyBattle(HOSTILE);
        String page = arena.api()
                .post(vote(id), "{\"winner\": \"a\"}")
                .json()
                .get("share_url")
                .asText();
        JsonNode models = arena.api().get("/api" + page).json().get("models");
        String title = models.get("a").get("name").asText() + " vs "
                + models.get("b").get("name").asText() + ": which answered better?";

        String html = arena.api().get(page).text();
        assertThat(html)
                .contains("<meta property=\"og:title\" content=\"" + title + "\">")
                .contains("<meta name=\"twitter:title\" content=\"" + title + "\">")
                .contains("<meta property=\"og:type\" content=\"article\">")
                .contains("<meta name=\"twitter:card\" content=\"summary\">")
                .contains("<meta property=\"og:url\" content=\"" + arena.url() + page + "\">")
                .contains("<meta property=\"og:description\" content=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)"
                        + "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &#39;quotes&#39;\">")
                .contains("&lt;script&gt;alert(&#39;one&#39;)&lt;/script&gt;&quot;quoted&quot;")
                .doesNotContain("<script>alert", "<img src=x", "\"quoted\"");
        // The only scripts are the arena's own files: nothing inline for the policy to refuse.
        assertThat(html.split("<script").length - 1).isEqualTo(3);
        assertThat(html).doesNotContain("<script>", "style=");
    }

    @Test
    void the_preview_link_follows_the_scheme_a_trusted_proxy_reports() {
        arena.start(c -> c.server(new Server(List.of("127.0.0.1/32"))));
        String id = readyBattle("Behind a proxy");
        String page = arena.api()
                .post(vote(id), "{\"winner\": \"a\"}")
                .json()
                .get("share_url")
                .asText();
        Api.Response html = arena.api()
                .send(HttpRequest.newBuilder(URI.create(arena.url() + page))
                        .header("X-Forwarded-Proto", "https")
                        .GET());
        assertThat(html.text())
                .contains("<meta property=\"og:url\" content=\"https://127.0.0.1:"
                        + arena.app().port() + page + "\">");
    }

    private void assertNotShown(String publicId) {
        Api.Response json = arena.api().get("/api/shared/" + publicId);
        assertThat(json.status()).as(publicId).isEqualTo(404);
        assertThat(json.json().get("error").asText()).isEqualTo("not_found");
        Api.Response html = arena.api().get("/shared/" + publicId);
        assertThat(html.status()).as(publicId).isEqualTo(404);
        assertThat(html.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(html.text()).contains("This battle is not shared").contains("href=\"/\"");
    }

    private String readyBattle(String prompt) {
        String id = arena.api()
                .post("/api/battles", Api.json(Map.of("prompt", prompt)))
                .json()
                .get("id")
                .asText();
        arena.api().events(id);
        return id;
    }

    private static String vote(String id) {
        return "/api/battles/" + id + "/vote";
    }
}
