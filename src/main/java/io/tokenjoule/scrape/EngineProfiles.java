package io.tokenjoule.scrape;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of engine profiles, one per inference engine, and recognition of an engine from the
 * sample names on its page. Immutable and thread-safe.
 */
public final class EngineProfiles {

  /**
   * Detection order: a profile comes before any whose names its pages may also carry. Triton's vLLM
   * backend writes {@code vllm:} metrics next to Triton's own, so Triton comes first; engines whose
   * pages are recognised by their own name prefix ({@code sglang:}, {@code tgi_}, {@code
   * llamacpp:}) come before vLLM, whose recognition falls back to any {@code vllm:} name. The
   * {@code generic} profile is built per server from configuration and is never detected.
   */
  private static final List<EngineProfile> ALL =
      List.of(
          new TritonProfile(),
          new SglangProfile(),
          new TgiProfile(),
          new LlamaCppProfile(),
          new VllmProfile(),
          new LmdeployProfile(),
          new TrtllmServeProfile(),
          new NimProfile(),
          new LocalAiProfile());

  private static final Set<String> NAMES;

  static {
    Set<String> names = new LinkedHashSet<>();
    for (EngineProfile profile : ALL) {
      names.add(profile.engine());
    }
    NAMES = Collections.unmodifiableSet(names);
  }

  private EngineProfiles() {}

  /** Which profile recognised a page, and why. */
  public record Detection(EngineProfile profile, String reason) {
    public Detection {
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Every profile, in the order {@link #detect} tries them. */
  public static List<EngineProfile> all() {
    return ALL;
  }

  /** The profile whose {@link EngineProfile#engine()} is {@code name}. */
  public static Optional<EngineProfile> byName(String name) {
    Objects.requireNonNull(name, "name");
    return ALL.stream().filter(profile -> profile.engine().equals(name)).findFirst();
  }

  /** The engine names, in registry order. */
  public static Set<String> names() {
    return NAMES;
  }

  /** The first profile that recognises a page with these sample names. */
  public static Optional<Detection> detect(Set<String> sampleNames) {
    Objects.requireNonNull(sampleNames, "sampleNames");
    for (EngineProfile profile : ALL) {
      Optional<String> reason = profile.recognise(sampleNames);
      if (reason.isPresent()) {
        return Optional.of(new Detection(profile, reason.get()));
      }
    }
    return Optional.empty();
  }
}
