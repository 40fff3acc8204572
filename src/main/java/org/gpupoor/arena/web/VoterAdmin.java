package org.gpupoor.arena.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.gpupoor.arena.config.LiveConfig;
import org.gpupoor.arena.config.Voters;
import org.gpupoor.arena.leaderboard.Boards;
import org.gpupoor.arena.store.BattleLog;
import org.gpupoor.arena.store.VoterRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator's view of voters who look like ballot stuffing, and voiding everything one of them cast. */
public final class VoterAdmin {
    private static final Logger log = LoggerFactory.getLogger(VoterAdmin.class);

    private final LiveConfig config;
    private final BattleLog battleLog;
    private final Boards boards;
    private final Clock clock;

    public VoterAdmin(LiveConfig config, BattleLog battleLog, Boards boards, Clock clock) {
        this.config = config;
        this.battleLog = battleLog;
        this.boards = boards;
        this.clock = clock;
    }

    /** {@code GET /api/admin/voters}: flagged voters, most votes first, each with its counts and why it is listed. */
    public void flagged(Context ctx) {
        Voters rules = config.current().voters();
        var dayStart = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        List<Bodies.FlaggedVoter> voters = new ArrayList<>();
        for (VoterRecord v :
                battleLog.voters().flaggedVoters(rules.sideBiasMinVotes(), rules.dailyVoteCap(), dayStart)) {
            voters.add(new Bodies.FlaggedVoter(
                    v.voter(),
                    flags(v, rules),
                    v.votes(),
                    v.today(),
                    v.forA(),
                    v.forB(),
                    v.ties(),
                    v.bothBad(),
                    v.tooFast(),
                    v.voided(),
                    v.firstVote().toString(),
                    v.lastVote().toString()));
        }
        ctx.json(new Bodies.Voters(dayStart.toString(), voters));
    }

    private static List<String> flags(VoterRecord v, Voters rules) {
        List<String> flags = new ArrayList<>();
        if (v.tooFast() > 0) {
            flags.add("too_fast");
        }
        if ((v.forA() >= rules.sideBiasMinVotes() && v.forB() == 0)
                || (v.forB() >= rules.sideBiasMinVotes() && v.forA() == 0)) {
            flags.add("side_bias");
        }
        if (rules.dailyVoteCap() > 0 && v.today() >= rules.dailyVoteCap()) {
            flags.add("at_daily_cap");
        }
        return flags;
    }

    /** {@code POST /api/admin/voters/{voter}/void}: every vote of that voter leaves the boards and the export. */
    public void voidVotes(Context ctx) {
        String voter = ctx.pathParam("voter");
        if (!voter.matches("[0-9a-f]{32}")) {
            throw ApiException.notFound(
                    "No voter has that id; voter ids are the 32 hex digits GET /api/admin/voters lists.");
        }
        int voided = battleLog.operators().voidVoter(voter);
        if (voided == 0 && battleLog.voters().votesBy(voter, LocalDate.EPOCH) == 0) {
            throw ApiException.notFound("No votes are logged from voter " + voter + ".");
        }
        if (voided > 0) {
            log.info("{} votes of voter {} voided by the operator", voided, voter);
            boards.logRewritten();
        }
        ctx.json(new Bodies.VoidedVoter(voter, voided, voided > 0));
    }
}
