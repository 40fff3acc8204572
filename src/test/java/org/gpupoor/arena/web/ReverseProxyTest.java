package org.gpupoor.arena.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.gpupoor.arena.config.Server;
import org.gpupoor.arena.testing.Api;
import org.gpupoor.arena.testing.ArenaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behind a reverse proxy each voter keeps their own rate limit: the client comes from the
 * forwarding headers of a trusted proxy, and from nobody else's. The tests' own address,
 * 127.0.0.1, plays the proxy.
 */
class ReverseProxyTest {
    @RegisterExtension
    final ArenaExtension arena = new ArenaExtension()
            .startedByTest()
            .model("one:1b", "1.0B", "One (1B)", m -> m.answers("One."))
            .model("two:1b", "1.0B", "Two (1B)", m -> m.answers("Two."));

    private void start(List<String> trustedProxies) {
        start(new Server(trustedProxies, "x-forwarded-for"));
    }

    private void start(Server server) {
        arena.start(c -> c.rateLimits(2, 0).server(server));
    }

    @Test
    void behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit() {
        start(List.of("127.0.0.1", "10.0.0.0/8"));
        assertThat(battle("X-Forwarded-For", "203.0.113.5")).isEqualTo(201);
        assertThat(battle("X-Forwarded-For", "203.0.113.5")).isEqualTo(201);
        assertThat(battle("X-Forwarded-For", "203.0.113.5"))
                .as("third battle a minute from one voter")
                .isEqualTo(429);
        assertThat(battle("X-Forwarded-For", "203.0.113.6"))
                .as("another voter behind the same proxy")
                .isEqualTo(201);
        // Two proxies in a row: the inner one (10.x) is trusted, so the client is the address before it.
        assertThat(battle("X-Forwarded-For", "198.51.100.9, 10.1.2.3")).isEqualTo(201);
        assertThat(battle("X-Forwarded-For", "198.51.100.9, 10.1.2.3")).isEqualTo(201);
        assertThat(battle("X-Forwarded-For", "198.51.100.9, 10.9.9.9")).isEqualTo(429);
    }

    @Test
    void a_proxy_speaking_rfc_7239_names_its_clients_in_forwarded_and_ipv6_clients_count_by_their_64() {
        start(new Server(List.of("127.0.0.1"), "forwarded"));
        assertThat(battle("Forwarded", "for=\"[2001:db8::7]:4711\";proto=https"))
                .isEqualTo(201);
        assertThat(battle("Forwarded", "for=\"[2001:db8::7]:4711\";proto=https"))
                .isEqualTo(201);
        assertThat(battle("Forwarded", "For=\"[2001:db8:0:0:0:0:0:7]\""))
                .as("the same IPv6 address written out")
                .isEqualTo(429);
        assertThat(battle("Forwarded", "for=\"[2001:db8::8]\""))
                .as("another address of the same /64")
                .isEqualTo(429);
        assertThat(battle("Forwarded", "for=\"[2001:db8:0:1::7]\""))
                .as("another /64")
                .isEqualTo(201);
        assertThat(battle("Forwarded", "for=198.51.100.20")).isEqualTo(201);
    }

    @Test
    void a_client_cannot_escape_its_limit_by_writing_forwarding_headers_itself() {
        start(List.of("127.0.0.1"));
        assertThat(battle("X-Forwarded-For", "203.0.113.5")).isEqualTo(201);
        assertThat(battle("X-Forwarded-For", "203.0.113.5")).isEqualTo(201);
        // What the client wrote is left of what the proxy appended: only the rightmost untrusted address counts.
        assertThat(battle("X-Forwarded-For", "192.0.2.77, 203.0.113.5")).isEqualTo(429);
        // The proxy sets X-Forwarded-For and passes a Forwarded header from the client on untouched: it is not read.
        assertThat(battle(List.of("X-Forwarded-For", "203.0.113.5", "Forwarded", "for=192.0.2.78")))
                .isEqualTo(429);
    }

    @Test
    void from_a_peer_that_is_not_a_trusted_proxy_forwarding_headers_are_ignored() {
        start(List.of("10.0.0.0/8"));
        assertThat(battle("X-Forwarded-For", "203.0.113.1")).isEqualTo(201);
        assertThat(battle("X-Forwarded-For", "203.0.113.2")).isEqualTo(201);
        assertThat(battle("X-Forwarded-For", "203.0.113.3"))
                .as("all three come from 127.0.0.1")
                .isEqualTo(429);
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
    void the_voter_cookie_is_secure_when_a_trusted_proxy_says_the_client_came_over_https() {
        start(List.of("127.0.0.1"));
        // Each from its own client, so that none meets the rate limit of two battles a minute.
        assertThat(setCookie(List.of("X-Forwarded-For", "203.0.113.1", "X-Forwarded-Proto", "https")))
                .contains("; Secure");
        assertThat(setCookie(List.of("X-Forwarded-For", "203.0.113.2", "X-Forwarded-Proto", "http")))
                .doesNotContain("Secure");
        assertThat(setCookie(List.of("X-Forwarded-For", "203.0.113.3"))).doesNotContain("Secure");
    }

    private String setCookie(List<String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(arena.url() + "/api/battles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Hello?\"}"));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        Api.Response created = arena.api().send(request);
        return created.raw()
                .headers()
                .firstValue("Set-Cookie")
                .orElseThrow(() -> new AssertionError(created.status() + " " + created.text()));
    }

    @Test
    void forwarding_chains_resolve_to_the_rightmost_untrusted_address() {
        List<String> proxies = List.of("127.0.0.1", "::1", "10.0.0.0/8");
        ClientAddress xff = new ClientAddress(new Server(proxies, "x-forwarded-for"));
        assertThat(xff.resolve("127.0.0.1", List.of("1.2.3.4, 10.0.0.1"))).isEqualTo("1.2.3.4");
        assertThat(xff.resolve("127.0.0.1", List.of("1.2.3.4", "5.6.7.8"))).isEqualTo("5.6.7.8");
        assertThat(xff.resolve("0:0:0:0:0:0:0:1", List.of("1.2.3.4"))).isEqualTo("1.2.3.4");
        assertThat(xff.resolve("127.0.0.1", List.of("10.0.0.2, 10.0.0.1")))
                .as("all proxies")
                .isEqualTo("10.0.0.2");
        assertThat(xff.resolve("127.0.0.1", List.of("not-an-address"))).isEqualTo("127.0.0.1");
        assertThat(xff.resolve("192.0.2.1", List.of("1.2.3.4")))
                .as("untrusted peer")
                .isEqualTo("192.0.2.1");
        ClientAddress rfc7239 = new ClientAddress(new Server(proxies, "forwarded"));
        assertThat(rfc7239.resolve("127.0.0.1", List.of("for=unknown")))
                .as("'unknown' stops at the proxy")
                .isEqualTo("127.0.0.1");
        assertThat(rfc7239.resolve("127.0.0.1", List.of("for=192.0.2.60:8080;by=203.0.113.43")))
                .isEqualTo("192.0.2.60");
        assertThat(ClientAddress.allowanceKey("2001:db8:1:2:aaaa::5"))
                .isEqualTo(ClientAddress.allowanceKey("2001:db8:1:2::9"));
        assertThat(ClientAddress.allowanceKey("203.0.113.5")).isEqualTo("203.0.113.5");
    }

    private int battle(String header, String value) {
        return battle(List.of(header, value));
    }

    private int battle(List<String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(arena.url() + "/api/battles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Hello?\"}"));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        return arena.api().send(request).status();
    }
}
