package io.tokenjoule.source.nvml;

import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * {@code nvmlProcessUtilizationSample_t}: one process's utilisation over one of the driver's sample
 * periods. On LP64 the C layout is pid at 0, 4 bytes of padding, timeStamp at 8, then the four
 * utilisations at 16, 20, 24 and 28: 32 bytes.
 */
@FieldOrder({"pid", "timeStamp", "smUtil", "memUtil", "encUtil", "decUtil"})
public final class NvmlProcessUtilizationSample extends Structure {
  /** {@code unsigned int}: the process id. */
  public int pid;

  /** {@code unsigned long long}: CPU timestamp of the sample, microseconds. */
  public long timeStamp;

  /** {@code unsigned int}: SM (3D/compute) utilisation, percent. */
  public int smUtil;

  /** {@code unsigned int}: frame buffer memory utilisation, percent. */
  public int memUtil;

  /** {@code unsigned int}: encoder utilisation, percent. */
  public int encUtil;

  /** {@code unsigned int}: decoder utilisation, percent. */
  public int decUtil;
}
