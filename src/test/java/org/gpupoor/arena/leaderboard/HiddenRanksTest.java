package org.gpupoor.arena.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rank a voter is told after a vote is the rank the boards show, hidden models or not. */
class HiddenRanksTest {
    private static final String TOKEN = "rank-token";
    private static final String CHAMPION = "champ:1b";
    private static final String GOLD = "Gold reply.";

    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension()
            .adminToken(TOKEN)
            // Battles are blind: the champion is told apart by its answer.
            .model(CHAMPION, "1.0B", "Champ (1B)", m -> m.answers(GOLD))
            .model("one:1b", "1.0B", "One (1B)", m -> m.answers("Silver reply."))
            .model("two:1b", "1.0B", "Two (1B)", m -> m.answers("Bronze reply."));

    @Test
    void after_a_model_above_them_is_hidden_a_vote_tells_the_ranks_the_boards_show() {
        // The champion wins every battle it is in, the others tie: it leads both boards.
        int championWins = 0;
        while (championWins < 3) {
            String id = readyBattle();
            String winner = championSide(id);
            championWins += winner == null ? 0 : 1;
            vote(id, winner == null ? "tie" : winner);
        }
        assertThat(rankOn("/api/leaderboard", CHAMPION)).isEqualTo(1);
        assertThat(rankOn("/api/leaderboard/elo", CHAMPION)).isEqualTo(1);

        assertThat(admin("/api/admin/models/" + CHAMPION + "/hide").status()).isEqualTo(200);
        arena.ollama().remove(CHAMPION); // so the next battle is between the two models still shown
        arena.app().refreshModels();
        JsonNode standings = vote(readyBattle(), "a").get("standings");

        for (String side : new String[] {"a", "b"}) {
            JsonNode standing = standings.get(side);
            String model = standing.get("main").get("model").asText();
            assertThat(standing.get("main").get("rank").asInt())
                    .as("main rank of " + model + " in the vote's answer")
                    .isEqualTo(rankOn("/api/leaderboard", model));
            assertThat(standing.get("elo").get("rank").asInt())
                    .as("ELO rank of " + model + " in the vote's answer")
                    .isEqualTo(rankOn("/api/leaderboard/elo", model));
        }
        assertThat(standings.get("a").get("main").get("rank").asInt())
                .as("the winner of the last vote leads")
                .isEqualTo(1);
    }

    @Test
    void a_vote_on_a_hidden_models_battle_counts_and_tells_no_rank_for_it() {
        assertThat(admin("/api/admin/models/" + CHAMPION + "/hide").status()).isEqualTo(200);
        arena.ollama().remove("two:1b"); // only the champion and one:1b can battle
        arena.app().refreshModels();
        String id = readyBattle();
        String championSide = championSide(id);
        assertThat(championSide).isNotNull();
        String otherSide = championSide.equals("a") ? "b" : "a";

        JsonNode standings = vote(id, championSide).get("standings");

        assertThat(standings.get(championSide).get("main").get("rank").isNull())
                .as("a hidden model has no place on the board")
                .isTrue();
        assertThat(standings.get(championSide).get("elo").get("rank").isNull()).isTrue();
        assertThat(standings.get(championSide).get("main").get("wins").asInt()).isEqualTo(1);
        assertThat(standings.get(otherSide).get("main").get("rank").asInt())
                .isEqualTo(rankOn("/api/leaderboard", "one:1b"));
        assertThat(standings.get(otherSide).get("elo").get("rank").asInt())
                .isEqualTo(rankOn("/api/leaderboard/elo", "one:1b"));
    }

    private String readyBattle() {
        Api.Response created = arena.api().post("/api/battles", "{\"prompt\": \"Who ranks where?\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(Api.endStatus(arena.api().events(id))).isEqualTo("ready");
        return id;
    }

    /** The side the champion answered on, or null when it is not in the battle. */
    private String championSide(String id) {
        JsonNode answers = arena.api().get("/api/battles/" + id).json().get("answers");
        return GOLD.equals(answers.get("a").get("text").asText())
                ? "a"
                : GOLD.equals(answers.get("b").get("text").asText()) ? "b" : null;
    }

    private JsonNode vote(String id, String winner) {
        Api.Response voted = arena.api().post("/api/battles/" + id + "/vote", "{\"winner\": \"" + winner + "\"}");
        assertThat(voted.status()).isEqualTo(200);
        return voted.json();
    }

    private int rankOn(String board, String model) {
        for (JsonNode row : arena.api().get(board).json().get("rows")) {
            if (row.get("model").asText().equals(model)) {
                return row.get("rank").asInt();
            }
        }
        throw new AssertionError(model + " is not on " + board);
    }

    private Api.Response admin(String path) {
        return arena.api()
                .send(HttpRequest.newBuilder(URI.create(arena.url() + path))
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.noBody()));
    }
}
