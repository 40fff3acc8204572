package org.gpupoor.arena.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gpupoor.arena.leaderboard.BoardRows.EloRow;
import org.gpupoor.arena.leaderboard.BoardRows.MainRow;
import org.gpupoor.arena.leaderboard.BoardRows.Standing;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.testing.OfflineBoards;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main and ELO boards on their own: votes in, rows out, no server and no Ollama. */
class LeaderboardTest {
    private static final List<String> MODELS = List.of("small:1b", "half:0.5b", "big:3b");

    @TempDir
    Path dir;

    OfflineBoards arena;

    @BeforeEach
    void open() {
        arena = new OfflineBoards(
                dir,
                OfflineBoards.config(
                        dir, Map.of("small:1b", "Small (1B)", "half:0.5b", "Half (0.5B)", "big:3b", "Big (3B)")));
    }

    @AfterEach
    void close() {
        arena.close();
    }

    @Test
    void a_win_moves_the_main_score_and_the_elo_as_the_original_formulas_say() {
        Map<String, Standing> standings = arena.vote("small:1b", "half:0.5b", Outcome.A);

        // Initial 1000 + 100 * size; K = min(64, 32 * (1 + (loser - winner) / largest)), largest being 3B.
        double expected = 1 / (1 + Math.pow(10, (1050 - 1100) / 400.0));
        double k = Math.min(64, 32 * (1 + (0.5 - 1.0) / 3.0));
        double change = k * (1 - expected);
        assertThat(standings.get("a").eloChange()).isCloseTo(change, within(1e-9));
        assertThat(standings.get("b").eloChange()).isCloseTo(-k * (1 - expected), within(1e-9));

        MainRow winner = main("small:1b");
        assertThat(winner.wins()).isEqualTo(1);
        assertThat(winner.score()).isCloseTo(1.0 * (1 - 1.0 / 2), within(1e-12));
        assertThat(main("half:0.5b").score()).isZero();
        assertThat(arena.leaderboard.mainBoard().get(0).model()).isEqualTo("small:1b");

        assertThat(elo("small:1b").rating()).isCloseTo(1100 + change, within(1e-9));
        assertThat(elo("small:1b").initialRating()).isEqualTo(1100.0);
        assertThat(elo("half:0.5b").rating()).isCloseTo(1050 - k * (1 - expected), within(1e-9));
        assertThat(elo("big:3b").rating()).isEqualTo(1300.0);
    }

    @Test
    void a_tie_is_half_a_win_for_each_side_on_the_main_board() {
        arena.vote("small:1b", "big:3b", Outcome.TIE);
        arena.vote("small:1b", "big:3b", Outcome.BOTH_BAD);

        MainRow small = main("small:1b");
        assertThat(small.ties()).isEqualTo(2);
        assertThat(small.winRate()).isCloseTo(0.5, within(1e-12));
        assertThat(small.score()).isCloseTo(0.5 * (1 - 1.0 / 3), within(1e-12));
        assertThat(main("big:3b").score()).isCloseTo(small.score(), within(1e-12));
        // The smaller model gains rating from a draw with a larger one.
        assertThat(elo("small:1b").rating()).isGreaterThan(1100.0);
        assertThat(elo("big:3b").rating()).isLessThan(1300.0);
    }

    @Test
    void boards_replayed_from_the_log_equal_the_boards_built_vote_by_vote() {
        Random random = new Random(5);
        Outcome[] outcomes = Outcome.values();
        for (int i = 0; i < 40; i++) {
            String a = MODELS.get(random.nextInt(3));
            String b = MODELS.get((MODELS.indexOf(a) + 1 + random.nextInt(2)) % 3);
            arena.vote(a, b, outcomes[random.nextInt(outcomes.length)]);
        }
        List<MainRow> main = arena.leaderboard.mainBoard();
        List<EloRow> elo = arena.leaderboard.eloBoard();

        Leaderboard afterRestart = new Leaderboard(arena.log, arena.catalog, arena.sizes, arena.hidden, false);
        assertThat(afterRestart.load()).isTrue();
        assertThat(afterRestart.mainBoard()).isEqualTo(main);
        assertThat(afterRestart.eloBoard()).isEqualTo(elo);
        arena.leaderboard.rebuild();
        assertThat(arena.leaderboard.mainBoard()).isEqualTo(main);
        assertThat(arena.leaderboard.eloBoard()).isEqualTo(elo);
    }

    @Test
    void a_hidden_model_leaves_both_boards_and_the_others_rank_without_it_until_it_is_shown_again() {
        arena.vote("small:1b", "half:0.5b", Outcome.A);
        arena.vote("small:1b", "big:3b", Outcome.A);
        arena.vote("big:3b", "half:0.5b", Outcome.A);
        assertThat(main("small:1b").rank()).isEqualTo(1);

        assertThat(arena.hidden.hide("small:1b", Instant.now())).isTrue();
        assertThat(arena.leaderboard.mainBoard()).extracting(MainRow::model).containsExactly("big:3b", "half:0.5b");
        assertThat(arena.leaderboard.mainBoard()).extracting(MainRow::rank).containsExactly(1, 2);
        assertThat(arena.leaderboard.eloBoard()).extracting(EloRow::model).doesNotContain("small:1b");
        assertThat(arena.leaderboard.eloBoard()).extracting(EloRow::rank).containsExactly(1, 2);
        // Hiding changes what is shown, not what happened: the others keep their results against it.
        assertThat(main("half:0.5b").losses()).isEqualTo(2);

        assertThat(arena.hidden.show("small:1b")).isTrue();
        assertThat(main("small:1b").rank()).isEqualTo(1);
    }

    private MainRow main(String model) {
        return arena.leaderboard.mainBoard().stream()
                .filter(r -> r.model().equals(model))
                .findFirst()
                .orElseThrow();
    }

    private EloRow elo(String model) {
        return arena.leaderboard.eloBoard().stream()
                .filter(r -> r.model().equals(model))
                .findFirst()
                .orElseThrow();
    }
}
