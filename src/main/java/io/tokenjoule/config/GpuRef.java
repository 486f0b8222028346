package io.tokenjoule.config;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A GPU as the configuration names it: by the driver's index or by UUID, together with where it was
 * written, so that run-time errors such as "GPU 3 does not exist" can name the line to fix.
 *
 * <p>Which physical GPU an index means is only known at run time, so {@link #sameGpuAs} compares
 * references as written: index with index, UUID with UUID.
 */
public sealed interface GpuRef permits GpuRef.Index, GpuRef.Uuid {

  /** How a GPU reference is described in messages, after "expected". */
  String EXPECTED =
      "a GPU index such as 0 or a UUID such as GPU-5f3c9a2e-1b4d-4c6e-8f0a-2b3c4d5e6f70"
          + " (as nvidia-smi -L prints it)";

  /** Where this reference was written. */
  ConfigLocation location();

  /** {@code GPU 0} or the UUID, for messages. */
  String displayName();

  /** The reference as a GPU source selects GPUs: the index ({@code 0}) or the UUID. */
  default String selector() {
    return this instanceof Index index ? Integer.toString(index.index()) : displayName();
  }

  /** Whether both name the same GPU the same way; locations are not compared. */
  boolean sameGpuAs(GpuRef other);

  /**
   * Reads {@code 0} as an index and {@code GPU-<uuid>} as a UUID.
   *
   * @throws IllegalArgumentException saying what is allowed, when {@code text} is neither
   */
  static GpuRef parse(String text, ConfigLocation location) {
    if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return new Index(Integer.parseInt(text), location);
      } catch (NumberFormatException tooLarge) {
        // falls through to the general message
      }
    } else if (Uuid.SYNTAX.matcher(text).matches()) {
      return new Uuid(text, location);
    }
    throw new IllegalArgumentException("expected " + EXPECTED + ", got '" + text + "'");
  }

  /** A GPU by the driver's index, as in {@code nvidia-smi -i 0}. */
  record Index(int index, ConfigLocation location) implements GpuRef {
    public Index {
      if (index < 0) {
        throw new IllegalArgumentException("GPU index must be >= 0, got " + index);
      }
      Objects.requireNonNull(location, "location");
    }

    @Override
    public String displayName() {
      return "GPU " + index;
    }

    @Override
    public boolean sameGpuAs(GpuRef other) {
      return other instanceof Index o && o.index == index;
    }
  }

  /**
   * A GPU by UUID, {@code GPU-} followed by a UUID. The hexadecimal digits are kept in lower case,
   * as NVML reports them.
   */
  record Uuid(String uuid, ConfigLocation location) implements GpuRef {
    static final Pattern SYNTAX =
        Pattern.compile(
            "GPU-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public Uuid {
      Objects.requireNonNull(uuid, "uuid");
      Objects.requireNonNull(location, "location");
      if (!SYNTAX.matcher(uuid).matches()) {
        throw new IllegalArgumentException("expected " + EXPECTED + ", got '" + uuid + "'");
      }
      uuid = uuid.toLowerCase(Locale.ROOT).replace("gpu-", "GPU-");
    }

    @Override
    public String displayName() {
      return uuid;
    }

    @Override
    public boolean sameGpuAs(GpuRef other) {
      return other instanceof Uuid o && o.uuid.equals(uuid);
    }
  }
}
