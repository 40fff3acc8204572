package org.gpupoor.arena.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.gpupoor.arena.App;
import org.gpupoor.arena.config.ConfigLoader;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.Poll;
import org.gpupoor.arena.testing.TestArena;

/**
 * The arena ApiContractTest talks to, as an operator runs it (a config file, an admin token),
 * with a battle in each state the API can show: ready, voted, failed, and one whose answers name
 * their models. Requests go over plain HTTP/1.1, as any client's would.
 */
final class ContractArena implements AutoCloseable {
    static final String TOKEN = "contract-token";
    /** Well formed, but no battle has it. */
    static final String UNKNOWN = "AAAAAAAAAAAAAAAAAAAAAA";

    /** One request of the contract table. */
    interface Request {
        ApiContract.Answer send() throws Exception;
    }

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Path dir;
    private final Path configFile;
    private final FakeOllama ollama;
    private final TestArena arena;
    String ready;
    String voted;
    String failed;
    String giveaway;
    String slow;
    String spare;
    /** A ready battle the contract asks a follow-up of. */
    String followed;
    /** The page of the voted battle, from its vote's share_url. */
    String sharedPage;

    private ContractArena(Path dir, FakeOllama ollama) throws Exception {
        this.dir = dir;
        this.ollama = ollama;
        this.configFile = dir.resolve("arena_config.yaml");
        Files.writeString(configFile, config(ollama.url(), dir, 4000));
        this.arena = TestArena.start(
                dir, ConfigLoader.load(configFile), new App.Operations(configFile, UnaryOperator.identity(), TOKEN));
    }

    static ContractArena start(Path dir) throws Exception {
        FakeOllama ollama = new FakeOllama();
        ollama.model("one:1b", "1.0B").answers("Plain", " answer.");
        ollama.model("two:1b", "1.0B").answers("Plain", " answer.");
        ollama.model("three:1b", "1.0B").answers("Plain", " answer.");
        ContractArena a = new ContractArena(dir, ollama);
        a.ready = a.finishedBattle();
        a.spare = a.finishedBattle();
        a.followed = a.finishedBattle();
        a.voted = a.finishedBattle();
        a.sharedPage = a.arena
                .api
                .post("/api/battles/" + a.voted + "/vote", "{\"winner\": \"a\"}")
                .json()
                .get("share_url")
                .asText();
        // Each model names itself ("One", "Two"): the vote is kept but not counted.
        a.answering("I am One and Two.");
        a.giveaway = a.finishedBattle();
        ollama.model("one:1b", "1.0B").failsWith(500, "model runner crashed");
        ollama.model("two:1b", "1.0B").failsWith(500, "model runner crashed");
        ollama.model("three:1b", "1.0B").failsWith(500, "model runner crashed");
        a.failed = a.finishedBattle();
        a.answering("Plain", " answer.");
        return a;
    }

    private static String config(String ollamaUrl, Path dir, int maxPromptChars) {
        return """
                name: Contract Arena
                ollama:
                  url: %s
                deadlines:
                  first_token_seconds: 10
                  total_seconds: 20
                generation:
                  parallel: true
                max_prompt_chars: %d
                leaderboard_file: %s
                rate_limits:
                  battles_per_minute: 40
                  votes_per_minute: 40
                  suggestions_per_hour: 10
                capacity:
                  max_concurrent_battles: 10
                voters:
                  min_read_seconds: 0   # the fixtures vote the moment a battle is ready, and those votes count
                example_prompts:
                  - Why is the sky blue?
                models:
                  - tag: one:1b
                    name: One (1B)
                  - tag: two:1b
                    name: Two (1B)
                  - tag: three:1b
                    name: Three (1B)
                """.formatted(ollamaUrl, maxPromptChars, dir.resolve("leaderboard.json"));
    }

    private void answering(String... pieces) {
        ollama.model("one:1b", "1.0B").answers(pieces);
        ollama.model("two:1b", "1.0B").answers(pieces);
        ollama.model("three:1b", "1.0B").answers(pieces);
    }

    private String finishedBattle() {
        String id = arena.api
                .post("/api/battles", "{\"prompt\": \"Who are you?\"}")
                .json()
                .get("id")
                .asText();
        arena.api.events(id);
        return id;
    }

    /** A voter the export names (the one who voted on the fixtures' battles). */
    String someVoter() throws Exception {
        String line =
                arena.api.get("/api/battles/export").text().lines().findFirst().orElseThrow();
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(line)
                .get("judge")
                .asText();
    }

    /** The JSON of the page at {@code page} ("/shared/…"). */
    String sharedJson(String page) {
        return "/api" + page;
    }

    /** Where a battle with no link (unvoted, failed) would be shared, were it voted. */
    String sharedPageOf(String battleId) {
        return "/shared/" + org.gpupoor.arena.share.PublicIdsOfLog.of(arena.logUrl(), battleId);
    }

    String vote(String id) {
        return "/api/battles/" + id + "/vote";
    }

    String events(String id) {
        return "/api/battles/" + id + "/events";
    }

    ApiContract.Answer get(String path, String... headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(arena.url() + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** The board again with the ETag it just had: unchanged, so 304. */
    ApiContract.Answer getAgain(String path) throws Exception {
        String etag = get(path).headers().firstValue("ETag").orElseThrow();
        return get(path, "If-None-Match", etag);
    }

    ApiContract.Answer post(String path, String json) throws Exception {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    ApiContract.Answer post(String path, String contentType, byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(arena.url() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A POST whose client asks for the answer as an event stream, read to its end. */
    ApiContract.Answer postStreaming(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(arena.url() + path))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    ApiContract.Answer postText(String path, String body) throws Exception {
        return post(path, "text/plain", body.getBytes(StandardCharsets.UTF_8));
    }

    /** A client sending a large body asks first (Expect: 100-continue), so the refusal arrives cleanly. */
    ApiContract.Answer postLarge(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(arena.url() + path))
                .expectContinue(true)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    ApiContract.Answer admin(String method, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(arena.url() + path))
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    ApiContract.Answer adminPost(String path) throws Exception {
        return admin("POST", path);
    }

    /** Repeats {@code request} until it answers {@code status} (at most 100 times); the last answer. */
    ApiContract.Answer until(int status, Request request) throws Exception {
        ApiContract.Answer answer = request.send();
        for (int i = 0; i < 100 && answer.status() != status; i++) {
            answer = request.send();
        }
        return answer;
    }

    ApiContract.Answer createWithOneModel() throws Exception {
        ollama.remove("two:1b");
        ollama.remove("three:1b");
        arena.app.refreshModels();
        try {
            return post("/api/battles", "{\"prompt\": \"Anyone there?\"}");
        } finally {
            answering("Plain", " answer.");
            arena.app.refreshModels();
        }
    }

    /** Starts a battle whose models take a minute to load (the first-token deadline fails it after 10 s). */
    ApiContract.Answer startSlowBattle() throws Exception {
        ollama.model("one:1b", "1.0B").loadsFor(60_000);
        ollama.model("two:1b", "1.0B").loadsFor(60_000);
        ollama.model("three:1b", "1.0B").loadsFor(60_000);
        slow = arena.api
                .post("/api/battles", "{\"prompt\": \"Take your time\"}")
                .json()
                .get("id")
                .asText();
        return get("/api/battles/" + slow);
    }

    /** The Bradley-Terry board once it has fitted both counted votes, so its ETag holds from then on. */
    ApiContract.Answer strengthBoardAfterRefit() throws Exception {
        Poll.until(
                "the Bradley-Terry board has both counted votes",
                Duration.ofSeconds(15),
                () -> arena.api.get("/api/leaderboard/bt").json().get("battles").asInt() == 2);
        return get("/api/leaderboard/bt");
    }

    ApiContract.Answer reloadInvalidConfig() throws Exception {
        String good = Files.readString(configFile);
        Files.writeString(configFile, config(ollama.url(), dir, -5));
        try {
            return adminPost("/api/admin/config/reload");
        } finally {
            Files.writeString(configFile, good);
        }
    }

    /** The same request to an arena started without a config file. */
    ApiContract.Answer reloadWithoutConfigFile() throws Exception {
        Path other = Files.createDirectories(dir.resolve("without-file"));
        Path file = Files.writeString(other.resolve("arena_config.yaml"), config(ollama.url(), other, 4000));
        try (TestArena bare = TestArena.start(
                other, ConfigLoader.load(file), new App.Operations(null, UnaryOperator.identity(), TOKEN))) {
            return send(HttpRequest.newBuilder(URI.create(bare.url() + "/api/admin/config/reload"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()));
        }
    }

    private ApiContract.Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<byte[]> response =
                http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return new ApiContract.Answer(response.statusCode(), response.headers(), response.body());
    }

    @Override
    public void close() {
        arena.close();
        ollama.close();
    }
}
