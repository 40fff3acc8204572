package org.gpupoor.arena.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What an operator graphs, in Prometheus' text format at {@code GET /metrics}: battles started
 * and how they ended (failures by reason), votes by outcome, each model's first-token time,
 * answer time and speed once its battle has closed, HTTP latency by route, and the JVM's memory,
 * threads and collections. Labels are bounded: model tags come from
 * the config, routes from the route table.
 *
 * <p>{@code /metrics} is public, so no timing of an answer may show while its battle is still
 * blind: a reading before and after one would name its pair, or narrow it by the models' speeds. Per-model series are fed by
 * {@link #answer} and {@link #answerFailed}, which the battle service calls only when a battle is
 * voted on, fails or is stopped.
 */
public final class ArenaMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter battlesStarted;
    private final Map<String, Timer> httpTimers = new ConcurrentHashMap<>();

    public ArenaMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        battlesStarted = Counter.builder("arena.battles.started")
                .description("Battles created")
                .register(registry);
    }

    public void battleStarted() {
        battlesStarted.increment();
    }

    /** {@code status} "ready" or "failed"; {@code reason} the first side's failure code, or "none". */
    public void battleEnded(String status, String reason) {
        Counter.builder("arena.battles.ended")
                .description("Battles whose generation ended, by status and failure reason")
                .tag("status", status)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    public void vote(String outcome, boolean counted) {
        Counter.builder("arena.votes")
                .description("Votes stored, by outcome and whether they count toward the boards")
                .tag("outcome", outcome)
                .tag("counted", String.valueOf(counted))
                .register(registry)
                .increment();
    }

    /** One finished answer of {@code model}, reported once its battle has closed. */
    public void answer(String model, long firstTokenMillis, long totalMillis, double tokensPerSecond) {
        Timer.builder("arena.generation.first.token")
                .description("Time from asking Ollama to the first token")
                .tag("model", model)
                .publishPercentiles(0.5, 0.95)
                .register(registry)
                .record(firstTokenMillis, TimeUnit.MILLISECONDS);
        Timer.builder("arena.generation.duration")
                .description("Time to a whole answer")
                .tag("model", model)
                .register(registry)
                .record(totalMillis, TimeUnit.MILLISECONDS);
        DistributionSummary.builder("arena.generation.tokens.per.second")
                .description("Generation speed as Ollama reports it")
                .tag("model", model)
                .publishPercentiles(0.5)
                .register(registry)
                .record(tokensPerSecond);
    }

    /** One side that failed on its own (not stopped because the other side failed), reported once its battle has closed. */
    public void answerFailed(String model, String reason) {
        Counter.builder("arena.generation.failures")
                .description("Answers that failed, by model and reason")
                .tag("model", model)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** Called for every request: the timer of each (method, route, status) is built once, not per request. */
    public void httpRequest(String method, String route, int status, Duration took) {
        httpTimers
                .computeIfAbsent(
                        method + " " + route + " " + status,
                        key -> Timer.builder("arena.http.requests")
                                .description("HTTP requests by route (an event stream counts its whole length)")
                                .tag("method", method)
                                .tag("route", route)
                                .tag("status", String.valueOf(status))
                                .register(registry))
                .record(took);
    }

    /** Everything, in Prometheus' text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
