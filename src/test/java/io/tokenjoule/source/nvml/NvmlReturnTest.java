package io.tokenjoule.source.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NvmlReturnTest {

  @Test
  void mapsCodesFromNvmlHeaderToLabelSafeNames() {
    assertEquals(NvmlReturn.SUCCESS, NvmlReturn.of(0));
    assertEquals(NvmlReturn.NOT_SUPPORTED, NvmlReturn.of(3));
    assertEquals(NvmlReturn.GPU_IS_LOST, NvmlReturn.of(15));
    assertEquals(NvmlReturn.RESET_TYPE_NOT_SUPPORTED, NvmlReturn.of(30));
    assertEquals(NvmlReturn.UNKNOWN, NvmlReturn.of(999));
    assertEquals("gpu_is_lost", NvmlReturn.GPU_IS_LOST.label());
    assertEquals("lib_rm_version_mismatch", NvmlReturn.of(18).label());
    for (NvmlReturn r : NvmlReturn.values()) {
      assertTrue(r.label().matches("[a-z_]+"), r.label());
    }
  }

  @Test
  void codesOutsideTheHeaderAreUnrecognizedAndBroken() {
    assertEquals(NvmlReturn.UNRECOGNIZED, NvmlReturn.of(31));
    assertEquals(NvmlReturn.UNRECOGNIZED, NvmlReturn.of(-1));
    assertTrue(NvmlReturn.of(31).isBroken());
  }

  @Test
  void separatesUnavailableFeaturesFromBrokenGpus() {
    Set<NvmlReturn> unavailable = EnumSet.noneOf(NvmlReturn.class);
    for (NvmlReturn r : NvmlReturn.values()) {
      if (r.isUnavailable()) {
        unavailable.add(r);
        assertFalse(r.isBroken(), r.label());
      }
    }
    assertEquals(
        EnumSet.of(
            NvmlReturn.NOT_SUPPORTED,
            NvmlReturn.NO_PERMISSION,
            NvmlReturn.FUNCTION_NOT_FOUND,
            NvmlReturn.DEPRECATED,
            NvmlReturn.LIBRARY_NOT_FOUND,
            NvmlReturn.DRIVER_NOT_LOADED,
            NvmlReturn.VGPU_ECC_NOT_SUPPORTED,
            NvmlReturn.FREQ_NOT_SUPPORTED,
            NvmlReturn.ARGUMENT_VERSION_MISMATCH),
        unavailable);
    assertTrue(NvmlReturn.GPU_IS_LOST.isBroken());
    assertTrue(NvmlReturn.UNKNOWN.isBroken());
    assertTrue(NvmlReturn.TIMEOUT.isBroken());
    assertFalse(NvmlReturn.SUCCESS.isBroken());
    assertFalse(NvmlReturn.SUCCESS.isUnavailable());
  }
}
