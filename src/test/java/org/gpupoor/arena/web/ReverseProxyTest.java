package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.FakeOllama;
import org.gpupoor.arena.testing.TestArena;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind a reverse proxy each voter keeps their own rate limit: the client comes from the
 * forwarding headers of a trusted proxy, and from nobody else's. The tests' own address,
 * 127.0.0.1, plays the proxy.
 */
class ReverseProxyTest {
    @TempDir
    Path dir;
    FakeOllama ollama;
    TestArena arena;

    @BeforeEach
    void startOllama() throws Exception {
        ollama = new FakeOllama();
        ollama.model("one:1b", "1.0B").answers("One.");
        ollama.model("two:1b", "1.0B").answers("Two.");
    }

    @AfterEach
    void stop() {
        if (arena != null) {
            arena.close();
        }
        ollama.close();
    }

    private void start(List<String> trustedProxies) {
        arena = TestArena.start(dir, TestArena.config(ollama.url(), dir).rateLimits(2, 0).trustedProxies(trustedProxies)
                .model("one:1b", "One (1B)", null).model("two:1b", "Two (1B)", null).build());
    }

    @Test
    void behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit() {
        start(List.of("127.0.0.1", "10.0.0.0/8"));
        assertThat(battle("X-Forwarded-For", "203.0.113.5")).isEqualTo(201);
        assertThat(battle("X-Forwarded-For", "203.0.113.5")).isEqualTo(201);
        assertThat(battle("X-Forwarded-For", "203.0.113.5")).as("third battle a minute from one voter").isEqualTo(429);
        assertThat(battle("X-Forwarded-For", "203.0.113.6")).as("another voter behind the same proxy").isEqualTo(201);
        assertThat(battle("Forwarded", "for=\"[2001:db8::7]:4711\";proto=https")).isEqualTo(201);
        assertThat(battle("Forwarded", "for=\"[2001:db8::7]:4711\";proto=https")).isEqualTo(201);
        assertThat(battle("Forwarded", "For=\"[2001:db8:0:0:0:0:0:7]\"")).as("the same IPv6 address written out").isEqualTo(429);
        // Two proxies in a row: the inner one (10.x) is trusted, so the client is the address before it.
        assertThat(battle("X-Forwarded-For", "198.51.100.9, 10.1.2.3")).isEqualTo(201);
        assertThat(battle("X-Forwarded-For", "198.51.100.9, 10.1.2.3")).isEqualTo(201);
        assertThat(battle("X-Forwarded-For", "198.51.100.9, 10.9.9.9")).isEqualTo(429);
    }

    @Test
    void a_client_cannot_escape_its_limit_by_writing_forwarding_headers_itself() {
        start(List.of("127.0.0.1"));
        assertThat(battle("X-Forwarded-For", "203.0.113.5")).isEqualTo(201);
        assertThat(battle("X-Forwarded-For", "203.0.113.5")).isEqualTo(201);
        // What the client wrote is left of what the proxy appended: only the rightmost untrusted address counts.
        assertThat(battle("X-Forwarded-For", "192.0.2.77, 203.0.113.5")).isEqualTo(429);
        assertThat(battle("Forwarded", "for=192.0.2.78, for=203.0.113.5")).isEqualTo(429);
    }

    @Test
    void from_a_peer_that_is_not_a_trusted_proxy_forwarding_headers_are_ignored() {
        start(List.of("10.0.0.0/8"));
        assertThat(battle("X-Forwarded-For", "203.0.113.1")).isEqualTo(201);
        assertThat(battle("X-Forwarded-For", "203.0.113.2")).isEqualTo(201);
        assertThat(battle("X-Forwarded-For", "203.0.113.3")).as("all three come from 127.0.0.1").isEqualTo(429);
        assertThat(battle("Forwarded", "for=203.0.113.4")).isEqualTo(429);
    }

    @Test
    void with_no_trusted_proxies_by_default_the_peer_is_the_client() {
        start(List.of());
        assertThat(battle("X-Forwarded-For", "203.0.113.1")).isEqualTo(201);
        assertThat(battle("Forwarded", "for=203.0.113.2")).isEqualTo(201);
        assertThat(battle("X-Forwarded-For", "203.0.113.3")).isEqualTo(429);
    }

    @Test
    void forwarding_chains_resolve_to_the_rightmost_untrusted_address() {
        ClientAddress clients = new ClientAddress(List.of("127.0.0.1", "::1", "10.0.0.0/8"));
        assertThat(clients.resolve("127.0.0.1", List.of(), List.of("1.2.3.4, 10.0.0.1"))).isEqualTo("1.2.3.4");
        assertThat(clients.resolve("127.0.0.1", List.of(), List.of("1.2.3.4", "5.6.7.8"))).isEqualTo("5.6.7.8");
        assertThat(clients.resolve("0:0:0:0:0:0:0:1", List.of(), List.of("1.2.3.4"))).isEqualTo("1.2.3.4");
        assertThat(clients.resolve("127.0.0.1", List.of("for=unknown"), List.of("1.2.3.4"))).as("Forwarded wins; 'unknown' stops")
                .isEqualTo("127.0.0.1");
        assertThat(clients.resolve("127.0.0.1", List.of(), List.of("10.0.0.2, 10.0.0.1"))).as("all proxies").isEqualTo("10.0.0.2");
        assertThat(clients.resolve("127.0.0.1", List.of(), List.of("not-an-address"))).isEqualTo("127.0.0.1");
        assertThat(clients.resolve("192.0.2.1", List.of(), List.of("1.2.3.4"))).as("untrusted peer").isEqualTo("192.0.2.1");
        assertThat(clients.resolve("127.0.0.1", List.of("for=192.0.2.60:8080;by=203.0.113.43"), List.of())).isEqualTo("192.0.2.60");
    }

    private int battle(String header, String value) {
        Api.Response r = arena.api.send(HttpRequest.newBuilder(URI.create(arena.url() + "/api/battles"))
                .header("Content-Type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Hello?\"}")));
        return r.status();
    }
}
