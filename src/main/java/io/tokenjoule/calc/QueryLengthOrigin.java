package io.tokenjoule.calc;

/** Where the number of tokens in a query came from, so a report can say so. */
public enum QueryLengthOrigin {
  /** {@link CalculatorInput#DEFAULT_QUERY_TOKENS}. */
  DEFAULT,
  /** Given by the user. */
  GIVEN,
  /** Measured: tokens per finished request over the measured range. */
  MEASURED
}
