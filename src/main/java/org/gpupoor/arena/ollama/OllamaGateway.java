package org.gpupoor.arena.ollama;

import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequest;
import io.github.ollama4j.models.chat.OllamaChatResponseModel;
import io.github.ollama4j.models.response.ModelDetail;
import io.github.ollama4j.utils.OptionsBuilder;
import java.io.IOException;
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

    private final OllamaHosts hosts;
    private final Executor readers;

    public OllamaGateway(ArenaConfig config, Executor readers) {
        this.readers = readers;
        this.hosts = new OllamaHosts(config.ollama());
    }

    /** One host as the last look saw it, for the health check. */
    public record HostStatus(String url, boolean up, int models, String problem) {}

    /** What the hosts hold in memory, and loading a model ahead of its battle. */
    public OllamaMemory memory() {
        return new OllamaMemory(hosts);
    }

    public List<HostStatus> hostStatus() {
        return hosts.status();
    }

    public String url() {
        return hosts.url();
    }

    /**
     * Asks every host for its models: the installed models of all hosts that answered, by
     * canonical tag, with the details Ollama's model list gives. Throws when none answered.
     */
    public Map<String, OllamaModel> installedModels() throws OllamaUnavailableException {
        return hosts.installedModels();
    }

    /** Pulls a model into Ollama, waiting until Ollama reports success (a download may take minutes). */
    public void pull(String tag) throws OllamaUnavailableException {
        for (HostClient host : hosts.all()) {
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

    /** What Ollama's {@code /api/show} says of one model: family, size, context length, license. */
    public ModelFacts facts(String tag) throws OllamaUnavailableException {
        HostClient host = hosts.having(tag);
        try {
            return host.memory.show(tag);
        } catch (IOException e) {
            throw new OllamaUnavailableException(FailureReasons.unreachable(host.url, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OllamaUnavailableException("interrupted while asking Ollama about " + tag, e);
        }
    }

    /** Ollama's {@code /api/show} {@code parameter_size} for one model, e.g. "3.2B". */
    public Optional<String> parameterSize(String tag) throws OllamaUnavailableException {
        HostClient host = hosts.having(tag);
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
    public GenerationResult generate(
            String tag, String prompt, GenerationSettings options, Watchdog watchdog, Consumer<String> onToken)
            throws GenerationException {
        return generate(tag, List.of(prompt), options, watchdog, onToken);
    }

    /**
     * As above, answering the last of {@code conversation}: the voter's prompts and this model's
     * answers alternating, the first and last a prompt.
     */
    public GenerationResult generate(
            String tag,
            List<String> conversation,
            GenerationSettings options,
            Watchdog watchdog,
            Consumer<String> onToken)
            throws GenerationException {
        CompletableFuture<GenerationResult> outcome = new CompletableFuture<>();
        watchdog.onStop(verdict -> outcome.completeExceptionally(FailureReasons.stopped(verdict, watchdog, null)));
        readers.execute(() -> {
            try {
                outcome.complete(read(tag, conversation, options, watchdog, piece -> {
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
            throw new GenerationException(
                    "internal", "The arena hit an internal error while generating this answer.", false, e.getCause());
        } catch (InterruptedException e) {
            watchdog.cancel();
            Thread.currentThread().interrupt();
            throw FailureReasons.stopped(Watchdog.Verdict.CANCELLED, watchdog, e);
        }
    }

    private GenerationResult read(
            String tag,
            List<String> conversation,
            GenerationSettings options,
            Watchdog watchdog,
            Consumer<String> onToken)
            throws GenerationException {
        if (!watchdog.arm()) {
            throw FailureReasons.stopped(Watchdog.Verdict.CANCELLED, watchdog, null);
        }
        long start = System.nanoTime();
        StringBuilder text = new StringBuilder();
        long[] firstTokenAt = {0};
        OllamaChatResponseModel last;
        HostClient host = hosts.pick(tag, List.of());
        try {
            last = hosts.streamFrom(host, request(tag, conversation, options), watchdog, chunk -> {
                if (watchdog.verdict() != Watchdog.Verdict.RUNNING) {
                    // Stopped while Ollama still streams: throwing out of the read loop closes the
                    // stream, which frees the connection even where interrupts cannot (Java 17).
                    throw new CancellationException("generation stopped");
                }
                watchdog.started();
                String piece =
                        chunk.getMessage() == null ? null : chunk.getMessage().getResponse();
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
            throw FailureReasons.stopped(
                    verdict == Watchdog.Verdict.FINISHED ? Watchdog.Verdict.CANCELLED : verdict, watchdog, e);
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
        return new GenerationResult(
                text.toString(),
                evalCount,
                tokensPerSecond(last, evalCount, firstTokenAt[0] == 0 ? 0 : end - firstTokenAt[0]),
                ttftMs,
                (end - start) / 1_000_000,
                last.getDoneReason(),
                last.getLoadDuration() == null ? 0 : last.getLoadDuration() / 1_000_000);
    }

    private OllamaChatRequest request(String tag, List<String> conversation, GenerationSettings generation) {
        OptionsBuilder options = new OptionsBuilder()
                .setTemperature(generation.temperature().floatValue())
                .setNumPredict(generation.numPredict());
        if (generation.seed() != null) {
            options.setSeed(generation.seed());
        }
        // Ollama4j mutates the request it is given, so every call gets a fresh one.
        OllamaChatRequest request = OllamaChatRequest.builder().withModel(tag);
        for (int i = 0; i < conversation.size(); i++) {
            request.withMessage(
                    i % 2 == 0 ? OllamaChatMessageRole.USER : OllamaChatMessageRole.ASSISTANT, conversation.get(i));
        }
        return request.withOptions(options.build())
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
