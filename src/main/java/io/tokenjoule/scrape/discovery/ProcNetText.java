package io.tokenjoule.scrape.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The text formats of the Linux files {@link ProcNamespaceSockets} reads: {@code /proc/<pid>/fd}
 * link targets, {@code /proc/<pid>/net/tcp} and {@code tcp6}, {@code fib_trie} and {@code
 * if_inet6}. Pure functions; lines that do not parse are skipped.
 */
final class ProcNetText {

  /** {@code TCP_LISTEN} in the kernel's {@code st} column. */
  private static final String LISTEN = "0A";

  /** A socket in state LISTEN as the namespace's table lists it. */
  record Listener(InetAddress bound, int port, long inode) {}

  private ProcNetText() {}

  /** The inode a {@code /proc/<pid>/fd} link names when it is a socket: {@code socket:[12345]}. */
  static Optional<Long> socketInode(String target) {
    if (target.startsWith("socket:[") && target.endsWith("]")) {
      try {
        return Optional.of(Long.parseLong(target.substring(8, target.length() - 1)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * The sockets in state LISTEN in the lines of {@code /proc/net/tcp} or {@code tcp6}: after the
   * header, {@code sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid
   * timeout inode ...}, whitespace apart (the kernel's Documentation/networking/proc_net_tcp.rst).
   * Lines that do not parse are skipped.
   */
  static List<Listener> listeners(List<String> lines, ByteOrder kernelOrder) {
    List<Listener> listeners = new ArrayList<>();
    for (String line : lines) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 10 || !fields[0].endsWith(":") || !fields[3].equals(LISTEN)) {
        continue;
      }
      int colon = fields[1].indexOf(':');
      try {
        InetAddress bound = hexAddress(fields[1].substring(0, colon), kernelOrder);
        int port = Integer.parseInt(fields[1].substring(colon + 1), 16);
        long inode = Long.parseLong(fields[9]);
        if (port > 0 && inode > 0) {
          listeners.add(new Listener(bound, port, inode));
        }
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        // not a socket line
      }
    }
    return listeners;
  }

  /**
   * An address as {@code /proc/net/tcp} and {@code tcp6} print it: the address's 32-bit words in
   * order, each as the kernel holds it in memory printed as one hex number ({@code %08X}), so on a
   * little-endian host each word's bytes come reversed: {@code 0100007F} is 127.0.0.1 and {@code
   * 00000000000000000000000001000000} is ::1.
   *
   * @throws IllegalArgumentException when it is not 8 or 32 hex digits
   */
  static InetAddress hexAddress(String hex, ByteOrder kernelOrder) {
    if (hex.length() != 8 && hex.length() != 32) {
      throw new IllegalArgumentException("not an address: " + hex);
    }
    byte[] raw = new byte[hex.length() / 2];
    for (int word = 0; word < raw.length / 4; word++) {
      long value = Long.parseLong(hex.substring(word * 8, word * 8 + 8), 16);
      for (int i = 0; i < 4; i++) {
        int shift = kernelOrder == ByteOrder.LITTLE_ENDIAN ? 8 * i : 8 * (3 - i);
        raw[word * 4 + i] = (byte) (value >>> shift);
      }
    }
    return byAddress(raw);
  }

  /**
   * The namespace's own IPv4 addresses in {@code /proc/net/fib_trie}, in order, without
   * 127.0.0.0/8: each leaf {@code |-- 10.244.1.17} followed by a {@code /32 host LOCAL} alias (the
   * kernel's net/ipv4/fib_trie.c, fib_trie_seq_show). The trie is printed once per table (Main,
   * Local); an address appears once here.
   */
  static List<String> localIpv4(List<String> fibTrie) {
    Set<String> addresses = new LinkedHashSet<>();
    String leaf = null;
    for (String line : fibTrie) {
      String trimmed = line.trim();
      if (trimmed.startsWith("|-- ")) {
        leaf = trimmed.substring(4).trim();
      } else if (trimmed.startsWith("/32 host LOCAL") && leaf != null && !leaf.startsWith("127.")) {
        addresses.add(leaf);
      } else if (!trimmed.startsWith("/")) {
        leaf = null;
      }
    }
    return List.copyOf(addresses);
  }

  /**
   * The namespace's global-scope IPv6 addresses in {@code /proc/net/if_inet6}, in order: each line
   * {@code address ifindex prefix-length scope flags device}, the address as 32 hex digits in
   * network order, scope {@code 00} for global (the kernel's net/ipv6/addrconf.c, if6_seq_show).
   */
  static List<String> globalIpv6(List<String> ifInet6) {
    List<String> addresses = new ArrayList<>();
    for (String line : ifInet6) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 6 || fields[0].length() != 32 || !fields[3].equals("00")) {
        continue;
      }
      byte[] raw = new byte[16];
      try {
        for (int i = 0; i < 16; i++) {
          raw[i] = (byte) Integer.parseInt(fields[0].substring(2 * i, 2 * i + 2), 16);
        }
      } catch (NumberFormatException e) {
        continue;
      }
      addresses.add(OshiListeningSockets.address(raw));
    }
    return addresses;
  }

  private static InetAddress byAddress(byte[] raw) {
    try {
      return InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address length: " + raw.length, e);
    }
  }
}
