package io.tokenjoule.energybench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConnectionReuseTest {

  @Test
  void keepAliveHeaderParametersAreRead() {
    assertEquals(
        new ConnectionReuse.KeepAlive(5, 100),
        ConnectionReuse.KeepAlive.parse("timeout=5, max=100"));
    assertEquals(new ConnectionReuse.KeepAlive(-1, 0), ConnectionReuse.KeepAlive.parse("max=0"));
    assertEquals(
        new ConnectionReuse.KeepAlive(-1, -1), ConnectionReuse.KeepAlive.parse("timeout=x, y"));
    assertEquals(new ConnectionReuse.KeepAlive(-1, -1), ConnectionReuse.KeepAlive.parse(null));
  }
}
