package io.tokenjoule.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GpuRefTest {

  private static final String UUID = "GPU-5f3c9a2e-1b4d-4c6e-8f0a-2b3c4d5e6f70";
  private static final ConfigLocation HERE = new ConfigLocation("t.yaml", 3, 9, "gpus[0]");
  private static final ConfigLocation THERE = new ConfigLocation("t.yaml", 8, 12, "gpus[1]");

  @Test
  void readsIndices() {
    GpuRef ref = GpuRef.parse("3", HERE);
    assertEquals(new GpuRef.Index(3, HERE), ref);
    assertEquals("GPU 3", ref.displayName());
    assertEquals(HERE, ref.location());
  }

  @Test
  void readsUuidsAndKeepsTheirHexInLowerCase() {
    GpuRef ref = GpuRef.parse("GPU-5F3C9A2E-1B4D-4C6E-8F0A-2B3C4D5E6F70", HERE);
    GpuRef.Uuid uuid = assertInstanceOf(GpuRef.Uuid.class, ref);
    assertEquals(UUID, uuid.uuid());
    assertEquals(UUID, ref.displayName());
  }

  @Test
  void rejectsAnythingElseSayingWhatIsAllowed() {
    for (String text :
        new String[] {
          "", "-1", "x", "GPU-8f0c", "MIG-5f3c9a2e-1b4d-4c6e-8f0a-2b3c4d5e6f70", "99999999999"
        }) {
      assertEquals(
          "expected a GPU index such as 0 or a UUID such as"
              + " GPU-5f3c9a2e-1b4d-4c6e-8f0a-2b3c4d5e6f70 (as nvidia-smi -L prints it), got '"
              + text
              + "'",
          assertThrows(IllegalArgumentException.class, () -> GpuRef.parse(text, HERE), text)
              .getMessage());
    }
  }

  @Test
  void sameGpuComparesReferencesAsWrittenIgnoringWhere() {
    assertTrue(GpuRef.parse("1", HERE).sameGpuAs(GpuRef.parse("1", THERE)));
    assertFalse(GpuRef.parse("1", HERE).sameGpuAs(GpuRef.parse("2", HERE)));
    assertTrue(GpuRef.parse(UUID, HERE).sameGpuAs(GpuRef.parse(UUID.toUpperCase(), THERE)));
    assertFalse(GpuRef.parse("0", HERE).sameGpuAs(GpuRef.parse(UUID, HERE)));
  }

  @Test
  void allIncludesEveryGpuAndAListOnlyItsOwn() {
    assertTrue(GpuSelection.all().includes(GpuRef.parse("7", HERE)));
    GpuSelection listed =
        GpuSelection.of(List.of(GpuRef.parse("0", HERE), GpuRef.parse(UUID, THERE)));
    assertTrue(listed.includes(GpuRef.parse("0", THERE)));
    assertTrue(listed.includes(GpuRef.parse(UUID, HERE)));
    assertFalse(listed.includes(GpuRef.parse("1", HERE)));
    assertEquals("0, " + UUID, listed.toString());
  }

  @Test
  void aListMustBeNonEmptyWithoutRepeats() {
    assertThrows(IllegalArgumentException.class, () -> GpuSelection.of(List.of()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GpuSelection.of(List.of(GpuRef.parse("1", HERE), GpuRef.parse("1", THERE))));
    assertEquals("GPU 1 is listed twice", e.getMessage());
  }
}
