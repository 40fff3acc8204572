package org.gpupoor.arena.ollama;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** What each Ollama host holds in memory ({@code /api/ps}), and loading or unloading a model there. */
public final class OllamaMemory {
    private final OllamaHosts hosts;

    OllamaMemory(OllamaHosts hosts) {
        this.hosts = hosts;
    }

    public List<String> hostUrls() {
        return hosts.all().stream().map(h -> h.url).toList();
    }

    /** The host an answer from {@code tag} would go to now. */
    public String hostFor(String tag) {
        return hosts.pick(tag, List.of()).url;
    }

    /** The size of the model's file on the host its answers would go to, 0 when unknown. */
    public long fileBytes(String tag) {
        return hosts.pick(tag, List.of()).fileBytes(tag);
    }

    public List<LoadedModel> loaded(String hostUrl) throws OllamaUnavailableException, PsUnsupportedException {
        HostClient host = host(hostUrl);
        try {
            return host.memory.loaded();
        } catch (IOException e) {
            throw new OllamaUnavailableException(FailureReasons.unreachable(host.url, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OllamaUnavailableException("stopped while asking " + host.url + " what it has loaded", e);
        }
    }

    /** Loads {@code tag} where its answers would go, keeping it {@code keepAlive}; returns Ollama's load time in ms. */
    public long load(String tag, String keepAlive, Duration timeout) throws OllamaUnavailableException {
        return send(host(hostFor(tag)), tag, keepAlive, timeout);
    }

    /** Unloads {@code tag} from one host now, if nothing is using it there. */
    public void unload(String tag, String hostUrl) throws OllamaUnavailableException {
        send(host(hostUrl), tag, "0", Duration.ofSeconds(30));
    }

    private static long send(HostClient host, String tag, String keepAlive, Duration timeout)
            throws OllamaUnavailableException {
        try {
            return host.memory.load(tag, keepAlive, timeout);
        } catch (IOException e) {
            throw new OllamaUnavailableException(FailureReasons.unreachable(host.url, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OllamaUnavailableException("stopped while loading " + tag + " on " + host.url, e);
        }
    }

    private HostClient host(String url) {
        return hosts.all().stream()
                .filter(h -> h.url.equals(url))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Ollama host " + url));
    }
}
