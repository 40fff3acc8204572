package org.gpupoor.arena.battle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.gpu.Residency;
import org.gpupoor.arena.leaderboard.Boards;
import org.gpupoor.arena.leaderboard.LeaderboardExport;
import org.gpupoor.arena.leaderboard.LeaderboardJson;
import org.gpupoor.arena.leaderboard.StrengthBoard;
import org.gpupoor.arena.matchmaking.Matchmaker;
import org.gpupoor.arena.metrics.ArenaMetrics;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.store.SideRecord;
import org.gpupoor.arena.testing.OfflineBoards;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Votes, lookups and refusals of the battle service, built with plain {@code new}: no server, no Ollama. */
class BattleServiceTest {
    @TempDir
    Path dir;

    OfflineBoards arena;
    ExecutorService workers;
    BattleService battles;

    @BeforeEach
    void open() {
        arena = new OfflineBoards(dir, OfflineBoards.config(dir, Map.of("one:1b", "One (1B)", "two:2b", "Two (2B)")));
        workers = Executors.newCachedThreadPool();
        StrengthBoard strengths = new StrengthBoard(
                arena.log,
                arena.leaderboard,
                arena.catalog,
                arena.sizes,
                arena.config.ratings(),
                false,
                arena.background);
        LeaderboardExport export = new LeaderboardExport(
                arena.leaderboard, new LeaderboardJson(new ObjectMapper(), dir.resolve("leaderboard.json")), null);
        LiveConfig live = new LiveConfig(arena.config);
        battles = new BattleService(
                arena.log,
                arena.catalog,
                arena.leaderboard,
                new Boards(arena.leaderboard, strengths, export, () -> {}),
                arena.ollama,
                workers,
                arena.background,
                live,
                Clock.systemUTC(),
                new Matchmaker(
                        live,
                        new Residency(arena.ollama.memory(), 0),
                        arena.leaderboard,
                        strengths,
                        arena.log,
                        new Random(1)),
                workers,
                new ArenaMetrics());
    }

    @AfterEach
    void close() {
        workers.shutdownNow();
        arena.close();
    }

    @Test
    void a_vote_reveals_both_models_and_moves_the_boards() {
        String id = arena.readyBattle("one:1b", "two:2b");

        BattleService.VoteResult result = battles.vote(id, Outcome.B, "voter", "address");

        assertThat(result.models().get("a").name()).isEqualTo("One (1B)");
        assertThat(result.models().get("b").tag()).isEqualTo("two:2b");
        assertThat(result.notCounted()).isNull();
        assertThat(result.standings().get("b").eloChange()).isPositive();
        assertThat(arena.leaderboard.mainBoard().get(0).model()).isEqualTo("two:2b");
        assertThat(battles.find(id).status()).isEqualTo(LiveBattle.Status.VOTED);
    }

    @Test
    void a_second_vote_on_a_battle_is_refused_and_not_counted() {
        String id = arena.readyBattle("one:1b", "two:2b");
        battles.vote(id, Outcome.A, "voter", "address");

        assertThatThrownBy(() -> battles.vote(id, Outcome.B, "someone else", "elsewhere"))
                .isInstanceOfSatisfying(
                        NotVotableException.class, e -> assertThat(e.code()).isEqualTo("already_voted"));
        assertThat(arena.leaderboard.mainBoard())
                .allSatisfy(row -> assertThat(row.battles()).isEqualTo(1));
    }

    @Test
    void a_failed_battle_cannot_be_voted_on_and_says_why() {
        String id = "failedBattle0000000000";
        arena.log.insert(
                new org.gpupoor.arena.store.NewBattle(id, Instant.now(), "Hi", "one:1b", "two:2b", null, null));
        arena.log.finish(
                id,
                false,
                "One (1B) did not start answering within 10 s",
                null,
                SideRecord.failed("", "did not start answering within 10 s"),
                new SideRecord("Fine.", 1, 1.0, 1L, 1L, "stop", null),
                Instant.now());

        assertThatThrownBy(() -> battles.vote(id, Outcome.A, "voter", "address"))
                .isInstanceOfSatisfying(NotVotableException.class, e -> {
                    assertThat(e.code()).isEqualTo("battle_failed");
                    assertThat(e.getMessage()).contains("did not start answering");
                });
        assertThat(arena.leaderboard.mainBoard())
                .allSatisfy(row -> assertThat(row.battles()).isZero());
    }

    @Test
    void unknown_and_malformed_ids_are_not_found() {
        assertThatThrownBy(() -> battles.find(BattleIds.next())).isInstanceOf(BattleNotFoundException.class);
        assertThatThrownBy(() -> battles.vote("../../etc/passwd", Outcome.A, "v", "a"))
                .isInstanceOf(BattleNotFoundException.class);
    }

    @Test
    void a_blank_prompt_is_refused_before_any_model_is_asked() {
        assertThatThrownBy(() -> battles.create("   ")).isInstanceOf(InvalidPromptException.class);
        assertThat(arena.log.isEmpty()).isTrue();
    }

    @Test
    void with_ollama_down_a_new_battle_is_refused_with_a_reason_and_nothing_is_logged() {
        assertThatThrownBy(() -> battles.create("Why is the sky blue?"))
                .isInstanceOfSatisfying(ArenaUnavailableException.class, e -> {
                    assertThat(e.code()).isEqualTo("ollama_down");
                    assertThat(e.getMessage()).contains("Try again once Ollama is running");
                });
        assertThat(arena.log.isEmpty()).isTrue();
    }
}
