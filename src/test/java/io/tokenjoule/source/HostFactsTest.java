package io.tokenjoule.source;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class HostFactsTest {

  @Test
  void thisHostHasANameAnOsAndACpu() {
    HostFacts host = HostFacts.read();
    assertFalse(host.hostname().isBlank(), host.toString());
    assertFalse(host.os().isBlank(), host.toString());
    assertFalse(host.cpu().isBlank(), host.toString());
  }
}
