package io.tokenjoule.energybench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenjoule.source.EnergyMethod;
import io.tokenjoule.source.GpuEnergySource;
import io.tokenjoule.source.GpuGauges;
import io.tokenjoule.source.GpuIdentity;
import io.tokenjoule.source.GpuReading;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpuSourceMeterTest {

  private static final GpuIdentity G0 = new GpuIdentity(0, "GPU-a", "H100");
  private static final GpuIdentity G1 = new GpuIdentity(1, "GPU-b", "H100");

  /** Plays back scripted readings. */
  private static final class Scripted implements GpuEnergySource {
    final Deque<List<GpuReading>> script = new ArrayDeque<>();

    @Override
    public String sourceLabel() {
      return "nvml";
    }

    @Override
    public List<GpuIdentity> gpus() {
      return List.of(G0, G1);
    }

    @Override
    public List<GpuReading> read() {
      return script.removeFirst();
    }

    @Override
    public String driverVersion() {
      return "test";
    }

    @Override
    public void close() {}
  }

  private static GpuReading up(GpuIdentity gpu, double t, double joules) {
    return new GpuReading.Up(
        gpu, t, 0, joules, EnergyMethod.COUNTER, 0.1, Double.NaN, GpuGauges.UNKNOWN);
  }

  @Test
  void sumsGpusAndCorrectsEachGpusResetOnItsOwn() throws Exception {
    Scripted source = new Scripted();
    source.script.add(List.of(up(G0, 1.0, 1000), up(G1, 1.2, 5000)));
    source.script.add(List.of(up(G0, 2.0, 1100), up(G1, 2.2, 5300)));
    source.script.add(List.of(up(G0, 3.0, 20), up(G1, 3.2, 5500))); // GPU 0's driver reloaded
    GpuSourceMeter meter = new GpuSourceMeter(source);
    EnergyMeter.Reading first = meter.read();
    assertEquals(1.1, first.timestampSeconds(), 1e-12);
    assertEquals(0, first.joules());
    assertEquals(400, meter.read().joules(), 1e-9);
    assertEquals(400 + 20 + 200, meter.read().joules(), 1e-9);
    assertEquals(List.of("0", "1"), meter.gpus());
  }

  @Test
  void aGpuThatCannotBeReadFailsTheReading() {
    Scripted source = new Scripted();
    source.script.add(
        List.of(
            up(G0, 1.0, 1000), new GpuReading.Down(G1, 1.0, "gpu_is_lost", "fell off the bus")));
    EnergyMeter.EnergyReadException e =
        assertThrows(
            EnergyMeter.EnergyReadException.class, () -> new GpuSourceMeter(source).read());
    assertTrue(e.getMessage().contains("GPU 1 cannot be read: fell off the bus"), e.getMessage());
  }
}
