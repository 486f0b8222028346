package io.tokenjoule.kubernetes;

import java.util.Locale;

/**
 * What an NVIDIA device plugin's device ID says about a GPU: {@code GPU-<uuid>} is a whole GPU,
 * {@code GPU-<uuid>::<n>} replica n of a GPU shared by time-slicing or MPS, on that GPU; {@code
 * MIG-<uuid>} a MIG device, which names no GPU UUID. Pure.
 */
public final class GpuDeviceIds {

  private GpuDeviceIds() {}

  /** Whether the resource is one of NVIDIA's device plugin ({@code nvidia.com/...}). */
  public static boolean isNvidia(String resource) {
    return resource.startsWith("nvidia.com/");
  }

  /** Whether {@code deviceId} names the GPU {@code gpuUuid} whole or as a replica. */
  public static boolean names(String deviceId, String gpuUuid) {
    int replica = deviceId.indexOf("::");
    String gpu = replica < 0 ? deviceId : deviceId.substring(0, replica);
    return gpu.toLowerCase(Locale.ROOT).equals(gpuUuid.toLowerCase(Locale.ROOT));
  }
}
