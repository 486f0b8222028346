package io.tokenjoule.source.nvml;

import io.tokenjoule.source.GpuIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The GPUs an operator's selection names among those NVML finds: entries that are indices ({@code
 * "0"}, as {@code nvidia-smi -i} takes them) or UUIDs ({@code "GPU-..."}, case-insensitive). No
 * entries means every GPU. (The configuration's own {@code GpuSelection} is what was written; this
 * resolves its selectors on the host.)
 */
final class SelectedGpus {

  private SelectedGpus() {}

  /**
   * The selected GPUs among {@code present}, in index order, each once.
   *
   * @param unreadable GPUs NVML lists but whose identity could not be read, index to reason
   * @throws IllegalArgumentException naming every entry that matches no readable GPU, and listing
   *     the GPUs present
   */
  static List<GpuIdentity> resolve(
      List<String> selection, List<GpuIdentity> present, Map<Integer, String> unreadable) {
    if (selection.isEmpty()) {
      return List.copyOf(present);
    }
    TreeSet<Integer> chosen = new TreeSet<>();
    List<String> unmatched = new ArrayList<>();
    for (String raw : selection) {
      int position = find(raw, present);
      if (position < 0) {
        unmatched.add("'" + raw + "'");
      } else {
        chosen.add(position);
      }
    }
    if (!unmatched.isEmpty()) {
      throw new IllegalArgumentException(
          "GPU selection "
              + String.join(", ", unmatched)
              + (unmatched.size() == 1 ? " matches" : " match")
              + " no GPU on this host; present: "
              + describe(present, unreadable));
    }
    List<GpuIdentity> result = new ArrayList<>(chosen.size());
    for (int position : chosen) {
      result.add(present.get(position));
    }
    return List.copyOf(result);
  }

  private static int find(String entry, List<GpuIdentity> present) {
    for (int i = 0; i < present.size(); i++) {
      if (present.get(i).isNamedBy(entry)) {
        return i;
      }
    }
    return -1;
  }

  private static String describe(List<GpuIdentity> present, Map<Integer, String> unreadable) {
    List<String> parts =
        present.stream()
            .map(g -> g.index() + " " + g.uuid() + " (" + g.model() + ")")
            .collect(Collectors.toCollection(ArrayList::new));
    unreadable.forEach((index, reason) -> parts.add(index + " unreadable: " + reason));
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }
}
