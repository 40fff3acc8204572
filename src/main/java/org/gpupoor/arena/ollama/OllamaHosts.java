package org.gpupoor.arena.ollama;

import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.chat.OllamaChatRequest;
import io.github.ollama4j.models.chat.OllamaChatResponseModel;
import io.github.ollama4j.models.response.Model;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gpupoor.arena.config.ModelTags;
import org.gpupoor.arena.config.OllamaSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ollama servers the gateway talks to, and which is up: each look at the model lists marks
 * every host up or down, a refused connection marks one down, and an answer goes to the up host
 * that has the model and is generating least.
 */
final class OllamaHosts {
    // Under the gateway's name, as these lines were logged before the gateway was split.
    private static final Logger log = LoggerFactory.getLogger(OllamaGateway.class);

    private final String url;
    private final List<HostClient> hosts;

    OllamaHosts(OllamaSettings settings) {
        this.hosts = settings.urls().stream()
                .map(u -> new HostClient(u, settings.apiKey()))
                .toList();
        this.url = String.join(", ", settings.urls());
    }

    String url() {
        return url;
    }

    List<HostClient> all() {
        return hosts;
    }

    List<OllamaGateway.HostStatus> status() {
        return hosts.stream()
                .map(h -> new OllamaGateway.HostStatus(
                        h.url, h.up(), h.installed().size(), h.problem()))
                .toList();
    }

    /** See {@link OllamaGateway#installedModels()}. */
    Map<String, OllamaModel> installedModels() throws OllamaUnavailableException {
        Map<String, OllamaModel> installed = new LinkedHashMap<>();
        OllamaUnavailableException lastFailure = null;
        for (HostClient host : hosts) {
            try {
                Map<String, OllamaModel> own = new LinkedHashMap<>();
                for (Model m : host.metadata.listModels()) {
                    String tag = ModelTags.canonical(m.getName());
                    var meta = m.getModelMeta();
                    own.put(
                            tag,
                            meta == null
                                    ? new OllamaModel(tag, null, null, null, m.getSize(), m.getDigest())
                                    : new OllamaModel(
                                            tag,
                                            meta.getParameterSize(),
                                            meta.getFamily(),
                                            meta.getQuantizationLevel(),
                                            m.getSize(),
                                            m.getDigest()));
                }
                if (!host.up() && hosts.size() > 1) {
                    log.info("Ollama at {} answers again: {} models", host.url, own.size());
                }
                host.answered(own);
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
            throw hosts.size() == 1
                    ? lastFailure
                    : new OllamaUnavailableException("No Ollama host is reachable (" + url + ")", lastFailure);
        }
        return installed;
    }

    /** The first up host that has {@code tag}, else the first host. */
    HostClient having(String tag) {
        return hosts.stream().filter(h -> h.has(tag)).findFirst().orElse(hosts.get(0));
    }

    /** The up host that has {@code tag} and is generating least, not one of {@code excluded}; else the first host. */
    HostClient pick(String tag, List<HostClient> excluded) {
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

    /**
     * Streams from {@code host}, or, when it cannot even be connected to (nothing has streamed
     * yet), marks it down and tries the next host that has the model.
     */
    OllamaChatResponseModel streamFrom(
            HostClient host, OllamaChatRequest request, Watchdog watchdog, Consumer<OllamaChatResponseModel> onChunk)
            throws IOException, InterruptedException, OllamaReplyException {
        List<HostClient> tried = new ArrayList<>();
        while (true) {
            tried.add(host);
            host.generating.incrementAndGet();
            try {
                // The wait for response headers (Ollama sends them with the first token) is cut a little
                // after this answer's own first-token deadline: the watchdog enforces it, this is a backstop.
                return host.chat.stream(request, watchdog.firstTokenDeadline().plusSeconds(5), onChunk);
            } catch (ConnectException e) {
                HostClient next = hosts.size() > 1 ? pick(request.getModel(), tried) : null;
                if (next == null || tried.contains(next)) {
                    throw e;
                }
                log.warn(
                        "Ollama at {} refused the connection; {} goes to {} instead",
                        host.url,
                        request.getModel(),
                        next.url);
                host.down("Ollama at " + host.url + " refused a connection");
                host = next;
            } finally {
                tried.get(tried.size() - 1).generating.decrementAndGet();
            }
        }
    }
}
