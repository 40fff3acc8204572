package org.gpupoor.arena.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.gpupoor.arena.battle.BattleService;
import org.gpupoor.arena.battle.BattleViews;
import org.gpupoor.arena.battle.LiveBattle;
import org.gpupoor.arena.rating.Outcome;
import org.gpupoor.arena.share.SharedBattles;

/** HTTP for battles: create, look at, follow live, ask a follow-up, vote. */
public final class BattleController {
    private final BattleService service;
    private final JsonBodies bodies;
    private final EventStream events;
    private final Clock clock;
    private final VoterCookie voters;
    private final SharedBattles shared;

    public BattleController(
            BattleService service,
            JsonBodies bodies,
            EventStream events,
            VoterCookie voters,
            SharedBattles shared,
            Clock clock) {
        this.service = service;
        this.shared = shared;
        this.voters = voters;
        this.clock = clock;
        this.bodies = bodies;
        this.events = events;
    }

    public void create(Context ctx) throws IOException {
        JsonNode body = bodies.object(ctx, "prompt");
        created(ctx, service.create(bodies.requiredText(body, "prompt")));
    }

    /** The same prompt with another pair; the battle passed over is closed, never to be counted. */
    public void newPair(Context ctx) throws IOException {
        created(ctx, service.newPair(ctx.pathParam("id")));
    }

    /**
     * A client that accepts {@code text/event-stream} gets the new battle's events in this answer
     * (its id in {@code Location}): one request to the first token, not two, and the token need
     * not wait for the battle's row to reach the disk. Others get the id once the row is in.
     */
    private void created(Context ctx, LiveBattle battle) throws IOException {
        voters.ensure(ctx);
        ctx.header("Location", "/api/battles/" + battle.id());
        if (EventStream.wanted(ctx)) {
            events.stream(ctx, battle, 201);
        } else {
            battle.awaitLogged();
            ctx.status(201).json(new Bodies.Created(battle.id()));
        }
    }

    /** A follow-up prompt to both models; its answers stream on the battle's events. */
    public void followUp(Context ctx) {
        String id = ctx.pathParam("id");
        JsonNode body = bodies.object(ctx, "prompt");
        int turn = service.followUp(id, bodies.requiredText(body, "prompt"));
        voters.ensure(ctx);
        ctx.status(202).header("Location", "/api/battles/" + id).json(new Bodies.TurnAsked(id, turn));
    }

    public void show(Context ctx) {
        LiveBattle battle = service.find(ctx.pathParam("id"));
        battle.touched(clock.instant());
        Map<String, Object> view = BattleViews.of(battle);
        if (battle.status() == LiveBattle.Status.VOTED) {
            shared.pathOf(battle.id()).ifPresent(path -> view.put("share_url", path));
        }
        ctx.json(view);
    }

    public void events(Context ctx) throws Exception {
        LiveBattle battle = service.find(ctx.pathParam("id"));
        events.stream(ctx, battle, 200);
    }

    public void vote(Context ctx) {
        JsonNode body = bodies.object(ctx, "winner");
        String winner = bodies.requiredText(body, "winner");
        Outcome outcome = Outcome.fromWire(winner)
                .orElseThrow(
                        () -> ApiException.badRequest("winner must be one of \"a\", \"b\", \"tie\", \"both_bad\"."));
        BattleService.VoteResult result =
                service.vote(ctx.pathParam("id"), outcome, voters.voterOf(ctx), voters.addressOf(ctx));
        voters.ensure(ctx);
        ctx.json(new Bodies.Vote(
                result.id(),
                result.winner().wire(),
                result.models(),
                result.standings(),
                result.notCounted() == null,
                result.notCounted(),
                shared.pathOf(result.id()).orElse(null)));
    }
}
