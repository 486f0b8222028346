package io.tokenjoule.scrape.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.MonotonicClock;
import io.tokenjoule.scrape.discovery.ProcessTable.ProcessInfo;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import oshi.SystemInfo;

class OshiSourcesTest {

  @Test
  void addressesReadAsAnOperatorWritesThem() throws Exception {
    assertEquals("0.0.0.0", OshiListeningSockets.address(new byte[4]));
    assertEquals("::", OshiListeningSockets.address(new byte[16]));
    assertEquals("::1", OshiListeningSockets.address(InetAddress.getByName("::1").getAddress()));
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = 127;
    mapped[15] = 1;
    assertEquals("127.0.0.1", OshiListeningSockets.address(mapped));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void theProcessTableShowsThisJvmUnderItsParent() {
    OshiProcessTable table =
        new OshiProcessTable(new SystemInfo().getOperatingSystem(), MonotonicClock.SYSTEM, 1);
    int self = (int) ProcessHandle.current().pid();
    int parent = (int) ProcessHandle.current().parent().orElseThrow().pid();

    ProcessInfo me = table.process(self).orElseThrow();

    assertEquals(parent, me.parentPid());
    assertEquals(System.getProperty("user.name"), me.user());
    assertTrue(me.commandLine().contains("java") || me.name().contains("java"), me.toString());
    assertTrue(table.children(parent).contains(me));
  }
}
