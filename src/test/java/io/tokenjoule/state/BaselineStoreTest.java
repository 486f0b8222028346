package io.tokenjoule.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenjoule.account.WindowStats;
import io.tokenjoule.account.baseline.BaselineSettings;
import io.tokenjoule.account.baseline.BaselineState;
import io.tokenjoule.account.baseline.ServerBaseline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineStoreTest {

  private static final BaselineSettings SETTINGS = new BaselineSettings(60, 3600, 3, 0.05, 100, 30);
  private static final double T0 = 1_750_000_020;
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private BaselineStore store() {
    return new BaselineStore(dir, CLOCK);
  }

  /** A baseline with two learned buckets, a learning one, and awkward doubles. */
  static ServerBaseline learned(BaselineSettings settings, double t0) {
    ServerBaseline baseline = new ServerBaseline(settings);
    for (int i = 0; i < 4; i++) {
      baseline.observe(t0 + i * 60, window(1000.0 / 3 + i, 1000 + 7 * i, 8 + 0.1 * i));
      baseline.observe(t0 + i * 60 + 30, window(250.1 + i, 999, 33.3));
    }
    baseline.observe(t0 + 270, window(0.1 + 0.2, 1000, 200));
    return baseline;
  }

  static WindowStats window(double joules, double tokens, double concurrency) {
    return new WindowStats(
        29.97,
        joules,
        0,
        tokens,
        Double.NaN,
        concurrency,
        joules / tokens,
        joules / tokens,
        Double.NaN,
        0.01,
        0.01);
  }

  @Test
  void aRestartLosesNothing() throws Exception {
    ServerBaseline a = learned(SETTINGS, T0);
    ServerBaseline b = new ServerBaseline(SETTINGS);
    StoredBaselines saved =
        new StoredBaselines(T0 + 300, SETTINGS, Map.of("a", a.state(), "b", b.state()));
    store().save(saved);

    LoadedBaselines loaded = new BaselineStore(dir).load();
    assertEquals(Optional.empty(), loaded.setAside());
    assertEquals(saved, loaded.stored().orElseThrow());
    ServerBaseline restored = ServerBaseline.restore(SETTINGS, loaded.servers().get("a"));
    for (double concurrency : new double[] {0.5, 8, 8.2, 12, 20, 33.3, 40, 200, Double.NaN}) {
      WindowStats now = window(300, 1000, concurrency);
      assertEquals(a.view(T0 + 330, now), restored.view(T0 + 330, now));
    }
    assertEquals(a.buckets(T0 + 330), restored.buckets(T0 + 330));
    assertEquals(3, restored.buckets(T0 + 330).size());
    assertTrue(Double.isNaN(loaded.servers().get("b").lastSampleEpochSeconds()));
  }

  @Test
  void theFileIsVersionedJsonWithExactDoubles() throws Exception {
    ServerBaseline a = learned(SETTINGS, T0);
    store().save(new StoredBaselines(T0 + 300, SETTINGS, Map.of("a", a.state())));
    JsonNode root = new ObjectMapper().readTree(dir.resolve("baselines.json").toFile());
    assertEquals(1, root.get("format_version").asInt());
    assertEquals(3600, root.get("settings").get("horizon_seconds").asDouble());
    JsonNode slot = root.get("servers").get("a").get("slots").get(0);
    assertEquals("8-16", slot.get("bucket").asText());
    assertEquals(1000.0 / 3, slot.get("energy_joules").asDouble());
    assertEquals(a.state().slots().size(), root.get("servers").get("a").get("slots").size());
  }

  @Test
  void noFileMeansNothingLearnedAndNothingReported() throws Exception {
    LoadedBaselines loaded = store().load();
    assertEquals(Optional.empty(), loaded.stored());
    assertEquals(Optional.empty(), loaded.setAside());
    assertEquals(Map.of(), loaded.servers());
    assertEquals(Optional.empty(), new BaselineStore(dir.resolve("missing")).read());
  }

  @Test
  void aSaveReplacesTheFileAndLeavesNoTemporaryFile() throws Exception {
    Path nested = dir.resolve("state/tokenjoule");
    BaselineStore store = new BaselineStore(nested);
    store.save(new StoredBaselines(T0, SETTINGS, Map.of("a", BaselineState.EMPTY)));
    store.save(new StoredBaselines(T0 + 1, SETTINGS, Map.of("b", BaselineState.EMPTY)));
    assertEquals(List.of("baselines.json"), names(nested));
    StoredBaselines read = store.read().orElseThrow();
    assertEquals(T0 + 1, read.savedAtEpochSeconds());
    assertEquals(List.of("b"), List.copyOf(read.servers().keySet()));
  }

  @Test
  void aTemporaryFileLeftByACrashIsIgnored() throws Exception {
    Path leftover = dir.resolve("baselines.json.4711.tmp");
    Files.writeString(leftover, "{\"format_version\": 1, \"saved_at_epo");
    assertEquals(Optional.empty(), store().load().stored(), "a crash before the first rename");
    StoredBaselines saved =
        new StoredBaselines(T0, SETTINGS, Map.of("a", learned(SETTINGS, T0).state()));
    store().save(saved);
    Files.writeString(leftover, "{\"format_version\": 1, \"saved_at_epo");

    LoadedBaselines loaded = store().load();
    assertEquals(saved, loaded.stored().orElseThrow());
    assertEquals(Optional.empty(), loaded.setAside());
    assertEquals(List.of("baselines.json", "baselines.json.4711.tmp"), names(dir));
  }

  @Test
  void aCorruptFileIsSetAsideAndReported() throws Exception {
    Files.writeString(dir.resolve("baselines.json"), "{\"format_version\": 1, \"saved_at");
    LoadedBaselines loaded = store().load();
    assertEquals(Optional.empty(), loaded.stored());
    SetAsideFile setAside = loaded.setAside().orElseThrow();
    Path corrupt = dir.resolve("baselines.json.corrupt-20250102T030405Z");
    assertEquals(dir.resolve("baselines.json"), setAside.file());
    assertEquals(Optional.of(corrupt), setAside.movedTo());
    assertTrue(setAside.reason().startsWith("not valid JSON: "), setAside.reason());
    assertTrue(setAside.reason().contains("line 1, column "), setAside.reason());
    assertEquals("{\"format_version\": 1, \"saved_at", Files.readString(corrupt));
    assertEquals(
        "baseline state "
            + dir.resolve("baselines.json")
            + " could not be loaded ("
            + setAside.reason()
            + "); moved to "
            + corrupt
            + "; baselines start afresh",
        setAside.describe());

    // A second one within the same second keeps the first.
    Files.writeString(dir.resolve("baselines.json"), "");
    SetAsideFile empty = store().load().setAside().orElseThrow();
    assertEquals("the file is empty", empty.reason());
    assertEquals(
        Optional.of(dir.resolve("baselines.json.corrupt-20250102T030405Z-2")), empty.movedTo());
    assertEquals(
        List.of(
            "baselines.json.corrupt-20250102T030405Z", "baselines.json.corrupt-20250102T030405Z-2"),
        names(dir));
  }

  @Test
  void anUnknownFormatVersionIsSetAsideToo() throws Exception {
    Files.writeString(dir.resolve("baselines.json"), "{\"format_version\": 2, \"anything\": []}");
    SetAsideFile setAside = store().load().setAside().orElseThrow();
    assertEquals("unknown format version 2 (this tokenjoule reads version 1)", setAside.reason());
    assertTrue(setAside.movedTo().isPresent());
    assertFalse(Files.exists(dir.resolve("baselines.json")));
  }

  @Test
  void damagedValuesAreNamedByTheirPlace() throws Exception {
    store().save(new StoredBaselines(T0, SETTINGS, Map.of("a", learned(SETTINGS, T0).state())));
    Path file = dir.resolve("baselines.json");
    String good = Files.readString(file);
    assertEquals(
        "servers.a.slots[0]: slot energy must be finite and > 0, got -1.0",
        reasonFor(good.replaceFirst("\"energy_joules\" : [0-9.]+", "\"energy_joules\" : -1.0")));
    assertEquals(
        "servers.a.slots[0].samples is missing or not an integer",
        reasonFor(good.replaceFirst("\"samples\" : 1", "\"samples\" : \"1\"")));
    assertEquals(
        "servers.a.slots[0]: not a load bucket: \"8-15\" (expected 0-1, 1-2, 2-4, 4-8, ...)",
        reasonFor(good.replaceFirst("\"8-16\"", "\"8-15\"")));
    assertEquals(
        "the horizon (60.0 s) must hold at least min slots (3) slots of 60.0 s",
        reasonFor(good.replaceFirst("\"horizon_seconds\" : 3600.0", "\"horizon_seconds\" : 60.0")));
    assertTrue(
        reasonFor(good + "{}").startsWith("not valid JSON: Trailing token"),
        reasonFor(good + "{}"));
    assertEquals("the document is not a JSON object", reasonFor("[1, 2]"));
  }

  @Test
  void anUnreadableFileIsSetAside() throws Exception {
    Files.createDirectory(dir.resolve("baselines.json"));
    SetAsideFile setAside = store().load().setAside().orElseThrow();
    assertTrue(setAside.reason().startsWith("cannot be read: "), setAside.reason());
    assertEquals(
        Optional.of(dir.resolve("baselines.json.corrupt-20250102T030405Z")), setAside.movedTo());
    store().save(new StoredBaselines(T0, SETTINGS, Map.of()));
    assertEquals(Map.of(), store().read().orElseThrow().servers());
  }

  @Test
  void readReportsWithoutMovingAnything() throws Exception {
    Path file = dir.resolve("baselines.json");
    Files.writeString(file, "not json");
    StateFileException error = assertThrows(StateFileException.class, () -> store().read());
    assertEquals(file, error.file());
    assertTrue(error.getMessage().startsWith(file + ": not valid JSON: "), error.getMessage());
    assertTrue(Files.exists(file));
  }

  private String reasonFor(String content) throws IOException {
    Files.write(dir.resolve("baselines.json"), content.getBytes(StandardCharsets.UTF_8));
    try {
      store().read();
      throw new AssertionError("accepted: " + content);
    } catch (StateFileException e) {
      return e.reason();
    }
  }

  private static List<String> names(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
