package org.gpupoor.arena.config;

import java.util.List;
import java.util.Locale;

/**
 * The {@code server} section: which reverse proxies to believe about a client's address.
 *
 * @param trustedProxies  addresses or CIDR blocks of reverse proxies whose forwarding header names the client;
 *                        empty: trust none
 * @param forwardedHeader which header those proxies set: "x-forwarded-for" (with X-Forwarded-Proto) or
 *                        "forwarded" (RFC 7239); only that one is read, since a proxy passes the other on from
 *                        the client untouched
 */
public record Server(List<String> trustedProxies, String forwardedHeader) {
    public Server {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        forwardedHeader = forwardedHeader == null || forwardedHeader.isBlank()
                ? "x-forwarded-for"
                : forwardedHeader.strip().toLowerCase(Locale.ROOT);
    }

    public Server(List<String> trustedProxies) {
        this(trustedProxies, null);
    }
}
