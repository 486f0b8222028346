package io.tokenjoule.proxy;

import io.micrometer.core.instrument.MeterRegistry;
import io.tokenjoule.account.AccountingSnapshot;
import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.account.economics.EconomicsSnapshot;
import io.tokenjoule.account.economics.ServerEconomics;
import io.tokenjoule.account.tenant.Charge;
import io.tokenjoule.account.tenant.TenantLedger;
import io.tokenjoule.account.tenant.TenantTick;
import io.tokenjoule.agent.LocalServer;
import io.tokenjoule.scrape.EngineCounters;
import io.tokenjoule.scrape.ServerReading;
import io.tokenjoule.source.GpuIdentity;
import java.util.List;
import java.util.Objects;

/**
 * The server behind the metering proxy, as the agent accounts it: its counters are the proxy's
 * (tokens per model, read each tick), its energy is its GPUs', and each tick that energy, its cost
 * and its carbon are split between the tenants whose requests finished ({@link TenantLedger}).
 */
public final class ProxyLocalServer implements LocalServer {

  /** The {@code engine} label of the proxy's server. */
  public static final String ENGINE = "proxy";

  private final String name;
  private final List<GpuIdentity> gpus;
  private final FinishedRequests finished;

  /**
   * @param finished the proxy's finished requests (a sink of the running proxy)
   */
  public ProxyLocalServer(String name, List<GpuIdentity> gpus, FinishedRequests finished) {
    this.name = Objects.requireNonNull(name, "name");
    this.gpus = List.copyOf(gpus);
    this.finished = finished;
    if (this.gpus.isEmpty()) {
      throw new IllegalArgumentException("the proxy's server " + name + " needs its GPUs");
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String engine() {
    return ENGINE;
  }

  @Override
  public List<GpuIdentity> gpus() {
    return gpus;
  }

  @Override
  public Feed open(MeterRegistry registry) {
    return new TenantFeed(new TenantEnergyMeters(registry));
  }

  /** One agent run: reads the counters, then splits what the tick charged the server. */
  private final class TenantFeed implements Feed {
    private final TenantEnergyMeters meters;
    private final TenantLedger ledger = new TenantLedger();
    private FinishedRequests.Drained drained;
    private Charge before = Charge.NONE;

    TenantFeed(TenantEnergyMeters meters) {
      this.meters = meters;
    }

    @Override
    public ServerReading read(double nowSeconds) {
      drained = finished.drain();
      EngineCounters counters = finished.counters();
      return counters == null ? null : new ServerReading(nowSeconds, 0, counters);
    }

    @Override
    public void accounted(AccountingSnapshot snapshot, EconomicsSnapshot economics) {
      int index = indexOf(snapshot);
      if (index < 0 || drained == null) {
        return;
      }
      ServerAccount account = snapshot.servers().get(index);
      ServerEconomics money = economics == null ? null : economics.servers().get(index);
      Charge total =
          new Charge(
              account.energyJoulesTotal(),
              money == null ? Double.NaN : money.energyCostTotal(),
              money == null ? Double.NaN : money.carbonGramsTotal());
      Charge increase = total.plus(before.times(-1));
      before = total;
      TenantTick tick = ledger.settle(increase, drained.busy(), drained.all(), account.split());
      meters.record(tick, drained.oneByOne(), economics == null ? null : economics.economics());
      drained = null;
    }

    private int indexOf(AccountingSnapshot snapshot) {
      for (int i = 0; i < snapshot.servers().size(); i++) {
        if (snapshot.servers().get(i).name().equals(name)) {
          return i;
        }
      }
      return -1;
    }
  }
}
