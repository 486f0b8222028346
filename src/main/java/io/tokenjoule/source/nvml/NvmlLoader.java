package io.tokenjoule.source.nvml;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads {@code libnvidia-ml} through JNA. Nothing is loaded until asked, and a missing library is
 * reported as an {@link NvmlUnavailableException} with one sentence for the operator, never as an
 * error while classes load.
 *
 * <p>The default library is looked up once per JVM (a lazy holder), trying {@link #DEFAULT_NAMES}
 * in order. Thread-safe.
 */
public final class NvmlLoader {

  /**
   * Tried in order: the versioned soname the driver installs (so a missing {@code -dev} symlink
   * does not matter), then JNA's platform lookup of {@code nvidia-ml}.
   */
  public static final List<String> DEFAULT_NAMES = List.of("libnvidia-ml.so.1", "nvidia-ml");

  private NvmlLoader() {}

  /** The default NVML library, loaded on first use and cached. */
  public static NvmlLibrary load() throws NvmlUnavailableException {
    return DefaultLibrary.OUTCOME.get();
  }

  /**
   * Loads NVML from an explicit library name (as JNA resolves it, for example {@code nvidia-ml}) or
   * absolute path (for example {@code /usr/lib64/libnvidia-ml.so.1}). Not cached by this class.
   */
  public static NvmlLibrary load(String nameOrPath) throws NvmlUnavailableException {
    Objects.requireNonNull(nameOrPath, "nameOrPath");
    return attempt(List.of(nameOrPath)).get();
  }

  /**
   * The library an operator chose, as a flag or a configuration key gives it: {@link #load(String)}
   * for a name or path, {@link #load()} when none was given (null or empty).
   */
  public static NvmlLibrary loadChosen(String nameOrPath) throws NvmlUnavailableException {
    return nameOrPath == null || nameOrPath.isEmpty() ? load() : load(nameOrPath);
  }

  /** Why the default library cannot be loaded, or empty when it can. For tests and probes. */
  public static Optional<String> unavailableReason() {
    return DefaultLibrary.OUTCOME.failureMessage();
  }

  /** Why the library at {@code nameOrPath} cannot be loaded, or empty when it can. */
  public static Optional<String> unavailableReason(String nameOrPath) {
    return attempt(List.of(nameOrPath)).failureMessage();
  }

  private static Outcome attempt(List<String> names) {
    LinkageError last = null;
    for (String name : names) {
      try {
        return new Outcome(
            Native.load(
                name,
                NvmlLibrary.class,
                Map.of(Library.OPTION_STRING_ENCODING, StandardCharsets.UTF_8.name())),
            null);
      } catch (LinkageError e) { // UnsatisfiedLinkError, or JNA's own native part missing
        if (last != null) {
          e.addSuppressed(last);
        }
        last = e;
      }
    }
    String message =
        "NVML could not be loaded (tried "
            + String.join(", ", names)
            + "): GPU energy needs an installed NVIDIA driver, and `tokenjoule demo` runs without a"
            + " GPU.";
    return new Outcome(null, new NvmlUnavailableException(message, last));
  }

  private record Outcome(NvmlLibrary library, NvmlUnavailableException failure) {
    NvmlLibrary get() throws NvmlUnavailableException {
      if (library == null) {
        // A fresh exception per caller, so stack traces point at the caller, not the first load.
        throw new NvmlUnavailableException(failure.getMessage(), failure.getCause());
      }
      return library;
    }

    Optional<String> failureMessage() {
      return library == null ? Optional.of(failure.getMessage()) : Optional.empty();
    }
  }

  private static final class DefaultLibrary {
    static final Outcome OUTCOME = attempt(DEFAULT_NAMES);
  }
}
