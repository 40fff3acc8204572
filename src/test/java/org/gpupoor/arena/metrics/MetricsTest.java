package org.gpupoor.arena.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /metrics tells an operator what happened: battles, failures by reason, votes, speeds, HTTP latency. */
class MetricsTest {
    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension().startedByTest();

    @Test
    void battles_failures_votes_generation_and_requests_are_counted() throws Exception {
        arena.ollama().model("one:1b", "1.0B").answers("Fine", " answer", ".");
        arena.ollama().model("two:1b", "1.0B").answers("Also", " fine", ".");
        arena.start(c -> c.model("one:1b", "One (1B)", null).model("two:1b", "Two (1B)", null));

        String good = arena.api()
                .post("/api/battles", "{\"prompt\": \"Hello\"}")
                .json()
                .get("id")
                .asText();
        assertThat(Api.endStatus(arena.api().events(good))).isEqualTo("ready");
        assertThat(arena.api()
                        .post("/api/battles/" + good + "/vote", "{\"winner\": \"tie\"}")
                        .status())
                .isEqualTo(200);

        arena.ollama().model("two:1b", "1.0B").answers("Half", " an", " answer").errorsAfter(1);
        String bad = arena.api()
                .post("/api/battles", "{\"prompt\": \"Hello again\"}")
                .json()
                .get("id")
                .asText();
        assertThat(Api.endStatus(arena.api().events(bad))).isEqualTo("failed");

        String metrics = arena.api().get("/metrics").text();
        assertThat(value(metrics, "arena_battles_started_total", "")).isEqualTo(2);
        assertThat(value(metrics, "arena_battles_ended_total", "reason=\"none\",status=\"ready\""))
                .isEqualTo(1);
        assertThat(value(metrics, "arena_battles_ended_total", "reason=\"model_error\",status=\"failed\""))
                .isEqualTo(1);
        assertThat(value(metrics, "arena_generation_failures_total", "model=\"two:1b\",reason=\"model_error\""))
                .isEqualTo(1);
        assertThat(value(metrics, "arena_votes_total", "counted=\"true\",outcome=\"tie\""))
                .isEqualTo(1);
        assertThat(value(metrics, "arena_generation_first_token_seconds_count", "model=\"one:1b\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "arena_generation_tokens_per_second_count", "model=\"two:1b\""))
                .isEqualTo(1);
        assertThat(value(
                        metrics,
                        "arena_http_requests_seconds_count",
                        "method=\"POST\",route=\"/api/battles/{id}/vote\",status=\"200\""))
                .isEqualTo(1);
        assertThat(metrics).contains("jvm_memory_used_bytes");
        assertThat(metrics).as("no prompt text in metrics").doesNotContain("Hello");
    }

    /** The value of one sample, its labels given in Prometheus' (alphabetical) order; fails when absent. */
    private static double value(String metrics, String name, String labels) {
        String series = labels.isEmpty() ? name : name + "{" + labels + "}";
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertThat(m.find())
                .as(
                        "%s in%n%s",
                        series, metrics.lines().filter(l -> l.startsWith(name)).toList())
                .isTrue();
        return Double.parseDouble(m.group(1));
    }
}
