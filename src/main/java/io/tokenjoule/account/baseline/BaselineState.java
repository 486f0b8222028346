package io.tokenjoule.account.baseline;

import java.util.List;

/**
 * Everything a {@link ServerBaseline} knows, as plain values to persist and restore. Immutable.
 *
 * @param lastSampleEpochSeconds when the last sample was taken (epoch seconds), NaN if never
 * @param slots every slot kept, in bucket order and then time order
 */
public record BaselineState(double lastSampleEpochSeconds, List<SlotState> slots) {

  /** Nothing learned. */
  public static final BaselineState EMPTY = new BaselineState(Double.NaN, List.of());

  public BaselineState {
    slots = List.copyOf(slots);
    if (Double.isInfinite(lastSampleEpochSeconds)) {
      throw new IllegalArgumentException("the last sample time must be finite or NaN");
    }
  }
}
