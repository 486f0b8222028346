package io.tokenjoule.scrape.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The owner of a listening port, from a fixture /proc tree and from this machine's own. */
class PortOwnerTest {

  private static final String HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
          + " inode";

  @TempDir Path proc;

  /** A /proc/net/tcp line, little-endian as an x86 kernel prints it. */
  private static String tcp(int slot, String address, int port, String state, long inode) {
    return String.format(
        "  %d: %s:%04X 00000000:0000 %s 00000000:00000000 00:00000000 00000000  1000        0 %d"
            + " 1 0000000000000000 100 0 0 10 0",
        slot, address, port, state, inode);
  }

  private void table(String name, String... lines) throws IOException {
    Files.createDirectories(proc.resolve("net"));
    Files.write(proc.resolve("net").resolve(name), List.of(HEADER, String.join("\n", lines)));
  }

  private void process(int pid, String... targets) throws IOException {
    Path fd = Files.createDirectories(proc.resolve(Integer.toString(pid)).resolve("fd"));
    for (int i = 0; i < targets.length; i++) {
      Files.createSymbolicLink(fd.resolve(Integer.toString(i)), Path.of(targets[i]));
    }
  }

  private PortOwner owner() {
    return new PortOwner(proc, ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void findsTheProcessHoldingTheListeningSocketOfThePort() throws IOException {
    // port 8000 listening (0A) as inode 4242; an established connection on 8000 (01) is not it
    table(
        "tcp",
        tcp(0, "0100007F", 8000, "01", 777),
        tcp(1, "00000000", 8000, "0A", 4242),
        tcp(2, "00000000", 9000, "0A", 5151));
    table("tcp6");
    process(100, "/dev/null", "socket:[777]", "pipe:[1]");
    process(200, "socket:[5151]");
    process(300, "/dev/null", "socket:[4242]");
    Files.createDirectories(proc.resolve("self"));
    assertEquals(Optional.of(300), owner().find(8000).pid());
    assertEquals(Optional.of(200), owner().find(9000).pid());
  }

  @Test
  void findsAnIpv6Listener() throws IOException {
    table("tcp");
    table("tcp6", tcp(0, "00000000000000000000000000000000", 8080, "0A", 99));
    process(41, "socket:[99]");
    assertEquals(Optional.of(41), owner().find(8080).pid());
  }

  @Test
  void saysWhyWhenNothingListensOrNoProcessHoldsTheSocket() throws IOException {
    table("tcp", tcp(0, "00000000", 8000, "0A", 4242));
    process(7, "socket:[1]");
    PortOwner.Lookup nothing = owner().find(8001);
    assertTrue(nothing.pid().isEmpty());
    assertTrue(nothing.whyNot().contains("no socket listens on port 8001"), nothing.whyNot());
    PortOwner.Lookup unowned = owner().find(8000);
    assertTrue(unowned.pid().isEmpty());
    assertTrue(unowned.whyNot().contains("no readable process"), unowned.whyNot());
  }

  @Test
  void withoutProcNetItSaysSo() {
    PortOwner.Lookup lookup = owner().find(8000);
    assertTrue(lookup.pid().isEmpty());
    assertTrue(lookup.whyNot().contains("cannot read"), lookup.whyNot());
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void findsThisProcessByThePortItListensOnInTheRealProc() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      PortOwner.Lookup lookup = new PortOwner(Path.of("/proc")).find(socket.getLocalPort());
      assertEquals(Optional.of((int) ProcessHandle.current().pid()), lookup.pid(), lookup.whyNot());
    }
  }
}
