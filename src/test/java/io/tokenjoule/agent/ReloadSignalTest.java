package io.tokenjoule.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ReloadSignalTest {

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void sighupRequestsOneReload() throws Exception {
    ReloadSignal signal = new ReloadSignal();
    assumeTrue(
        signal.bySignal(),
        "SIGHUP is ignored in this process (run under nohup): no signal to test");
    assertFalse(signal.take());
    Process kill =
        new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).start();
    assertEquals(0, kill.waitFor());
    boolean requested = false;
    for (int i = 0; i < 500 && !requested; i++) { // up to 10 s
      Thread.sleep(20);
      requested = signal.take();
    }
    assertTrue(requested, "SIGHUP was not seen within 10 seconds");
    assertFalse(signal.take(), "one signal, one reload");
  }
}
