package io.tokenjoule.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a YAML list of GPU indices and UUIDs, reporting bad entries and GPUs listed twice. */
final class GpuListReader {

  private GpuListReader() {}

  /**
   * @param expected what {@code at} should be, for the message when it is not a non-empty list
   * @return the valid references in order (without the bad ones or repeats), or empty when {@code
   *     at} is not a non-empty list; any problem is reported
   */
  static Optional<List<GpuRef>> read(Located at, String expected, Problems problems) {
    if (!(at.node() instanceof YamlNode.Sequence list) || list.items().isEmpty()) {
      problems.add(at.location(), "expected " + expected + ", got " + at.node().describe());
      return Optional.empty();
    }
    List<GpuRef> refs = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      Located item = at.item(i, list.items().get(i));
      Optional<GpuRef> ref =
          item.parse(problems, GpuRef.EXPECTED, text -> GpuRef.parse(text, item.location()));
      if (ref.isEmpty()) {
        continue;
      }
      Optional<GpuRef> first = refs.stream().filter(ref.get()::sameGpuAs).findFirst();
      if (first.isPresent()) {
        problems.add(
            item.location(),
            ref.get().displayName()
                + " is listed twice (first at "
                + first.get().location().position()
                + "); list each GPU once");
      } else {
        refs.add(ref.get());
      }
    }
    return Optional.of(refs);
  }
}
