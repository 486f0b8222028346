package io.tokenjoule.bench;

import io.tokenjoule.scrape.EngineCounters;
import io.tokenjoule.scrape.EngineProfile;
import io.tokenjoule.scrape.ExpositionFormat;
import io.tokenjoule.scrape.ExpositionLimitException;
import io.tokenjoule.scrape.ExpositionParser;
import io.tokenjoule.scrape.MissingMetricsException;
import io.tokenjoule.scrape.ParseResult;
import io.tokenjoule.scrape.ParserLimits;
import io.tokenjoule.scrape.SampleSelector;
import io.tokenjoule.scrape.VllmProfile;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The exposition parser on a ~100 KB vLLM page ({@code fixtures/vllm/v1-bench-100k.txt}): with the
 * vLLM profile's selector (what the agent does every tick), with that plus extraction, and with
 * every sample kept (what {@code probe} does).
 *
 * <p>The {@code bytes} secondary result is throughput in bytes per second. Run: {@code mvn -o -q
 * -Pbench test-compile exec:exec -Dbench=ParserBenchmark}; for allocation rates run JMH directly
 * with {@code -prof gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ParserBenchmark {

  private static final String PAGE = "/fixtures/vllm/v1-bench-100k.txt";

  private byte[] page;
  private final EngineProfile vllm = new VllmProfile();
  private final SampleSelector vllmSelector = SampleSelector.names(vllm.sampleNames());
  private final SampleSelector all = SampleSelector.all();

  /** Counts the bytes parsed, so JMH reports bytes per second next to operations per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  @Setup
  public void load() throws IOException {
    try (InputStream in = ParserBenchmark.class.getResourceAsStream(PAGE)) {
      if (in == null) {
        throw new IOException("missing " + PAGE);
      }
      page = in.readAllBytes();
    }
  }

  @Benchmark
  public ParseResult vllmSelected(Bytes counter) throws ExpositionLimitException {
    counter.bytes += page.length;
    return ExpositionParser.parse(
        page, ExpositionFormat.PROMETHEUS_TEXT, vllmSelector, ParserLimits.DEFAULT);
  }

  @Benchmark
  public EngineCounters vllmSelectedAndExtracted(Bytes counter)
      throws ExpositionLimitException, MissingMetricsException {
    counter.bytes += page.length;
    return vllm.extract(
        ExpositionParser.parse(
                page, ExpositionFormat.PROMETHEUS_TEXT, vllmSelector, ParserLimits.DEFAULT)
            .samples());
  }

  @Benchmark
  public ParseResult allSamples(Bytes counter) throws ExpositionLimitException {
    counter.bytes += page.length;
    return ExpositionParser.parse(
        page, ExpositionFormat.PROMETHEUS_TEXT, all, ParserLimits.DEFAULT);
  }
}
