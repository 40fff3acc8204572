package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * openapi.yaml is the contract: every operation it lists is driven against a real arena with
 * good and bad input, and every answer (status, Content-Type, body, each event of a stream) must
 * be one the document declares. An operation added to the document without a row here fails.
 */
class ApiContractTest {
    /** One request of the table: the operation it exercises, what it tries, the status it must get (null: any declared). */
    record Call(String operation, String what, Integer status, ContractArena.Request request) {}

    private static final String UNKNOWN = ContractArena.UNKNOWN;
    private static final byte[] NOT_UTF8 = {'{', '"', 'p', 'r', 'o', 'm', 'p', 't', '"', ':', '"', (byte) 0xff, '"', '}'
    };

    @TempDir
    Path dir;

    ContractArena arena;

    @AfterEach
    void stop() {
        if (arena != null) {
            arena.close();
        }
    }

    /**
     * The table: operation → requests, run in order (later rows rely on the battles earlier ones
     * made). A new operation gets rows here; a row may leave the status open (null) when any declared one will do.
     */
    private List<Call> calls(ContractArena a) {
        String huge = "x".repeat(100_000);
        String tie = "{\"winner\": \"tie\"}";
        String winnerA = "{\"winner\": \"a\"}";
        return List.of(
                new Call("GET /api/health", "plain", 200, () -> a.get("/api/health")),
                new Call(
                        "GET /api/health",
                        "20 KB of headers",
                        431,
                        () -> a.get("/api/health", "X-Padding", "a".repeat(20_000))),
                new Call("GET /api/arena", "plain", 200, () -> a.get("/api/arena")),
                new Call("GET /api/models", "plain", 200, () -> a.get("/api/models")),
                new Call("GET /api/models/card", "an approved model", 200, () -> a.get("/api/models/card?tag=one:1b")),
                new Call("GET /api/models/card", "no tag", 400, () -> a.get("/api/models/card")),
                new Call("GET /api/models/card", "an unknown tag", 404, () -> a.get("/api/models/card?tag=nope:1b")),
                new Call("GET /api/prompts/random", "plain", 200, () -> a.get("/api/prompts/random")),
                new Call(
                        "POST /api/battles", "a prompt", 201, () -> a.post("/api/battles", "{\"prompt\": \"Say hi\"}")),
                new Call(
                        "POST /api/battles",
                        "a prompt, its events asked for",
                        201,
                        () -> a.postStreaming("/api/battles", "{\"prompt\": \"Say hi\"}")),
                new Call(
                        "POST /api/battles",
                        "an empty prompt, events asked for",
                        400,
                        () -> a.postStreaming("/api/battles", "{\"prompt\": \"\"}")),
                new Call("POST /api/battles", "malformed JSON", 400, () -> a.post("/api/battles", "{\"prompt\": ")),
                new Call(
                        "POST /api/battles",
                        "an unknown field",
                        400,
                        () -> a.post("/api/battles", "{\"prompt\": \"hi\", \"model\": \"x\"}")),
                new Call(
                        "POST /api/battles",
                        "a prompt that is a list",
                        400,
                        () -> a.post("/api/battles", "{\"prompt\": [\"hi\"]}")),
                new Call(
                        "POST /api/battles",
                        "a control character",
                        400,
                        () -> a.post("/api/battles", "{\"prompt\": \"a\\u0007\"}")),
                new Call(
                        "POST /api/battles",
                        "an empty prompt",
                        400,
                        () -> a.post("/api/battles", "{\"prompt\": \" \"}")),
                new Call("POST /api/battles", "a JSON array", 400, () -> a.post("/api/battles", "[]")),
                new Call(
                        "POST /api/battles",
                        "trailing text",
                        400,
                        () -> a.post("/api/battles", "{\"prompt\": \"hi\"} and more")),
                new Call(
                        "POST /api/battles",
                        "a duplicate key",
                        400,
                        () -> a.post("/api/battles", "{\"prompt\": \"a\", \"prompt\": \"b\"}")),
                new Call(
                        "POST /api/battles",
                        "bytes that are not UTF-8",
                        400,
                        () -> a.post("/api/battles", "application/json", NOT_UTF8)),
                new Call(
                        "POST /api/battles",
                        "text/plain",
                        415,
                        () -> a.postText("/api/battles", "{\"prompt\": \"hi\"}")),
                new Call(
                        "POST /api/battles",
                        "a body over 64 KiB",
                        413,
                        () -> a.postLarge("/api/battles", "{\"prompt\": \"" + huge + "\"}")),
                new Call("POST /api/battles", "only one model available", 503, a::createWithOneModel),
                new Call("GET /api/battles/{id}", "a ready battle", 200, () -> a.get("/api/battles/" + a.ready)),
                new Call("GET /api/battles/{id}", "a voted battle", 200, () -> a.get("/api/battles/" + a.voted)),
                new Call("GET /api/battles/{id}", "a failed battle", 200, () -> a.get("/api/battles/" + a.failed)),
                new Call("GET /api/battles/{id}", "a battle still generating", 200, a::startSlowBattle),
                new Call("GET /api/battles/{id}", "an unknown id", 404, () -> a.get("/api/battles/" + UNKNOWN)),
                new Call(
                        "GET /api/battles/{id}",
                        "an id that cannot be one",
                        404,
                        () -> a.get("/api/battles/not-an-id")),
                new Call("GET /api/battles/{id}", "%00 in the path", 400, () -> a.get("/api/battles/%00")),
                new Call("GET /api/battles/{id}", "a 10 KB id", 414, () -> a.get("/api/battles/" + "A".repeat(10_000))),
                new Call("GET /api/battles/{id}/events", "a ready battle", 200, () -> a.get(a.events(a.ready))),
                new Call("GET /api/battles/{id}/events", "a failed battle", 200, () -> a.get(a.events(a.failed))),
                new Call(
                        "GET /api/battles/{id}/events",
                        "resumed with Last-Event-ID",
                        200,
                        () -> a.get(a.events(a.ready), "Last-Event-ID", "3")),
                new Call(
                        "GET /api/battles/{id}/events",
                        "resumed with ?after",
                        200,
                        () -> a.get(a.events(a.ready) + "?after=2")),
                new Call(
                        "GET /api/battles/{id}/events",
                        "a negative after",
                        400,
                        () -> a.get(a.events(a.ready) + "?after=-1")),
                new Call(
                        "GET /api/battles/{id}/events",
                        "a Last-Event-ID that is no number",
                        400,
                        () -> a.get(a.events(a.ready), "Last-Event-ID", "soon")),
                new Call("GET /api/battles/{id}/events", "an unknown id", 404, () -> a.get(a.events(UNKNOWN))),
                new Call(
                        "GET /api/battles/{id}/events", "%00 in the path", 400, () -> a.get("/api/battles/%00/events")),
                new Call(
                        "POST /api/battles/{id}/turns",
                        "a ready battle",
                        202,
                        () -> a.post("/api/battles/" + a.followed + "/turns", "{\"prompt\": \"Shorter?\"}")),
                new Call(
                        "POST /api/battles/{id}/turns",
                        "a blank prompt",
                        400,
                        () -> a.post("/api/battles/" + a.ready + "/turns", "{\"prompt\": \"  \"}")),
                new Call(
                        "POST /api/battles/{id}/turns",
                        "a battle still generating",
                        409,
                        () -> a.post("/api/battles/" + a.slow + "/turns", "{\"prompt\": \"Shorter?\"}")),
                new Call(
                        "POST /api/battles/{id}/turns",
                        "a voted battle",
                        409,
                        () -> a.post("/api/battles/" + a.voted + "/turns", "{\"prompt\": \"Shorter?\"}")),
                new Call(
                        "POST /api/battles/{id}/turns",
                        "an unknown id",
                        404,
                        () -> a.post("/api/battles/" + UNKNOWN + "/turns", "{\"prompt\": \"Shorter?\"}")),
                new Call(
                        "GET /api/battles/{id}",
                        "a battle with a follow-up",
                        200,
                        () -> a.get("/api/battles/" + a.followed)),
                new Call(
                        "POST /api/battles/{id}/vote",
                        "a battle still generating",
                        409,
                        () -> a.post(a.vote(a.slow), winnerA)),
                new Call("POST /api/battles/{id}/vote", "a ready battle", 200, () -> a.post(a.vote(a.ready), tie)),
                new Call(
                        "POST /api/battles/{id}/new-pair",
                        "a ready battle",
                        201,
                        () -> a.post("/api/battles/" + a.spare + "/new-pair", "")),
                new Call(
                        "POST /api/battles/{id}/new-pair",
                        "a battle passed over already",
                        409,
                        () -> a.post("/api/battles/" + a.spare + "/new-pair", "")),
                new Call(
                        "POST /api/battles/{id}/vote", "a battle passed over", 409, () -> a.post(a.vote(a.spare), tie)),
                new Call(
                        "POST /api/battles/{id}/new-pair",
                        "a voted battle",
                        409,
                        () -> a.post("/api/battles/" + a.voted + "/new-pair", "")),
                new Call(
                        "POST /api/battles/{id}/new-pair",
                        "an unknown id",
                        404,
                        () -> a.post("/api/battles/" + UNKNOWN + "/new-pair", "")),
                new Call("POST /api/battles/{id}/vote", "a second vote", 409, () -> a.post(a.vote(a.ready), winnerA)),
                new Call(
                        "POST /api/battles/{id}/vote",
                        "a battle whose answers name their models",
                        200,
                        () -> a.post(a.vote(a.giveaway), "{\"winner\": \"b\"}")),
                new Call(
                        "POST /api/battles/{id}/vote", "a failed battle", 409, () -> a.post(a.vote(a.failed), winnerA)),
                new Call(
                        "POST /api/battles/{id}/vote",
                        "an unknown battle",
                        404,
                        () -> a.post(a.vote(UNKNOWN), winnerA)),
                new Call(
                        "POST /api/battles/{id}/vote",
                        "a winner that is no side",
                        400,
                        () -> a.post(a.vote(a.slow), "{\"winner\": \"A\"}")),
                new Call(
                        "POST /api/battles/{id}/vote",
                        "malformed JSON",
                        400,
                        () -> a.post(a.vote(a.slow), "{\"winner\"")),
                new Call("POST /api/battles/{id}/vote", "text/plain", 415, () -> a.postText(a.vote(a.slow), winnerA)),
                new Call(
                        "POST /api/battles/{id}/vote",
                        "a body over 64 KiB",
                        413,
                        () -> a.postLarge(a.vote(a.slow), "{\"winner\": \"" + huge + "\"}")),
                new Call(
                        "POST /api/battles/{id}/vote",
                        "%00 in the path",
                        400,
                        () -> a.post("/api/battles/%00/vote", winnerA)),
                new Call("GET /shared/{publicId}", "a voted battle", 200, () -> a.get(a.sharedPage)),
                new Call("GET /shared/{publicId}", "an unknown id", 404, () -> a.get("/shared/" + "0".repeat(32))),
                new Call("GET /shared/{publicId}", "a battle id in its place", 404, () -> a.get("/shared/" + a.voted)),
                new Call("GET /shared/{publicId}", "an unvoted battle", 404, () -> a.get(a.sharedPageOf(a.slow))),
                new Call("GET /shared/{publicId}", "a failed battle", 404, () -> a.get(a.sharedPageOf(a.failed))),
                new Call("GET /api/shared/{publicId}", "a voted battle", 200, () -> a.get(a.sharedJson(a.sharedPage))),
                new Call(
                        "GET /api/shared/{publicId}",
                        "an unknown id",
                        404,
                        () -> a.get("/api/shared/" + "0".repeat(32))),
                new Call(
                        "GET /api/shared/{publicId}",
                        "an unvoted battle",
                        404,
                        () -> a.get(a.sharedJson(a.sharedPageOf(a.slow)))),
                new Call("GET /api/shared/{publicId}", "%00 in the path", 400, () -> a.get("/api/shared/%00")),
                new Call("GET /api/leaderboard", "plain", 200, () -> a.get("/api/leaderboard")),
                new Call("GET /api/leaderboard", "with its ETag", 304, () -> a.getAgain("/api/leaderboard")),
                new Call("GET /api/leaderboard/elo", "plain", 200, () -> a.get("/api/leaderboard/elo")),
                new Call("GET /api/leaderboard/elo", "with its ETag", 304, () -> a.getAgain("/api/leaderboard/elo")),
                new Call("GET /api/leaderboard/bt", "after the refit", 200, a::strengthBoardAfterRefit),
                new Call("GET /api/leaderboard/bt", "with its ETag", 304, () -> a.getAgain("/api/leaderboard/bt")),
                new Call("GET /api/categories", "plain", 200, () -> a.get("/api/categories")),
                new Call("GET /api/categories", "with its ETag", 304, () -> a.getAgain("/api/categories")),
                new Call("GET /api/stats", "plain", 200, () -> a.get("/api/stats")),
                new Call("GET /api/stats", "with its ETag", 304, () -> a.getAgain("/api/stats")),
                new Call(
                        "POST /api/suggestions",
                        "a tag and a reason",
                        201,
                        () -> a.post(
                                "/api/suggestions", "{\"tag\": \"qwen2.5:3b\", \"reason\": \"Strong for its size\"}")),
                new Call(
                        "POST /api/suggestions",
                        "the same tag again",
                        200,
                        () -> a.post("/api/suggestions", "{\"tag\": \"qwen2.5:3b\", \"reason\": \"Still strong\"}")),
                new Call(
                        "POST /api/suggestions",
                        "a tag with a space",
                        400,
                        () -> a.post("/api/suggestions", "{\"tag\": \"qwen 2.5\", \"reason\": \"Strong\"}")),
                new Call(
                        "POST /api/suggestions",
                        "a control character in the reason",
                        400,
                        () -> a.post("/api/suggestions", "{\"tag\": \"phi3:mini\", \"reason\": \"ok\\u0007ok\"}")),
                new Call(
                        "POST /api/suggestions",
                        "an unknown field",
                        400,
                        () -> a.post("/api/suggestions", "{\"tag\": \"phi3:mini\", \"reason\": \"ok ok\", \"x\": 1}")),
                new Call(
                        "POST /api/suggestions",
                        "text/plain",
                        415,
                        () -> a.postText("/api/suggestions", "{\"tag\": \"phi3:mini\", \"reason\": \"ok ok\"}")),
                new Call("GET /api/suggestions", "plain", 200, () -> a.get("/api/suggestions")),
                new Call("GET /api/suggestions", "with its ETag", 304, () -> a.getAgain("/api/suggestions")),
                new Call(
                        "GET /api/leaderboard/bt",
                        "of one category",
                        200,
                        () -> a.get("/api/leaderboard/bt?category=english")),
                new Call(
                        "GET /api/leaderboard",
                        "of one category",
                        200,
                        () -> a.get("/api/leaderboard?category=coding")),
                new Call(
                        "GET /api/leaderboard/elo",
                        "of one category",
                        200,
                        () -> a.get("/api/leaderboard/elo?category=math")),
                new Call(
                        "GET /api/leaderboard/bt",
                        "of an unknown category",
                        400,
                        () -> a.get("/api/leaderboard/bt?category=no_such_thing")),
                new Call("GET /api/leaderboard/matrix", "plain", 200, () -> a.get("/api/leaderboard/matrix")),
                new Call(
                        "GET /api/leaderboard/matrix",
                        "with its ETag",
                        304,
                        () -> a.getAgain("/api/leaderboard/matrix")),
                new Call("GET /api/leaderboard/elo/history", "plain", 200, () -> a.get("/api/leaderboard/elo/history")),
                new Call(
                        "GET /api/leaderboard/elo/history",
                        "with its ETag",
                        304,
                        () -> a.getAgain("/api/leaderboard/elo/history")),
                new Call(
                        "GET /api/leaderboard/head-to-head",
                        "plain",
                        200,
                        () -> a.get("/api/leaderboard/head-to-head")),
                new Call(
                        "GET /api/leaderboard/head-to-head",
                        "with its ETag",
                        304,
                        () -> a.getAgain("/api/leaderboard/head-to-head")),
                new Call("GET /api/battles/export", "JSON lines", 200, () -> a.get("/api/battles/export")),
                new Call("GET /api/battles/export", "CSV", 200, () -> a.get("/api/battles/export?format=csv")),
                new Call(
                        "GET /api/battles/export",
                        "an unknown format",
                        400,
                        () -> a.get("/api/battles/export?format=xml")),
                new Call(
                        "GET /api/battles/export",
                        "a format in capitals",
                        400,
                        () -> a.get("/api/battles/export?format=CSV")),
                new Call("GET /api/openapi.yaml", "plain", 200, () -> a.get("/api/openapi.yaml")),
                new Call("GET /api/docs", "plain", 302, () -> a.get("/api/docs")),
                new Call("GET /metrics", "plain", 200, () -> a.get("/metrics")),
                new Call("GET /api/admin/config", "with the token", 200, () -> a.admin("GET", "/api/admin/config")),
                new Call("GET /api/admin/config", "without a token", 403, () -> a.get("/api/admin/config")),
                new Call(
                        "GET /api/admin/config",
                        "with a wrong token",
                        403,
                        () -> a.get("/api/admin/config", "Authorization", "Bearer nope")),
                new Call(
                        "POST /api/admin/config/reload",
                        "an unchanged file",
                        200,
                        () -> a.adminPost("/api/admin/config/reload")),
                new Call("POST /api/admin/config/reload", "an invalid file", 400, a::reloadInvalidConfig),
                new Call(
                        "POST /api/admin/config/reload",
                        "an arena without a config file",
                        409,
                        a::reloadWithoutConfigFile),
                new Call(
                        "POST /api/admin/config/reload",
                        "without a token",
                        403,
                        () -> a.post("/api/admin/config/reload", "{}")),
                new Call("GET /api/admin/backup", "with the token", 200, () -> a.admin("GET", "/api/admin/backup")),
                new Call("GET /api/admin/backup", "without a token", 403, () -> a.get("/api/admin/backup")),
                new Call(
                        "POST /api/admin/battles/{id}/void",
                        "a voted battle",
                        200,
                        () -> a.adminPost("/api/admin/battles/" + a.voted + "/void")),
                new Call(
                        "POST /api/admin/battles/{id}/void",
                        "voided already",
                        200,
                        () -> a.adminPost("/api/admin/battles/" + a.voted + "/void")),
                new Call("GET /shared/{publicId}", "a battle whose vote was voided", 404, () -> a.get(a.sharedPage)),
                new Call(
                        "GET /api/shared/{publicId}",
                        "a battle whose vote was voided",
                        404,
                        () -> a.get(a.sharedJson(a.sharedPage))),
                new Call(
                        "POST /api/admin/battles/{id}/void",
                        "a battle without a vote",
                        409,
                        () -> a.adminPost("/api/admin/battles/" + a.failed + "/void")),
                new Call(
                        "POST /api/admin/battles/{id}/void",
                        "an unknown battle",
                        404,
                        () -> a.adminPost("/api/admin/battles/" + UNKNOWN + "/void")),
                new Call(
                        "POST /api/admin/battles/{id}/void",
                        "an id that cannot be one",
                        404,
                        () -> a.adminPost("/api/admin/battles/x/void")),
                new Call(
                        "POST /api/admin/battles/{id}/void",
                        "%00 in the path",
                        400,
                        () -> a.adminPost("/api/admin/battles/%00/void")),
                new Call(
                        "POST /api/admin/battles/{id}/void",
                        "without a token",
                        403,
                        () -> a.post("/api/admin/battles/" + a.voted + "/void", "{}")),
                new Call(
                        "POST /api/admin/models/{tag}/hide",
                        "a model",
                        200,
                        () -> a.adminPost("/api/admin/models/one:1b/hide")),
                new Call(
                        "POST /api/admin/models/{tag}/hide",
                        "hidden already",
                        200,
                        () -> a.adminPost("/api/admin/models/one:1b/hide")),
                new Call(
                        "GET /api/leaderboard/head-to-head",
                        "with a model hidden",
                        200,
                        () -> a.get("/api/leaderboard/head-to-head")),
                new Call(
                        "POST /api/admin/models/{tag}/hide",
                        "an unknown model",
                        404,
                        () -> a.adminPost("/api/admin/models/nobody:7b/hide")),
                new Call(
                        "POST /api/admin/models/{tag}/hide",
                        "%00 in the path",
                        400,
                        () -> a.adminPost("/api/admin/models/%00/hide")),
                new Call(
                        "POST /api/admin/models/{tag}/hide",
                        "without a token",
                        403,
                        () -> a.post("/api/admin/models/one:1b/hide", "{}")),
                new Call(
                        "POST /api/admin/models/{tag}/show",
                        "a hidden model",
                        200,
                        () -> a.adminPost("/api/admin/models/one:1b/show")),
                new Call(
                        "POST /api/admin/models/{tag}/show",
                        "shown already",
                        200,
                        () -> a.adminPost("/api/admin/models/one:1b/show")),
                new Call(
                        "POST /api/admin/models/{tag}/show",
                        "an unknown model",
                        404,
                        () -> a.adminPost("/api/admin/models/nobody:7b/show")),
                new Call(
                        "POST /api/admin/models/{tag}/show",
                        "%00 in the path",
                        400,
                        () -> a.adminPost("/api/admin/models/%00/show")),
                new Call("GET /api/admin/voters", "with the token", 200, () -> a.admin("GET", "/api/admin/voters")),
                new Call("GET /api/admin/voters", "without a token", 403, () -> a.get("/api/admin/voters")),
                new Call(
                        "GET /api/admin/suggestions",
                        "with the token",
                        200,
                        () -> a.admin("GET", "/api/admin/suggestions")),
                new Call("GET /api/admin/suggestions", "without a token", 403, () -> a.get("/api/admin/suggestions")),
                new Call(
                        "POST /api/admin/voters/{voter}/void",
                        "a voter with votes",
                        200,
                        () -> a.adminPost("/api/admin/voters/" + a.someVoter() + "/void")),
                new Call(
                        "POST /api/admin/voters/{voter}/void",
                        "a voter without votes",
                        404,
                        () -> a.adminPost("/api/admin/voters/" + "0".repeat(32) + "/void")),
                new Call(
                        "POST /api/admin/voters/{voter}/void",
                        "an id that cannot be one",
                        404,
                        () -> a.adminPost("/api/admin/voters/nobody/void")),
                new Call(
                        "POST /api/admin/voters/{voter}/void",
                        "without a token",
                        403,
                        () -> a.post("/api/admin/voters/" + "0".repeat(32) + "/void", "{}")),

                // Last: they spend this address's allowance.
                new Call(
                        "POST /api/battles",
                        "too many from one address",
                        429,
                        () -> a.until(429, () -> a.post("/api/battles", "{}"))),
                new Call(
                        "POST /api/battles/{id}/vote",
                        "too many from one address",
                        429,
                        () -> a.until(429, () -> a.post(a.vote(UNKNOWN), winnerA))),
                new Call(
                        "POST /api/suggestions",
                        "too many from one address",
                        429,
                        () -> a.until(429, () -> a.post("/api/suggestions", "{}"))));
    }

    @Test
    void every_answer_to_every_operation_is_one_the_document_declares() throws Exception {
        ApiContract contract = ApiContract.load();
        arena = ContractArena.start(dir);
        List<String> failures = new ArrayList<>();
        for (Call call : calls(arena)) {
            ApiContract.Answer answer = call.request().send();
            String where = call.operation() + " (" + call.what() + ")";
            if (call.status() != null && answer.status() != call.status()) {
                failures.add(where + ": expected " + call.status() + ", got " + answer.status() + ": " + answer.text());
            }
            List<String> problems = contract.problems(call.operation(), answer);
            if (!problems.isEmpty()) {
                failures.add(where + ": " + String.join("; ", problems) + "\n    answer " + answer.status() + ": "
                        + ApiContract.shorten(answer.text()));
            }
        }
        assertThat(failures).as("answers that stray from openapi.yaml").isEmpty();
        assertThat(contract.withoutASuccess())
                .as("operations in openapi.yaml that no row answered with a success")
                .isEmpty();
    }

    @Test
    void
            the_contract_catches_an_undeclared_status_an_extra_or_missing_field_a_wrong_type_or_media_type_and_an_unknown_event() {
        ApiContract contract = ApiContract.load();
        String health = "{\"status\":\"ok\",\"ollama\":\"up\",\"models_available\":2,\"models_approved\":2,"
                + "\"checked_at\":\"2026-01-01T00:00:00Z\",\"hosts\":[],\"boards\":\"ready\"}";
        assertThat(contract.problems("GET /api/health", answer(200, "application/json", health)))
                .isEmpty();

        assertThat(contract.problems("GET /api/health", answer(418, "application/json", health)))
                .singleElement()
                .asString()
                .contains("status 418 is not declared");
        assertThat(contract.problems(
                        "GET /api/health", answer(200, "application/json", health.replace("}", ",\"uptime\":3}"))))
                .singleElement()
                .asString()
                .contains("uptime");
        assertThat(contract.problems(
                        "GET /api/health", answer(200, "application/json", health.replace(",\"hosts\":[]", ""))))
                .singleElement()
                .asString()
                .contains("hosts");
        assertThat(contract.problems(
                        "GET /api/health", answer(200, "application/json", health.replace("2,", "\"2\","))))
                .isNotEmpty();
        assertThat(contract.problems("GET /api/health", answer(200, "text/html", health)))
                .singleElement()
                .asString()
                .contains("text/html");
        assertThat(contract.problems("GET /api/docs", answer(302, "text/plain", "Redirected")))
                .singleElement()
                .asString()
                .contains("declares none");
        assertThat(
                        contract.problems(
                                "GET /api/battles/{id}/events",
                                answer(
                                        200,
                                        "text/event-stream",
                                        "retry: 2000\n\nid: 1\nevent: started\ndata: {\"side\":\"a\",\"loading\":true}\n\nid: 2\nevent: thinking\ndata: {}\n\n")))
                .singleElement()
                .asString()
                .contains("'thinking' is not declared");
        assertThat(contract.problems("GET /api/nothing", answer(200, "application/json", "{}")))
                .isNotEmpty();
    }

    private static ApiContract.Answer answer(int status, String type, String body) {
        Map<String, List<String>> headers =
                Map.of("Content-Type", List.of(type), "Location", List.of("/api-docs.html"));
        return new ApiContract.Answer(
                status, HttpHeaders.of(headers, (name, value) -> true), body.getBytes(StandardCharsets.UTF_8));
    }
}
