package io.tokenjoule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebConfigFileOptionTest {

  @Test
  void agentWithABadWebConfigNamesTheLineAndExits2(@TempDir Path dir) throws Exception {
    Path web = Files.writeString(dir.resolve("web.yml"), "basic_auth_users:\n  alice: secret\n");

    CommandRun run = CommandRun.of("agent", "--web.config.file", web.toString());

    assertEquals(AgentCommand.EXIT_BAD_CONFIG, run.exitCode());
    assertEquals(
        "tokenjoule: invalid web configuration:\n"
            + web
            + ":2:10: basic_auth_users.alice: expected a bcrypt hash ($2a$, $2b$ or $2y$, cost 04"
            + " to 31, 60 characters), got a value of 6 characters; generate one with htpasswd"
            + " -nBC 10 \"\" | tr -d ':\\n'\n",
        run.err());
  }

  @Test
  void demoWithAMissingWebConfigExits2(@TempDir Path dir) {
    Path web = dir.resolve("absent.yml");

    CommandRun run = CommandRun.of("demo", "--web.config.file", web.toString());

    assertEquals(AgentCommand.EXIT_BAD_CONFIG, run.exitCode());
    assertEquals(
        "tokenjoule demo: invalid web configuration:\n"
            + web
            + ": cannot read the web configuration file: no such file\n",
        run.err());
  }
}
