package org.gpupoor.arena.battle;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.leaderboard.BoardRows.Standing;
import org.gpupoor.arena.leaderboard.Boards;
import org.gpupoor.arena.leaderboard.Leaderboard;
import org.gpupoor.arena.metrics.ArenaMetrics;
import org.gpupoor.arena.rating.CountedBattle;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.store.AlreadyVotedException;
import org.gpupoor.arena.store.Ballot;
import org.gpupoor.arena.store.BattleLog;

/** The one vote a battle may receive: the voter rules, the write to disk, then the boards. */
final class Voting {
    private final BattleLog battleLog;
    private final Leaderboard leaderboard;
    private final Boards boards;
    private final BallotBox ballots;
    private final LiveBattles battles;
    private final LiveConfig config;
    private final Clock clock;
    private final ArenaMetrics metrics;

    Voting(
            BattleLog battleLog,
            Leaderboard leaderboard,
            Boards boards,
            BallotBox ballots,
            LiveBattles battles,
            LiveConfig config,
            Clock clock,
            ArenaMetrics metrics) {
        this.battleLog = battleLog;
        this.leaderboard = leaderboard;
        this.boards = boards;
        this.ballots = ballots;
        this.battles = battles;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    BattleService.VoteResult vote(LiveBattle battle, Outcome winner, String voter, String address) {
        String id = battle.id();
        switch (battle.status()) {
            case GENERATING -> throw new NotVotableException("not_ready", "Both answers must finish before you vote.");
            case FAILED ->
                throw new NotVotableException(
                        "battle_failed", "This battle failed and cannot be voted on: " + battle.failure());
            case VOTED -> throw new NotVotableException("already_voted", "This battle already has its vote.");
            case SKIPPED ->
                throw new NotVotableException(
                        "skipped", "This battle was passed over for a new pair, so it cannot be voted on.");
            default -> {}
        }
        Contender a = battle.contender(Side.A);
        Contender b = battle.contender(Side.B);
        Instant now = clock.instant();
        Runnable giveBack = ballots.admit(voter, address);
        Ballot ballot = new Ballot(
                voter,
                address,
                ballots.tooFast(battle, now),
                config.current().voters().countFastVotes());
        boolean counts = (battle.giveaway() == null || leaderboard.countsFlagged())
                && !(ballot.tooFast() && !ballot.countsAnyway());
        AtomicReference<CompletableFuture<Map<String, Standing>>> standings =
                new AtomicReference<>(CompletableFuture.completedFuture(null));
        try {
            battleLog.recordVote(id, winner, now, ballot, () -> {
                if (counts) {
                    standings.set(leaderboard.apply(new CountedBattle(a.tag(), b.tag(), winner)));
                }
                battle.markVoted(winner, now);
            });
        } catch (AlreadyVotedException e) {
            giveBack.run();
            throw new NotVotableException("already_voted", "This battle already has its vote.");
        } catch (RuntimeException e) {
            giveBack.run();
            throw e;
        }
        metrics.vote(winner.wire(), counts);
        ClosedBattles.answered(metrics, battle);
        // Its answers, kept token by token for event streams, are no longer needed: a later read comes from the log.
        battles.voted(battle);
        boards.votesStored(counts);
        // On disk already; while the boards load, the standings wait for their replay (a second at most).
        return new BattleService.VoteResult(
                id, winner, Map.of("a", a, "b", b), standings.get().join(), counts ? null : notCounted(battle, ballot));
    }

    static String notCounted(LiveBattle battle, Ballot ballot) {
        if (battle.giveaway() == null || ballot.tooFast()) {
            return "This vote came sooner after the answers than they could be read, so it is kept but does not count"
                    + " toward the boards. Take your time with the next one.";
        }
        return "An answer names a model or its maker (\"" + battle.giveaway()
                + "\"), so this vote is kept but does not count toward the boards.";
    }
}
