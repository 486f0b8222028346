package io.tokenjoule.source.nvml;

import java.util.Objects;

/**
 * An NVML call that did not return {@code NVML_SUCCESS}: carries the code, the C function and the
 * library's own message from {@code nvmlErrorString}.
 */
public final class NvmlException extends RuntimeException {

  private final NvmlReturn result;
  private final int code;
  private final String function;
  private final String libraryMessage;

  /**
   * @param code the raw {@code nvmlReturn_t}
   * @param function the C function name, for example {@code nvmlDeviceGetPowerUsage}
   * @param libraryMessage what {@code nvmlErrorString} says about {@code code}
   */
  public NvmlException(int code, String function, String libraryMessage) {
    this(code, function, libraryMessage, null);
  }

  NvmlException(int code, String function, String libraryMessage, Throwable cause) {
    super(
        function + " failed: " + NvmlReturn.of(code).label() + " (" + libraryMessage + ")", cause);
    this.result = NvmlReturn.of(code);
    this.code = code;
    this.function = Objects.requireNonNull(function, "function");
    this.libraryMessage = Objects.requireNonNull(libraryMessage, "libraryMessage");
  }

  public NvmlReturn result() {
    return result;
  }

  /** The raw code, which differs from {@code result().code()} only for unrecognized codes. */
  public int code() {
    return code;
  }

  public String function() {
    return function;
  }

  public String libraryMessage() {
    return libraryMessage;
  }

  /** See {@link NvmlReturn#isUnavailable()}. */
  public boolean isUnavailable() {
    return result.isUnavailable();
  }

  /** See {@link NvmlReturn#isBroken()}. */
  public boolean isBroken() {
    return result.isBroken();
  }
}
