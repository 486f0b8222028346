package io.tokenjoule.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BasicAuthenticationTest {

  @Test
  void basicCredentialsAreSplitAtTheFirstColon() {
    assertArrayEquals(
        new String[] {"user", "pa:ss"}, BasicAuthentication.credentials("Basic dXNlcjpwYTpzcw=="));
    assertArrayEquals(
        new String[] {"user", "pa:ss"}, BasicAuthentication.credentials("basic dXNlcjpwYTpzcw=="));
    assertNull(BasicAuthentication.credentials("Basic dXNlcg==")); // "user", no colon
    assertNull(BasicAuthentication.credentials("Bearer dXNlcjpwYTpzcw=="));
    assertNull(BasicAuthentication.credentials("Basic %%%"));
    assertNull(BasicAuthentication.credentials(null));
  }
}
