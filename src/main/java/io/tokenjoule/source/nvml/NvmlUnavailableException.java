package io.tokenjoule.source.nvml;

/**
 * The NVML library could not be loaded. The message is one sentence meant for the operator; the
 * cause holds JNA's details for debugging.
 */
public final class NvmlUnavailableException extends Exception {

  NvmlUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
