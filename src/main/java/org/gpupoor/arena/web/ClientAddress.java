package org.gpupoor.arena.web;

import io.javalin.http.Context;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.gpupoor.arena.config.AddressBlock;
import org.gpupoor.arena.config.Server;

/**
 * Who sent a request. Behind a reverse proxy every request comes from the proxy, so for a peer
 * the operator trusts ({@code server.trusted_proxies}) the client is read from the one header
 * those proxies set ({@code X-Forwarded-For}, or {@code Forwarded} per RFC 7239): the rightmost
 * address that is not itself a trusted proxy, since everything left of that was written by the
 * client and may be made up. The other header is never read: a proxy passes it on from the
 * client untouched. From any other peer neither is. Rate limits, voter ids and the request log
 * use the result.
 */
public final class ClientAddress {
    private final List<AddressBlock> trusted;
    private final boolean rfc7239;

    public ClientAddress(Server settings) {
        this.trusted =
                settings.trustedProxies().stream().map(AddressBlock::parse).toList();
        this.rfc7239 = settings.forwardedHeader().equals("forwarded");
    }

    public String of(Context ctx) {
        return resolve(ctx.req().getRemoteAddr(), headers(ctx, rfc7239 ? "Forwarded" : "X-Forwarded-For"));
    }

    /** "https" when a trusted proxy says the client came over TLS, else the connection's own scheme. */
    public String scheme(Context ctx) {
        String own = ctx.req().getScheme();
        if (!fromTrustedProxy(ctx.req().getRemoteAddr())) {
            return own;
        }
        List<String> protos =
                rfc7239 ? parameters(headers(ctx, "Forwarded"), "proto") : split(headers(ctx, "X-Forwarded-Proto"));
        // The proxy nearest the arena appended last: its word is the one to take.
        String proto = protos.isEmpty() ? "" : protos.get(protos.size() - 1).toLowerCase(java.util.Locale.ROOT);
        return proto.equals("https") || proto.equals("http") ? proto : own;
    }

    /**
     * The key a client's allowances are counted under: its address, but for IPv6 its /64, since
     * one home or server gets a whole /64 and could otherwise take a fresh address for every vote.
     */
    public static String allowanceKey(String address) {
        Optional<InetAddress> parsed = AddressBlock.literal(address);
        if (parsed.isEmpty() || !(parsed.get() instanceof Inet6Address v6)) {
            return address;
        }
        byte[] bytes = v6.getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                    .append(':');
        }
        return prefix.append(":/64").toString();
    }

    String resolve(String peer, List<String> forwarding) {
        if (!fromTrustedProxy(peer)) {
            return peer;
        }
        List<String> hops = rfc7239 ? parameters(forwarding, "for") : split(forwarding);
        InetAddress current = AddressBlock.literal(peer).orElseThrow();
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

    private boolean fromTrustedProxy(String peer) {
        Optional<InetAddress> address = AddressBlock.literal(peer);
        return address.isPresent() && isTrusted(address.get());
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(block -> block.contains(address));
    }

    private static List<String> headers(Context ctx, String name) {
        return Collections.list(ctx.req().getHeaders(name));
    }

    private static List<String> split(List<String> values) {
        List<String> items = new ArrayList<>();
        values.forEach(v -> {
            for (String item : v.split(",")) {
                items.add(item.strip());
            }
        });
        return items;
    }

    /** The {@code name=} parameter of each element of {@code Forwarded}, in order; "" for an element without one. */
    private static List<String> parameters(List<String> values, String name) {
        List<String> found = new ArrayList<>();
        for (String element : split(values)) {
            String value = "";
            for (String pair : element.split(";")) {
                String[] kv = pair.strip().split("=", 2);
                if (kv.length == 2 && kv[0].strip().equalsIgnoreCase(name)) {
                    value = kv[1].strip().replace("\"", "");
                }
            }
            found.add(value);
        }
        return found;
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
