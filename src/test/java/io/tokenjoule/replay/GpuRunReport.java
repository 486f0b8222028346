package io.tokenjoule.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code scripts/gpu-acceptance/report.sh DIR}: the table of a GPU acceptance run (what {@code
 * run.sh} packed): every window the agent logged against the reference meter read at the same
 * instants and against the physical truth, per counting style; the agent's GPU energy against the
 * reference's; its footprint; and NVML's cost.
 */
public final class GpuRunReport {

  private final Path directory;
  private final List<Map<String, String>> windows;
  private final List<JsonNode> samples;

  private GpuRunReport(Path directory) throws IOException {
    this.directory = directory;
    this.windows = windowLines(directory.resolve("agent.log"));
    this.samples = samples(directory.resolve("samples.jsonl"));
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: report.sh DIR (an unpacked gpu-acceptance.tar.gz)");
      System.exit(2);
    }
    new GpuRunReport(Path.of(args[0])).print();
  }

  private void print() throws IOException {
    print(Files.readString(directory.resolve("environment.txt")).strip());
    printIfPresent("nvml-rss.txt");
    printIfPresent("nvml-cost.txt");
    for (String mode : List.of("step", "batch")) {
      Path reference = directory.resolve("ref-" + mode + ".jsonl");
      if (Files.isReadable(reference)) {
        printMode(mode, Recording.read(reference));
      }
    }
    printFootprint();
    printNativeMemory();
  }

  private void printMode(String mode, Recording recording) {
    double origin = recording.originEpochSeconds();
    List<WindowFigure> figures = new ArrayList<>();
    List<String> states = new ArrayList<>();
    for (Map<String, String> window : windows) {
      double start = number(window, "start") - origin;
      double end = number(window, "end") - origin;
      if (start >= 0 && end <= recording.duration()) {
        figures.add(
            new WindowFigure(
                start,
                end,
                number(window, "j_per_generated_token"),
                number(window, "uncertainty")));
        states.add(window.get("state"));
      }
    }
    PhysicalTokens physical = new PhysicalTokens(recording);
    ReplayVerdict truth = new ReplayVerdict(recording, physical, figures, 1);
    ReplayVerdict reference =
        new ReplayVerdict(recording::energyJoulesAt, recording::generatedAt, figures, 1);
    print("");
    print("## counting per " + mode + ": " + figures.size() + " windows");
    print(
        "| end s | window s | state | reference J/tok | truth J/tok | agent J/tok | dev vs truth"
            + " | bound | covered |");
    print("|---|---|---|---|---|---|---|---|---|");
    Map<WindowFigure, ReplayVerdict.Judged> judged = new HashMap<>();
    truth.judged().forEach(j -> judged.put(j.figure(), j));
    Map<WindowFigure, ReplayVerdict.Judged> referenced = new HashMap<>();
    reference.judged().forEach(j -> referenced.put(j.figure(), j));
    for (int i = 0; i < figures.size(); i++) {
      WindowFigure figure = figures.get(i);
      ReplayVerdict.Judged j = judged.get(figure);
      ReplayVerdict.Judged r = referenced.get(figure);
      print(
          String.format(
              Locale.ROOT,
              "| %.1f | %.1f | %s | %s | %s | %s | %s | %s | %s |",
              figure.endSeconds(),
              figure.lengthSeconds(),
              states.get(i),
              r == null ? "-" : format(r.truth()),
              j == null ? "-" : format(j.truth()),
              figure.measured() ? format(figure.joulesPerGeneratedToken()) : "-",
              j == null ? "-" : String.format(Locale.ROOT, "%+.2f%%", 100 * j.deviation()),
              figure.measured()
                  ? String.format(Locale.ROOT, "±%.2f%%", 100 * figure.uncertainty())
                  : "-",
              j == null ? "-" : (j.covered() ? "yes" : "NO")));
    }
    print("against the physical truth: " + truth.summary());
    print("against the reference at the same instants: " + reference.summary());
    print(
        "windows with tokens but no figure: "
            + truth.unmeasuredWithTokens()
            + "; states: "
            + states.stream().distinct().map(s -> s + " " + count(states, s)).toList());
    printEnergy(recording);
  }

  private static long count(List<String> states, String state) {
    return states.stream().filter(state::equals).count();
  }

  /** The agent's GPU energy counter against the reference's over the samples inside the run. */
  private void printEnergy(Recording recording) {
    double origin = recording.originEpochSeconds();
    JsonNode first = null;
    JsonNode last = null;
    for (JsonNode sample : samples) {
      double t = sample.get("t").asDouble() - origin;
      if (t >= 0 && t <= recording.duration() && !Double.isNaN(gpuEnergy(sample))) {
        first = first == null ? sample : first;
        last = sample;
      }
    }
    if (first == null || first == last) {
      print("GPU energy: no samples inside the run");
      return;
    }
    double t0 = first.get("t").asDouble() - origin;
    double t1 = last.get("t").asDouble() - origin;
    double agent = gpuEnergy(last) - gpuEnergy(first);
    double reference = recording.energyJoulesAt(t1) - recording.energyJoulesAt(t0);
    print(
        String.format(
            Locale.ROOT,
            "GPU energy over %.0f s: agent %.1f J, reference %.1f J, %+.2f%%",
            t1 - t0,
            agent,
            reference,
            100 * (agent / reference - 1)));
  }

  private void printFootprint() {
    if (samples.size() < 3) {
      return;
    }
    double[] rss = samples.stream().mapToDouble(s -> s.get("rss_kib").asDouble() / 1024).toArray();
    JsonNode from = samples.get(Math.min(30, samples.size() - 2));
    JsonNode to = samples.get(samples.size() - 1);
    double cpu =
        (to.get("cpu_s").asDouble() - from.get("cpu_s").asDouble())
            / (to.get("t").asDouble() - from.get("t").asDouble());
    double[] answers =
        samples.stream()
            .filter(s -> s.get("metrics_s").isNumber())
            .mapToDouble(s -> s.get("metrics_s").asDouble() * 1000)
            .sorted()
            .toArray();
    print("");
    print("## footprint (/metrics read every 2 s)");
    print(
        String.format(
            Locale.ROOT,
            "RSS mean %.1f MiB, max %.1f MiB; CPU %.2f%% of a core (from sample %d on);"
                + " /metrics answered in p50 %.1f ms, max %.1f ms",
            Arrays.stream(rss).average().orElse(Double.NaN),
            Arrays.stream(rss).max().orElse(Double.NaN),
            100 * cpu,
            samples.indexOf(from),
            answers.length == 0 ? Double.NaN : answers[answers.length / 2],
            answers.length == 0 ? Double.NaN : answers[answers.length - 1]));
    for (JsonNode line : to.get("page")) {
      String text = line.asText();
      if (text.startsWith("tokenjoule_nvml_call") || text.startsWith("tokenjoule_tick_")) {
        print("    " + text);
      }
    }
  }

  private void printNativeMemory() throws IOException {
    List<String> log = Files.readAllLines(directory.resolve("agent.log"));
    int start = -1;
    for (int i = 0; i < log.size(); i++) {
      if (log.get(i).startsWith("Native Memory Tracking")) {
        start = i;
      }
    }
    if (start < 0) {
      return;
    }
    print("");
    print("## native memory at exit (NMT summary, committed)");
    for (String line : log.subList(start, log.size())) {
      if (line.contains("committed=") && !line.startsWith("                            ")) {
        print("    " + line.strip());
      }
    }
  }

  private void printIfPresent(String file) throws IOException {
    Path path = directory.resolve(file);
    if (Files.isReadable(path)) {
      print(Files.readString(path).strip());
    }
  }

  private static double gpuEnergy(JsonNode sample) {
    for (JsonNode line : sample.get("page")) {
      String text = line.asText();
      if (text.startsWith("tokenjoule_gpu_energy_joules_total{")) {
        return Double.parseDouble(text.substring(text.lastIndexOf(' ') + 1));
      }
    }
    return Double.NaN;
  }

  private static List<Map<String, String>> windowLines(Path log) throws IOException {
    List<Map<String, String>> windows = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      if (!line.contains("msg=window ") && !line.endsWith("msg=window")) {
        continue;
      }
      Map<String, String> fields = new HashMap<>();
      for (String token : line.split(" ")) {
        int equals = token.indexOf('=');
        if (equals > 0) {
          fields.put(token.substring(0, equals), token.substring(equals + 1).replace("\"", ""));
        }
      }
      windows.add(fields);
    }
    return windows;
  }

  private static List<JsonNode> samples(Path file) throws IOException {
    List<JsonNode> samples = new ArrayList<>();
    if (!Files.isReadable(file)) {
      return samples;
    }
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        samples.add(json.readTree(line));
      }
    }
    return samples;
  }

  private static double number(Map<String, String> fields, String key) {
    String value = fields.get(key);
    return value == null ? Double.NaN : Double.parseDouble(value);
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static void print(String line) {
    System.out.println(line);
  }
}
