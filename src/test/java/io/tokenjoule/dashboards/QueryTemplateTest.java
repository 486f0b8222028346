package io.tokenjoule.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryTemplateTest {

  @Test
  void replacesEveryFormOfVariable() {
    assertEquals(
        "rate(x{server=~\".*\", currency=\"USD\"}[15s]) * 60 / 120",
        QueryTemplate.substitute(
            "rate(x{server=~\"$server\", currency=\"${currency}\"}[$__rate_interval])"
                + " * ${__range_s:raw} / $__range_s2",
            Map.of(
                "server", ".*",
                "currency", "USD",
                "__rate_interval", "15s",
                "__range_s", "60",
                "__range_s2", "120")));
  }

  @Test
  void aVariableWithoutAValueIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> QueryTemplate.substitute("x{currency=\"$currency\"}", Map.of()));
    assertTrue(e.getMessage().startsWith("no value for the variable $currency"), e.getMessage());
  }

  @Test
  void valuesAreInsertedLiterally() {
    assertEquals(
        "x{a=~\"$1\\\\d\"}", QueryTemplate.substitute("x{a=~\"$v\"}", Map.of("v", "$1\\\\d")));
  }
}
