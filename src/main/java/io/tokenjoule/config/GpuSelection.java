package io.tokenjoule.config;

import java.util.List;
import java.util.stream.Collectors;

/** Which GPUs the agent reads: every GPU the driver shows, or the listed ones. */
public sealed interface GpuSelection permits GpuSelection.All, GpuSelection.Listed {

  static GpuSelection all() {
    return new All();
  }

  static GpuSelection of(List<GpuRef> refs) {
    return new Listed(refs);
  }

  /**
   * Whether a server may run on {@code ref}: always for {@link All}; for {@link Listed}, when the
   * list names the same GPU the same way (see {@link GpuRef#sameGpuAs}).
   */
  boolean includes(GpuRef ref);

  /** The selection as a GPU source takes it: indices or UUIDs, empty for every GPU. */
  default List<String> selectors() {
    return this instanceof Listed listed
        ? listed.refs().stream().map(GpuRef::selector).toList()
        : List.of();
  }

  /** Every GPU the driver shows. */
  record All() implements GpuSelection {
    @Override
    public boolean includes(GpuRef ref) {
      return true;
    }

    @Override
    public String toString() {
      return "all";
    }
  }

  /**
   * The listed GPUs only.
   *
   * @param refs not empty, no GPU twice
   */
  record Listed(List<GpuRef> refs) implements GpuSelection {
    public Listed {
      refs = List.copyOf(refs);
      if (refs.isEmpty()) {
        throw new IllegalArgumentException("a GPU list must not be empty; use all instead");
      }
      for (int i = 0; i < refs.size(); i++) {
        for (int j = 0; j < i; j++) {
          if (refs.get(i).sameGpuAs(refs.get(j))) {
            throw new IllegalArgumentException(refs.get(i).displayName() + " is listed twice");
          }
        }
      }
    }

    @Override
    public boolean includes(GpuRef ref) {
      return refs.stream().anyMatch(ref::sameGpuAs);
    }

    /** {@code 0, 1, GPU-...}, as in messages. */
    @Override
    public String toString() {
      return refs.stream().map(GpuRef::selector).collect(Collectors.joining(", "));
    }
  }
}
