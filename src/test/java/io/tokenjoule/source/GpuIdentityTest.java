package io.tokenjoule.source;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GpuIdentityTest {

  private final GpuIdentity gpu =
      new GpuIdentity(3, "GPU-5f3c9a2e-1b4d-4c6e-8f0a-2b3c4d5e6f70", "NVIDIA H100 80GB HBM3");

  @Test
  void isNamedByItsIndexOrItsUuidInAnyCase() {
    assertTrue(gpu.isNamedBy("3"));
    assertTrue(gpu.isNamedBy(" 3 "));
    assertTrue(gpu.isNamedBy("GPU-5F3C9A2E-1B4D-4C6E-8F0A-2B3C4D5E6F70"));
    assertFalse(gpu.isNamedBy("30"));
    assertFalse(gpu.isNamedBy("99999999999"));
    assertFalse(gpu.isNamedBy("GPU-5f3c9a2e"));
    assertFalse(gpu.isNamedBy(""));
  }
}
