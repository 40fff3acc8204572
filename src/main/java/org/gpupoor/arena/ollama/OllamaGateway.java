package org.gpupoor.arena.ollama;

import io.github.ollama4j.Ollama;
import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequest;
import io.github.ollama4j.models.chat.OllamaChatResponseModel;
import io.github.ollama4j.models.response.Model;
import io.github.ollama4j.models.response.ModelDetail;
import io.github.ollama4j.utils.OptionsBuilder;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.gpupoor.arena.config.ArenaConfig;
import org.gpupoor.arena.config.GenerationSettings;
import org.gpupoor.arena.config.ModelTags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arena's only door to Ollama: model listing, sizes, and streamed answers under deadlines,
 * from one Ollama server or several ({@code ollama.hosts}). With several, a model is served by
 * whichever up host has it, the one generating least for the arena first; a host that does not
 * answer is skipped until the next look at the model lists finds it back.
 */
public final class OllamaGateway {
    private static final Logger log = LoggerFactory.getLogger(OllamaGateway.class);

    private final String url;
    private final List<HostClient> hosts;
    private final Executor readers;

    public OllamaGateway(ArenaConfig config, Executor readers) {
        this.readers = readers;
        this.hosts = config.ollama().urls().stream().map(u -> new HostClient(u, config.ollama().apiKey())).toList();
        this.url = String.join(", ", config.ollama().urls());
    }

    /** One host as the last look saw it, for the health check. */
    public record HostStatus(String url, boolean up, int models, String problem) {
    }

    public List<HostStatus> hostStatus() {
        return hosts.stream().map(h -> new HostStatus(h.url, h.up(), h.installed().size(), h.problem())).toList();
    }

    public String url() {
        return url;
    }

    /**
     * Asks every host for its models: the installed models of all hosts that answered, by
     * canonical tag, with the details Ollama's model list gives. Throws when none answered.
     */
    public Map<String, OllamaModel> installedModels() throws OllamaUnavailableException {
        Map<String, OllamaModel> installed = new LinkedHashMap<>();
        OllamaUnavailableException lastFailure = null;
        for (HostClient host : hosts) {
            try {
                Map<String, OllamaModel> own = new LinkedHashMap<>();
                for (Model m : host.metadata.listModels()) {
                    String tag = ModelTags.canonical(m.getName());
                    var meta = m.getModelMeta();
                    own.put(tag, meta == null ? new OllamaModel(tag, null, null, null)
                            : new OllamaModel(tag, meta.getParameterSize(), meta.getFamily(), meta.getQuantizationLevel()));
                }
                if (!host.up() && hosts.size() > 1) {
                    log.info("Ollama at {} answers again: {} models", host.url, own.size());
                }
                host.answered(own.keySet());
                own.forEach(installed::putIfAbsent);
            } catch (OllamaException | RuntimeException e) {
                String why = FailureReasons.unreachable(host.url, e);
                if (host.up() && hosts.size() > 1) {
                    log.warn("{}; its models are served by the other hosts until it is back", why);
                }
                host.down(why);
                lastFailure = new OllamaUnavailableException(why, e);
            }
        }
        if (installed.isEmpty() && lastFailure != null && hosts.stream().noneMatch(HostClient::up)) {
            throw hosts.size() == 1 ? lastFailure
                    : new OllamaUnavailableException("No Ollama host is reachable (" + url + ")", lastFailure);
        }
        return installed;
    }

    /** Pulls a model into Ollama, waiting until Ollama reports success (a download may take minutes). */
    public void pull(String tag) throws OllamaUnavailableException {
        for (HostClient host : hosts) {
            if (host.installed().contains(tag)) {
                continue;
            }
            try {
                host.metadata.pullModel(tag);
            } catch (OllamaException | RuntimeException e) {
                throw new OllamaUnavailableException(FailureReasons.unreachable(host.url, e), e);
            }
        }
    }

    /** Ollama's {@code /api/show} {@code parameter_size} for one model, e.g. "3.2B". */
    public Optional<String> parameterSize(String tag) throws OllamaUnavailableException {
        HostClient host = hosts.stream().filter(h -> h.has(tag)).findFirst().orElse(hosts.get(0));
        try {
            ModelDetail detail = host.metadata.getModelDetails(tag);
            return Optional.ofNullable(detail.getDetails()).map(d -> d.getParameterSize());
        } catch (OllamaException | RuntimeException e) {
            throw new OllamaUnavailableException(FailureReasons.unreachable(host.url, e), e);
        }
    }

    /**
     * Streams one answer, handing each new piece of text to {@code onToken} as it arrives.
     * Returns when the answer is complete, and throws as soon as a deadline passes or the
     * watchdog is cancelled, even if the read itself cannot be interrupted (see {@link Watchdog}).
     */
    public GenerationResult generate(String tag, String prompt, GenerationSettings options, Watchdog watchdog,
                                     Consumer<String> onToken)
            throws GenerationException {
        CompletableFuture<GenerationResult> outcome = new CompletableFuture<>();
        watchdog.onStop(verdict -> outcome.completeExceptionally(FailureReasons.stopped(verdict, watchdog, null)));
        readers.execute(() -> {
            try {
                outcome.complete(read(tag, prompt, options, watchdog, piece -> {
                    if (!outcome.isDone()) {
                        onToken.accept(piece);
                    }
                }));
            } catch (GenerationException | RuntimeException e) {
                outcome.completeExceptionally(e);
            }
        });
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GenerationException failure) {
                throw failure;
            }
            throw new GenerationException("internal", "The arena hit an internal error while generating this answer.", false,
                    e.getCause());
        } catch (InterruptedException e) {
            watchdog.cancel();
            Thread.currentThread().interrupt();
            throw FailureReasons.stopped(Watchdog.Verdict.CANCELLED, watchdog, e);
        }
    }

    private GenerationResult read(String tag, String prompt, GenerationSettings options, Watchdog watchdog,
                                  Consumer<String> onToken)
            throws GenerationException {
        if (!watchdog.arm()) {
            throw FailureReasons.stopped(Watchdog.Verdict.CANCELLED, watchdog, null);
        }
        long start = System.nanoTime();
        StringBuilder text = new StringBuilder();
        long[] firstTokenAt = {0};
        OllamaChatResponseModel last;
        HostClient host = pick(tag, List.of());
        try {
            last = streamFrom(host, request(tag, prompt, options), watchdog, chunk -> {
                if (watchdog.verdict() != Watchdog.Verdict.RUNNING) {
                    // Stopped while Ollama still streams: throwing out of the read loop closes the
                    // stream, which frees the connection even where interrupts cannot (Java 17).
                    throw new CancellationException("generation stopped");
                }
                watchdog.started();
                String piece = chunk.getMessage() == null ? null : chunk.getMessage().getResponse();
                if (piece != null && !piece.isEmpty()) {
                    if (firstTokenAt[0] == 0) {
                        firstTokenAt[0] = System.nanoTime();
                    }
                    text.append(piece);
                    onToken.accept(piece);
                }
            });
        } catch (InterruptedException e) {
            Watchdog.Verdict verdict = watchdog.finish();
            throw FailureReasons.stopped(verdict == Watchdog.Verdict.FINISHED ? Watchdog.Verdict.CANCELLED : verdict, watchdog, e);
        } catch (IOException | OllamaReplyException | RuntimeException e) {
            Watchdog.Verdict verdict = watchdog.finish();
            if (verdict != Watchdog.Verdict.FINISHED) {
                throw FailureReasons.stopped(verdict, watchdog, e);
            }
            log.warn("Generation with {} failed: {}", tag, e.toString());
            throw FailureReasons.forError(e, host.url);
        }
        Watchdog.Verdict verdict = watchdog.finish();
        if (verdict != Watchdog.Verdict.FINISHED) {
            throw FailureReasons.stopped(verdict, watchdog, null);
        }
        if (last == null || !last.isDone()) {
            log.warn("Generation with {} ended without Ollama's final 'done' line", tag);
            throw new GenerationException("stream_cut", FailureReasons.STREAM_CUT, false, null);
        }
        long end = System.nanoTime();
        long ttftMs = firstTokenAt[0] == 0 ? (end - start) / 1_000_000 : (firstTokenAt[0] - start) / 1_000_000;
        int evalCount = last.getEvalCount() == null ? 0 : last.getEvalCount();
        return new GenerationResult(text.toString(), evalCount, tokensPerSecond(last, evalCount, firstTokenAt[0] == 0 ? 0 : end - firstTokenAt[0]),
                ttftMs, (end - start) / 1_000_000, last.getDoneReason());
    }

    /**
     * Streams from {@code host}, or, when it cannot even be connected to (nothing has streamed
     * yet), marks it down and tries the next host that has the model.
     */
    private OllamaChatResponseModel streamFrom(HostClient host, OllamaChatRequest request, Watchdog watchdog,
                                               Consumer<OllamaChatResponseModel> onChunk)
            throws IOException, InterruptedException, OllamaReplyException {
        List<HostClient> tried = new java.util.ArrayList<>();
        while (true) {
            tried.add(host);
            host.generating.incrementAndGet();
            try {
                // The wait for response headers (Ollama sends them with the first token) is cut a little
                // after this answer's own first-token deadline: the watchdog enforces it, this is a backstop.
                return host.chat.stream(request, watchdog.firstTokenDeadline().plusSeconds(5), onChunk);
            } catch (java.net.ConnectException e) {
                HostClient next = hosts.size() > 1 ? pick(request.getModel(), tried) : null;
                if (next == null || tried.contains(next)) {
                    throw e;
                }
                log.warn("Ollama at {} refused the connection; {} goes to {} instead", host.url, request.getModel(), next.url);
                host.down("Ollama at " + host.url + " refused a connection");
                host = next;
            } finally {
                tried.get(tried.size() - 1).generating.decrementAndGet();
            }
        }
    }

    /** The up host that has {@code tag} and is generating least, not one of {@code excluded}; else the first host. */
    private HostClient pick(String tag, List<HostClient> excluded) {
        HostClient best = null;
        for (HostClient h : hosts) {
            if (h.has(tag) && !excluded.contains(h) && (best == null || h.generating.get() < best.generating.get())) {
                best = h;
            }
        }
        if (best != null) {
            return best;
        }
        return excluded.isEmpty() ? hosts.get(0) : null;
    }

    private OllamaChatRequest request(String tag, String prompt, GenerationSettings generation) {
        OptionsBuilder options = new OptionsBuilder()
                .setTemperature(generation.temperature().floatValue())
                .setNumPredict(generation.numPredict());
        if (generation.seed() != null) {
            options.setSeed(generation.seed());
        }
        // Ollama4j mutates the request it is given, so every call gets a fresh one.
        return OllamaChatRequest.builder()
                .withModel(tag)
                .withMessage(OllamaChatMessageRole.USER, prompt)
                .withOptions(options.build())
                .withKeepAlive(generation.keepAlive())
                .build();
    }

    private static double tokensPerSecond(OllamaChatResponseModel last, int evalCount, long streamNanos) {
        Long evalDuration = last.getEvalDuration();
        if (evalDuration != null && evalDuration > 0) {
            return evalCount / (evalDuration / 1e9);
        }
        return streamNanos > 0 ? evalCount / (streamNanos / 1e9) : 0;
    }
}
