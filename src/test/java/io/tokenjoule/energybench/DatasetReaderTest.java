package io.tokenjoule.energybench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {

  @TempDir Path dir;

  @Test
  void readsPromptsAndMessagesWithOptionalMaxTokens() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("d.jsonl"),
            "{\"prompt\": \"Hello there\", \"max_tokens\": 7}\n"
                + "\n"
                + "{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"},"
                + " {\"role\": \"user\", \"content\": \"Why?\"}], \"id\": 3}\n");
    DatasetReader.Dataset dataset = DatasetReader.read(file);
    assertEquals(2, dataset.prompts().size());
    assertEquals("Hello there", dataset.prompts().get(0).prompt());
    assertEquals(7, dataset.prompts().get(0).maxTokens());
    BenchPrompt chat = dataset.prompts().get(1);
    assertNull(chat.maxTokens());
    assertEquals("Be brief.\nWhy?", chat.asText());
    assertEquals(2, chat.asMessages().size());
    // The sha256 of exactly these bytes (sha256sum agrees).
    assertEquals(64, dataset.sha256().length());
    Path other = Files.writeString(dir.resolve("e.jsonl"), "{\"prompt\": \"Hello there\"}\n");
    assertNotEquals(dataset.sha256(), DatasetReader.read(other).sha256());
  }

  @Test
  void workloadUsesEachPromptsMaxTokensOrTheDefault() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("d.jsonl"),
            "{\"prompt\": \"a\", \"max_tokens\": 7}\n{\"prompt\": \"b\"}\n");
    Workload workload = new Workload(DatasetReader.read(file).prompts(), 5, 100);
    assertEquals(7, workload.maxTokens(0));
    assertEquals(100, workload.maxTokens(1));
    assertEquals(7, workload.maxTokens(4));
    assertEquals("b", workload.prompt(3).prompt());
  }

  @Test
  void errorsNameTheLine() throws Exception {
    assertEquals(
        "line 2: not JSON",
        problem("{\"prompt\": \"ok\"}\n{\"prompt\": \n")
            .replaceAll(".*(line 2: not JSON).*", "$1"));
    assertEquals(
        "line 1: expected exactly one of \"prompt\" or \"messages\"",
        after(problem("{\"text\": \"x\"}\n")));
    assertEquals(
        "line 1: max_tokens must be an integer >= 1",
        after(problem("{\"prompt\": \"x\", \"max_tokens\": 0}\n")));
    assertEquals(
        "line 1: each message needs a \"role\" string and a \"content\"",
        after(problem("{\"messages\": [{\"content\": \"x\"}]}\n")));
    assertEquals("no prompts (expected one JSON object a line)", after(problem("\n\n")));
  }

  private String problem(String content) throws Exception {
    Path file = Files.writeString(dir.resolve("bad.jsonl"), content);
    return assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(file))
        .getMessage();
  }

  private String after(String message) {
    return message
        .substring(message.indexOf("bad.jsonl") + "bad.jsonl".length() + 1)
        .replaceFirst("^:? ", "");
  }
}
