package io.tokenjoule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ListenAddressTest {

  @Test
  void emptyHostMeansEveryInterface() {
    ListenAddress address = ListenAddress.parse(":9847");
    assertEquals(new ListenAddress("", 9847), address);
    assertTrue(address.allInterfaces());
    assertEquals(":9847", address.toString());
  }

  @Test
  void readsHostNamesAndIpv4() {
    assertEquals(new ListenAddress("127.0.0.1", 9847), ListenAddress.parse("127.0.0.1:9847"));
    assertEquals(new ListenAddress("localhost", 1), ListenAddress.parse("localhost:1"));
    assertEquals(
        new ListenAddress("node-7.example.org", 65535),
        ListenAddress.parse("node-7.example.org:65535"));
    assertFalse(ListenAddress.parse("localhost:1").allInterfaces());
  }

  @Test
  void readsBracketedIpv6AndKeepsTheHostWithoutBrackets() {
    ListenAddress address = ListenAddress.parse("[::1]:9847");
    assertEquals(new ListenAddress("::1", 9847), address);
    assertEquals("[::1]:9847", address.toString());
    assertEquals(new ListenAddress("::", 80), ListenAddress.parse("[::]:80"));
  }

  @Test
  void rejectsPortsOutOfRange() {
    assertEquals(
        "port must be between 1 and 65535, got 0",
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(":0")).getMessage());
    assertEquals(
        "port must be between 1 and 65535, got 65536",
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(":65536"))
            .getMessage());
  }

  @Test
  void rejectsMalformedAddressesSayingWhatIsAllowed() {
    String expected = "expected host:port such as :9847, 127.0.0.1:9847 or [::1]:9847, got ";
    for (String text :
        new String[] {
          "", "localhost", ":", ":http", "a b:9847", "[::1]", "[x]:80", ":99999999999"
        }) {
      assertEquals(
          expected + "'" + text + "'",
          assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(text), text)
              .getMessage());
    }
  }

  @Test
  void hintsAtTheUsualMistakes() {
    assertEquals(
        "expected host:port such as :9847, 127.0.0.1:9847 or [::1]:9847, got '9847'"
            + " (did you mean ':9847'?)",
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("9847"))
            .getMessage());
    assertEquals(
        "expected host:port such as :9847, 127.0.0.1:9847 or [::1]:9847, got '::1:9847'"
            + " (put an IPv6 address in brackets, as in [::1]:9847)",
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("::1:9847"))
            .getMessage());
  }

  @Test
  void constructorRejectsInvalidParts() {
    assertThrows(IllegalArgumentException.class, () -> new ListenAddress("", 0));
    assertThrows(IllegalArgumentException.class, () -> new ListenAddress("[::1]", 80));
    assertThrows(IllegalArgumentException.class, () -> new ListenAddress("a b", 80));
    assertEquals(9847, ListenAddress.defaultAddress().port());
  }
}
