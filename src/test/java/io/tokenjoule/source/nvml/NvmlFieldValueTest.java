package io.tokenjoule.source.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

class NvmlFieldValueTest {

  /** nvmlFieldValue_t as laid out by a C compiler on LP64: offsets 0, 4, 8, 16, 24, 28, 32. */
  @Test
  void matchesTheCLayoutOfNvmlFieldValue() {
    NvmlFieldValue[] values = (NvmlFieldValue[]) new NvmlFieldValue().toArray(2);
    assertEquals(40, values[0].size());
    Pointer memory = values[0].getPointer();
    assertEquals(40, Pointer.nativeValue(values[1].getPointer()) - Pointer.nativeValue(memory));

    Pointer second = values[1].getPointer();
    second.setInt(0, NvmlLibrary.NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION);
    second.setInt(4, 3);
    second.setLong(8, 1_700_000_000_000_000L);
    second.setLong(16, 250L);
    second.setInt(24, NvmlLibrary.NVML_VALUE_TYPE_UNSIGNED_LONG_LONG);
    second.setInt(28, NvmlLibrary.NVML_ERROR_NOT_SUPPORTED);
    second.setLong(32, 987_654_321_012L);
    values[1].read();

    assertEquals(83, values[1].fieldId);
    assertEquals(3, values[1].scopeId);
    assertEquals(1_700_000_000_000_000L, values[1].timestamp);
    assertEquals(250L, values[1].latencyUsec);
    assertEquals(NvmlLibrary.NVML_ERROR_NOT_SUPPORTED, values[1].nvmlReturn);
    assertEquals(987_654_321_012.0, values[1].valueAsDouble());
  }

  @Test
  void decodesTheUnionByValueType() {
    NvmlFieldValue value = new NvmlFieldValue();
    Pointer union = value.getPointer().share(32);

    union.setLong(0, -1L);
    assertEquals(
        1.8446744073709552e19, decode(value, NvmlLibrary.NVML_VALUE_TYPE_UNSIGNED_LONG_LONG));
    assertEquals(-1.0, decode(value, NvmlLibrary.NVML_VALUE_TYPE_SIGNED_LONG_LONG));
    assertEquals(1.8446744073709552e19, decode(value, NvmlLibrary.NVML_VALUE_TYPE_UNSIGNED_LONG));

    union.setLong(0, 0);
    union.setInt(0, 0xFFFF_FFFF);
    assertEquals(4_294_967_295.0, decode(value, NvmlLibrary.NVML_VALUE_TYPE_UNSIGNED_INT));
    assertEquals(-1.0, decode(value, NvmlLibrary.NVML_VALUE_TYPE_SIGNED_INT));
    assertEquals(65_535.0, decode(value, NvmlLibrary.NVML_VALUE_TYPE_UNSIGNED_SHORT));

    union.setDouble(0, 61.25);
    assertEquals(61.25, decode(value, NvmlLibrary.NVML_VALUE_TYPE_DOUBLE));

    assertTrue(Double.isNaN(decode(value, 7)));
  }

  @Test
  void convertsUnsignedLongLongToTheNearestDouble() {
    assertEquals(0.0, NvmlValue.unsignedToDouble(0));
    assertEquals(9.223372036854775807e18, NvmlValue.unsignedToDouble(Long.MAX_VALUE));
    assertEquals(9.223372036854775808e18, NvmlValue.unsignedToDouble(Long.MIN_VALUE));
    assertEquals(Double.parseDouble(Long.toUnsignedString(-3L)), NvmlValue.unsignedToDouble(-3L));
  }

  private static double decode(NvmlFieldValue value, int valueType) {
    value.getPointer().setInt(24, valueType);
    value.read();
    return value.valueAsDouble();
  }
}
