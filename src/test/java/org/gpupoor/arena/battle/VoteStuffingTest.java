package org.gpupoor.arena.battle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gpupoor.arena.config.Voters;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.rating.SizeAdjustedElo;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.gpupoor.arena.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One person cannot stuff the ballot box: a daily cap per voter, too-fast votes flagged, and an operator who can void a voter. */
class VoteStuffingTest {
    private static final String TOKEN = "stuffing-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension()
            .startedByTest()
            .adminToken(TOKEN)
            // Answers that name no model: a giveaway would keep a vote off the boards for another reason.
            .model("one:1b", "1.0B", "One (1B)", m -> m.answers("Blue", " light", " scatters."))
            .model("two:1b", "1.0B", "Two (1B)", m -> m.answers("Rayleigh", " scattering."))
            .model("three:1b", "1.0B", "Three (1B)", m -> m.answers("Because", " of", " the air."));

    private void start(Voters rules) {
        arena.start(c -> c.voters(rules));
    }

    @Test
    void a_script_voting_fifty_times_in_a_second_is_capped_flagged_and_left_off_the_boards() throws Exception {
        start(new Voters(20, 2.0, 0.0, false, 20));
        Voter script = new Voter();
        List<String> battles = script.readyBattles(50);
        long began = System.nanoTime();
        List<JsonNode> answers = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        for (String id : battles) {
            HttpResponse<String> r = script.vote(id, "a");
            statuses.add(r.statusCode());
            answers.add(JSON.readTree(r.body()));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - began))
                .as("fifty votes in about a second")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(statuses.subList(0, 20)).containsOnly(200);
        assertThat(statuses.subList(20, 50)).containsOnly(429);
        assertThat(answers.get(0).get("counted").asBoolean()).isFalse();
        assertThat(answers.get(0).get("not_counted_because").asText())
                .contains("sooner after the answers than they could be read");
        assertThat(answers.get(20).get("error").asText()).isEqualTo("vote_cap");
        HttpResponse<String> capped = script.vote(battles.get(49), "a");
        long retryAfter =
                Long.parseLong(capped.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).as("until midnight UTC").isBetween(1L, 86_401L);

        assertThat(arena.api().get("/api/leaderboard").json().get("rows").findValues("battles"))
                .as("too-fast votes are kept, not counted")
                .allMatch(n -> n.asInt() == 0);
        JsonNode flagged = admin("GET", "/api/admin/voters").json().get("voters");
        assertThat(flagged).hasSize(1);
        JsonNode voter = flagged.get(0);
        assertThat(voter.get("votes").asInt()).isEqualTo(20);
        assertThat(voter.get("too_fast").asInt()).isEqualTo(20);
        assertThat(voter.get("for_a").asInt()).isEqualTo(20);
        assertThat(voter.get("flags").toString()).contains("too_fast", "side_bias", "at_daily_cap");
        assertThat(voter.get("voter").asText()).matches("[0-9a-f]{32}").doesNotContain(script.cookie());
    }

    @Test
    void voiding_a_voter_leaves_the_boards_equal_to_a_replay_without_its_votes() throws Exception {
        // No reading-time rule here: the script gives itself away by always voting for B.
        start(new Voters(20, 0.0, 0.0, false, 10));
        Voter person = new Voter();
        for (String id : person.readyBattles(6)) {
            assertThat(person.vote(id, id.hashCode() % 2 == 0 ? "a" : "tie").statusCode())
                    .isEqualTo(200);
        }
        awaitStrengthBoard(6);
        List<String> before = boards();

        Voter script = new Voter();
        for (String id : script.readyBattles(12)) {
            assertThat(script.vote(id, "b").statusCode()).isEqualTo(200);
        }
        awaitStrengthBoard(18);
        assertThat(boards()).isNotEqualTo(before);

        JsonNode flagged = admin("GET", "/api/admin/voters").json().get("voters");
        assertThat(flagged).as("only the script is flagged").hasSize(1);
        String stuffer = flagged.get(0).get("voter").asText();
        Api.Response voided = admin("POST", "/api/admin/voters/" + stuffer + "/void");
        assertThat(voided.status()).isEqualTo(200);
        assertThat(voided.json().get("voided").asInt()).isEqualTo(12);
        awaitStrengthBoard(6);
        assertThat(boards()).isEqualTo(before);
        assertThat(arena.api().get("/api/battles/export").text().lines().filter(l -> l.contains(stuffer)))
                .isEmpty();
        assertThat(arena.api().get("/api/battles/export").text().lines())
                .hasSize(6)
                .allSatisfy(line ->
                        assertThat(JSON.readTree(line).get("judge").asText()).matches("[0-9a-f]{32}"));

        assertThat(admin("GET", "/api/admin/voters").json().get("voters"))
                .as("dealt with: off the list")
                .isEmpty();
        assertThat(admin("POST", "/api/admin/voters/" + stuffer + "/void")
                        .json()
                        .get("voided")
                        .asInt())
                .isZero();
        assertThat(admin("POST", "/api/admin/voters/" + "0".repeat(32) + "/void")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void a_voided_voter_whose_votes_came_between_a_persons_leaves_the_persons_votes_replayed_alone() throws Exception {
        start(new Voters(50, 0.0, 0.0, false, 8));
        Voter person = new Voter();
        Voter script = new Voter();
        List<String> personBattles = person.readyBattles(8);
        List<String> scriptBattles = script.readyBattles(8);
        // The person's votes as they revealed themselves, in order: what a replay without the script must give.
        SizeAdjustedElo elo = new SizeAdjustedElo(java.util.Map.of("one:1b", 1.0, "two:1b", 1.0, "three:1b", 1.0), 1.0);
        java.util.Map<String, int[]> tally = new java.util.TreeMap<>();
        for (int i = 0; i < 8; i++) {
            JsonNode vote = JSON.readTree(person.vote(personBattles.get(i), i % 3 == 0 ? "tie" : i % 2 == 0 ? "a" : "b")
                    .body());
            assertThat(script.vote(scriptBattles.get(i), "a").statusCode()).isEqualTo(200);
            String a = vote.get("models").get("a").get("tag").asText();
            String b = vote.get("models").get("b").get("tag").asText();
            Outcome outcome = Outcome.fromWire(vote.get("winner").asText()).orElseThrow();
            elo.apply(new CountedBattle(a, b, outcome));
            tally.computeIfAbsent(a, k -> new int[3])[outcome == Outcome.A ? 0 : outcome == Outcome.B ? 1 : 2]++;
            tally.computeIfAbsent(b, k -> new int[3])[outcome == Outcome.B ? 0 : outcome == Outcome.A ? 1 : 2]++;
        }
        String stuffer = admin("GET", "/api/admin/voters")
                .json()
                .get("voters")
                .get(0)
                .get("voter")
                .asText();
        assertThat(admin("POST", "/api/admin/voters/" + stuffer + "/void")
                        .json()
                        .get("voided")
                        .asInt())
                .isEqualTo(8);

        for (JsonNode row : arena.api().get("/api/leaderboard").json().get("rows")) {
            int[] expected = tally.getOrDefault(row.get("model").asText(), new int[3]);
            assertThat(new int[] {
                        row.get("wins").asInt(),
                        row.get("losses").asInt(),
                        row.get("ties").asInt()
                    })
                    .as(row.get("model").asText())
                    .containsExactly(expected);
        }
        for (JsonNode row : arena.api().get("/api/leaderboard/elo").json().get("rows")) {
            elo.rating(row.get("model").asText())
                    .ifPresent(rating -> assertThat(row.get("rating").asDouble())
                            .as(row.get("model").asText())
                            .isCloseTo(rating, within(0.05)));
        }
    }

    @Test
    void the_voter_cookie_is_http_only_and_a_made_up_one_does_not_make_a_new_voter() throws Exception {
        start(new Voters(20, 0.0, 0.0, false, 20));
        Voter browser = new Voter();
        HttpResponse<String> created = browser.create("Hi");
        String setCookie = created.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("arena_voter=").contains("HttpOnly", "SameSite=Lax", "Path=/");
        assertThat(setCookie.substring("arena_voter=".length(), setCookie.indexOf(';')))
                .matches("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22}");

        // A script inventing a fresh cookie for every vote is still one voter: its address.
        List<String> battles = readyBattles(21);
        for (int i = 0; i < 21; i++) {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(arena.url() + "/api/battles/" + battles.get(i) + "/vote"))
                                    .header("Content-Type", "application/json")
                                    .header("Cookie", "arena_voter=made" + i + "up.xxxxxxxxxxxxxxxxxxxxxx")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"winner\": \"tie\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("vote %d", i + 1).isEqualTo(i < 20 ? 200 : 429);
        }
    }

    @Test
    void a_script_taking_a_fresh_voter_cookie_for_every_battle_is_still_capped_by_its_address() throws Exception {
        start(new Voters(20, 0.0, 0.0, false, 20, 25));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            Voter fresh = new Voter(); // a new cookie jar: a new, validly signed voter id each time
            statuses.add(fresh.vote(fresh.readyBattles(1).get(0), "a").statusCode());
        }
        assertThat(statuses.subList(0, 25)).containsOnly(200);
        assertThat(statuses.subList(25, 27)).containsOnly(429);
    }

    @Test
    void with_a_reading_pace_set_a_vote_sooner_than_the_answers_take_to_read_is_not_counted() throws Exception {
        // About 40 characters of answers at one character a second: forty seconds to read them.
        start(new Voters(0, 0.0, 1.0, false, 20));
        Voter reader = new Voter();
        JsonNode vote =
                JSON.readTree(reader.vote(reader.readyBattles(1).get(0), "a").body());
        assertThat(vote.get("counted").asBoolean()).isFalse();
        assertThat(vote.get("not_counted_because").asText())
                .contains("sooner after the answers than they could be read");
        assertThat(admin("GET", "/api/admin/voters")
                        .json()
                        .get("voters")
                        .get(0)
                        .get("too_fast")
                        .asInt())
                .isEqualTo(1);
    }

    /** The boards as a reader sees them (the Bradley-Terry refit included), speeds aside. */
    private List<String> boards() {
        List<String> boards =
                new ArrayList<>(List.of("/api/leaderboard", "/api/leaderboard/elo", "/api/leaderboard/bt").stream()
                        .map(path ->
                                Api.withoutSpeeds(arena.api().get(path).json()).toString())
                        .toList());
        boards.add(arena.api().get("/api/leaderboard/head-to-head").text());
        boards.add(arena.api().get("/api/leaderboard/elo/history").text());
        return boards;
    }

    private void awaitStrengthBoard(int battles) throws Exception {
        Poll.until(
                "the Bradley-Terry board counts " + battles + " battles",
                Duration.ofSeconds(10),
                () -> arena.api()
                                .get("/api/leaderboard/bt")
                                .json()
                                .get("battles")
                                .asInt()
                        == battles);
    }

    /** Battles started by a client that keeps no cookie. */
    private List<String> readyBattles(int count) throws Exception {
        return new Voter().readyBattles(count);
    }

    private Api.Response admin(String method, String path) {
        return arena.api()
                .send(HttpRequest.newBuilder(URI.create(arena.url() + path))
                        .header("Authorization", "Bearer " + TOKEN)
                        .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** A client that keeps cookies, as a browser does: its first battle gives it its voter cookie. */
    private final class Voter {
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http =
                HttpClient.newBuilder().cookieHandler(cookies).build();

        List<String> readyBattles(int count) throws Exception {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(JSON.readTree(create("Question " + i).body()).get("id").asText());
            }
            ids.forEach(id -> assertThat(Api.endStatus(arena.api().events(id))).isEqualTo("ready"));
            return ids;
        }

        HttpResponse<String> create(String prompt) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(arena.url() + "/api/battles"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Api.json(java.util.Map.of("prompt", prompt)))));
        }

        HttpResponse<String> vote(String battle, String winner) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(arena.url() + "/api/battles/" + battle + "/vote"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"winner\": \"" + winner + "\"}")));
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String cookie() {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("arena_voter"))
                    .findFirst()
                    .orElseThrow()
                    .getValue();
        }
    }
}
