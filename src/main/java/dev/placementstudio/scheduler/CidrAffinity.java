package dev.placementstudio.scheduler;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * SimpleCIDRAffinityFilter ({@code affinity_filter.py}): with a {@code build_near_host_ip} hint, the host's
 * IP must be in the network of that address and the {@code cidr} hint (default {@code /24}).
 */
final class CidrAffinity {
    private CidrAffinity() {
    }

    static String reject(HostState h, RequestSpec s) {
        String near = s.hints().get("build_near_host_ip");
        if (near == null || near.isEmpty()) {
            return null;
        }
        String cidr = s.hints().getOrDefault("cidr", "/24");
        String net = near + cidr;
        int slash = net.indexOf('/');
        byte[] base = literal(slash < 0 ? net : net.substring(0, slash));
        if (base == null) {
            return "Nova raises: " + net + " is not a network";
        }
        int bits = base.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            Long p = AggregateFilters.pythonInt(net.substring(slash + 1));
            if (p == null || p < 0 || p > bits) {
                return "Nova raises: " + net + " is not a network";
            }
            prefix = p.intValue();
        }
        String ip = h.compute().hostIp();
        byte[] host = ip == null ? null : literal(ip);
        if (host == null) {
            return "Nova raises: the host's IP " + ip + " is not an address";
        }
        if (host.length != base.length) {
            return "host IP " + ip + " is not in " + net;
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        boolean in = new BigInteger(1, host).and(mask).equals(new BigInteger(1, base).and(mask));
        return in ? null : "host IP " + ip + " is not in " + net;
    }

    /** The bytes of an IPv4 dotted quad or an IPv6 literal; null for anything else (no name lookups). */
    static byte[] literal(String s) {
        if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            byte[] out = new byte[4];
            String[] parts = s.split("\\.");
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return null;
                }
                out[i] = (byte) v;
            }
            return out;
        }
        if (s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+")) {
            try {
                return InetAddress.getByName(s).getAddress(); // a literal: no lookup
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }
}
