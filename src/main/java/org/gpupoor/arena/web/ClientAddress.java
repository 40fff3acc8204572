package org.gpupoor.arena.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.gpupoor.arena.config.AddressBlock;

/**
 * Who sent a request. Behind a reverse proxy every request comes from the proxy, so for a peer
 * the operator trusts ({@code server.trusted_proxies}) the client is read from {@code Forwarded}
 * (RFC 7239) or else {@code X-Forwarded-For}: the rightmost address that is not itself a trusted
 * proxy, since everything left of that was written by the client and may be made up. From any
 * other peer those headers are ignored. Rate limits, voter ids and the request log use the result.
 */
public final class ClientAddress {
    private final List<AddressBlock> trusted;

    public ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(AddressBlock::parse).toList();
    }

    public String of(Context ctx) {
        return resolve(ctx.req().getRemoteAddr(), headers(ctx, "Forwarded"), headers(ctx, "X-Forwarded-For"));
    }

    String resolve(String peer, List<String> forwarded, List<String> forwardedFor) {
        Optional<InetAddress> nearest = AddressBlock.literal(peer);
        if (nearest.isEmpty() || !isTrusted(nearest.get())) {
            return peer;
        }
        List<String> hops = forwarded.isEmpty() ? splitForwardedFor(forwardedFor) : forValues(forwarded);
        InetAddress current = nearest.get();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = AddressBlock.literal(withoutPort(hops.get(i)));
            if (hop.isEmpty()) {
                break; // "unknown" or an obfuscated name: the proxy that wrote it is as far as we can see
            }
            current = hop.get();
            if (!isTrusted(current)) {
                break;
            }
        }
        return current.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(block -> block.contains(address));
    }

    private static List<String> headers(Context ctx, String name) {
        return Collections.list(ctx.req().getHeaders(name));
    }

    private static List<String> splitForwardedFor(List<String> values) {
        List<String> hops = new ArrayList<>();
        values.forEach(v -> {
            for (String hop : v.split(",")) {
                hops.add(hop.strip());
            }
        });
        return hops;
    }

    /** The {@code for=} of each element of {@code Forwarded}, in order; "" for an element without one. */
    private static List<String> forValues(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            for (String element : value.split(",")) {
                String node = "";
                for (String pair : element.split(";")) {
                    String[] kv = pair.strip().split("=", 2);
                    if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("for")) {
                        node = kv[1].strip().replace("\"", "");
                    }
                }
                hops.add(node);
            }
        }
        return hops;
    }

    /** "[2001:db8::1]:4711" → "2001:db8::1"; "192.0.2.1:80" → "192.0.2.1"; a bare IPv6 address stays whole. */
    private static String withoutPort(String node) {
        if (node.startsWith("[")) {
            int end = node.indexOf(']');
            return end < 0 ? node : node.substring(1, end);
        }
        int colon = node.indexOf(':');
        return colon > 0 && node.indexOf(':', colon + 1) < 0 ? node.substring(0, colon) : node;
    }
}
