package io.tokenjoule.source.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class NvmlLoaderTest {

  private static final String ABSENT = "tokenjoule-surely-absent-nvidia-ml";

  @Test
  void aMissingLibraryIsOneSentenceForTheOperator() {
    NvmlUnavailableException e =
        assertThrows(NvmlUnavailableException.class, () -> NvmlLoader.load(ABSENT));

    assertEquals(
        "NVML could not be loaded (tried "
            + ABSENT
            + "): GPU energy needs an installed NVIDIA driver, and `tokenjoule demo` runs"
            + " without a GPU.",
        e.getMessage());
    assertInstanceOf(UnsatisfiedLinkError.class, e.getCause());
    assertEquals(Optional.of(e.getMessage()), NvmlLoader.unavailableReason(ABSENT));
  }

  @Test
  void theDefaultLookupTriesTheVersionedSonameFirst() {
    assertEquals("libnvidia-ml.so.1", NvmlLoader.DEFAULT_NAMES.get(0));
    NvmlLoader.unavailableReason()
        .ifPresent(
            reason ->
                assertEquals(
                    "NVML could not be loaded (tried libnvidia-ml.so.1, nvidia-ml): GPU energy"
                        + " needs an installed NVIDIA driver, and `tokenjoule demo` runs without a"
                        + " GPU.",
                    reason));
  }

  @Test
  void aChosenLibraryIsLoadedByItsNameAndNoChoiceMeansTheDefault() throws Exception {
    NvmlUnavailableException chosen =
        assertThrows(NvmlUnavailableException.class, () -> NvmlLoader.loadChosen(ABSENT));
    assertEquals(NvmlLoader.unavailableReason(ABSENT), Optional.of(chosen.getMessage()));
    for (String none : new String[] {null, ""}) {
      Optional<String> defaultReason = NvmlLoader.unavailableReason();
      if (defaultReason.isPresent()) {
        NvmlUnavailableException e =
            assertThrows(NvmlUnavailableException.class, () -> NvmlLoader.loadChosen(none));
        assertEquals(defaultReason.get(), e.getMessage());
      } else {
        assertEquals(NvmlLoader.load(), NvmlLoader.loadChosen(none));
      }
    }
  }
}
