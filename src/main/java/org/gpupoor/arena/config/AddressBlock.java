package org.gpupoor.arena.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An address or a CIDR block ({@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}), as an operator
 * lists trusted proxies. Only literals: a host name would mean a DNS lookup per request.
 */
public record AddressBlock(byte[] network, int prefixBits) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public static AddressBlock parse(String text) {
        String problem = problem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String[] parts = text.strip().split("/", 2);
        byte[] address = literal(parts[0]).orElseThrow().getAddress();
        return new AddressBlock(address, parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8);
    }

    /** Why {@code text} is not an address or block, or null when it is one. */
    public static String problem(String text) {
        if (text == null || text.isBlank()) {
            return "must be an IP address or a CIDR block such as 10.0.0.0/8, was empty";
        }
        String[] parts = text.strip().split("/", 2);
        Optional<InetAddress> address = literal(parts[0]);
        if (address.isEmpty()) {
            return "must be an IP address or a CIDR block such as 10.0.0.0/8 or fd00::/8 (no host names), was '" + text
                    + "'";
        }
        int bits = address.get().getAddress().length * 8;
        if (parts.length == 2 && !(parts[1].matches("\\d{1,3}") && Integer.parseInt(parts[1]) <= bits)) {
            return "the prefix length after '/' must be 0 to " + bits + ", was '" + text + "'";
        }
        return null;
    }

    /** An address literal, with no DNS lookup; empty for anything else (a host name, "unknown", an obfuscated id). */
    public static Optional<InetAddress> literal(String text) {
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        boolean v4 = IPV4.matcher(s).matches();
        if (!v4 && !IPV6.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s)); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int whole = prefixBits / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (candidate[whole] & mask) == (network[whole] & mask);
    }
}
