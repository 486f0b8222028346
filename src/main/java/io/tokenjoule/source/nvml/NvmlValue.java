package io.tokenjoule.source.nvml;

import com.sun.jna.NativeLong;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.Union;

/**
 * {@code nvmlValue_t}: the union holding a field value. Which member is meaningful is given by the
 * enclosing {@link NvmlFieldValue#valueType}; {@link #asDouble(int)} reads the right one.
 */
@FieldOrder({"dVal", "siVal", "uiVal", "ulVal", "ullVal", "sllVal", "usVal"})
public final class NvmlValue extends Union {
  public double dVal;
  public int siVal;

  /** {@code unsigned int}. */
  public int uiVal;

  /** {@code unsigned long}: 8 bytes on Linux, 4 on Windows. */
  public NativeLong ulVal;

  /** {@code unsigned long long}. */
  public long ullVal;

  public long sllVal;

  /** {@code unsigned short}. */
  public short usVal;

  /**
   * The member named by {@code valueType} (an {@code NVML_VALUE_TYPE_*} constant) as a double,
   * unsigned members read as unsigned; {@code NaN} for a type this binding does not know.
   */
  public double asDouble(int valueType) {
    switch (valueType) {
      case NvmlLibrary.NVML_VALUE_TYPE_DOUBLE:
        return dVal;
      case NvmlLibrary.NVML_VALUE_TYPE_UNSIGNED_INT:
        return Integer.toUnsignedLong(uiVal);
      case NvmlLibrary.NVML_VALUE_TYPE_UNSIGNED_LONG:
        return NativeLong.SIZE == Long.BYTES
            ? unsignedToDouble(ulVal.longValue())
            : Integer.toUnsignedLong(ulVal.intValue());
      case NvmlLibrary.NVML_VALUE_TYPE_UNSIGNED_LONG_LONG:
        return unsignedToDouble(ullVal);
      case NvmlLibrary.NVML_VALUE_TYPE_SIGNED_LONG_LONG:
        return sllVal;
      case NvmlLibrary.NVML_VALUE_TYPE_SIGNED_INT:
        return siVal;
      case NvmlLibrary.NVML_VALUE_TYPE_UNSIGNED_SHORT:
        return Short.toUnsignedInt(usVal);
      default:
        return Double.NaN;
    }
  }

  /** {@code unsigned long long} held in a Java long, to the nearest double. */
  static double unsignedToDouble(long value) {
    if (value >= 0) {
      return value;
    }
    // Halve (keeping the low bit so rounding stays correct), convert, double back.
    return ((value >>> 1) | (value & 1)) * 2.0;
  }
}
