package io.tokenjoule.scrape.discovery;

import io.tokenjoule.scrape.discovery.ProcessTable.ProcessInfo;
import io.tokenjoule.source.GpuProcesses;
import io.tokenjoule.source.GpuProcesses.GpuCompute;
import io.tokenjoule.source.GpuProcesses.GpuProcessesUnavailableException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The GPU processes of a server known only by its URL (a configured server), as discovery knows
 * those of the servers it finds: the process listening on the URL's port ({@link PortOwner}), the
 * server's process tree around it (up to its top process, then every descendant, as {@link
 * ServerProcessTree} walks it), and of those the ones NVML lists as compute processes on the
 * server's GPUs. Thread-safe when its parts are.
 */
public final class ListenerProcesses {

  /**
   * The server's GPU processes, or why they are not known.
   *
   * @param pids its processes on its GPUs, in the host's pid namespace; empty when not found
   * @param whyNot one sentence saying what failed, empty when {@code pids} is not
   */
  public record Resolution(Set<Long> pids, String whyNot) {
    public Resolution {
      pids = Set.copyOf(pids);
      Objects.requireNonNull(whyNot, "whyNot");
    }

    static Resolution failed(String why) {
      return new Resolution(Set.of(), why);
    }
  }

  private final PortOwner ports;
  private final ProcessTable processes;
  private final GpuProcesses gpus;

  public ListenerProcesses(PortOwner ports, ProcessTable processes, GpuProcesses gpus) {
    this.ports = Objects.requireNonNull(ports, "ports");
    this.processes = Objects.requireNonNull(processes, "processes");
    this.gpus = Objects.requireNonNull(gpus, "gpus");
  }

  /**
   * @param url the server's metrics URL; only a server on this host can be found
   * @param gpuUuids the GPUs the server runs on
   */
  public Resolution resolve(URI url, Collection<String> gpuUuids) {
    String host = url.getHost();
    if (host == null || !isLocal(host)) {
      return Resolution.failed(
          "its URL's host " + host + " is not an address of this host, so its process is not here");
    }
    int port = url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    PortOwner.Lookup owner = ports.find(port);
    if (owner.pid().isEmpty()) {
      return Resolution.failed(owner.whyNot());
    }
    int listener = owner.pid().get();
    Optional<ProcessInfo> listening = processes.process(listener);
    if (listening.isEmpty()) {
      return Resolution.failed(
          "the process " + listener + " listening on port " + port + " exited");
    }
    ProcessInfo top = ServerProcessTree.top(processes, listening.get());
    Set<Integer> members = ServerProcessTree.members(processes, top.pid());
    Set<Integer> onGpus = new TreeSet<>();
    try {
      for (GpuCompute gpu : gpus.read()) {
        if (gpuUuids.contains(gpu.uuid())) {
          onGpus.addAll(gpu.pids());
        }
      }
    } catch (GpuProcessesUnavailableException e) {
      return Resolution.failed("NVML cannot list the GPUs' processes: " + e.getMessage());
    }
    Set<Long> pids = new TreeSet<>();
    for (int pid : members) {
      if (onGpus.contains(pid)) {
        pids.add((long) pid);
      }
    }
    if (pids.isEmpty()) {
      return Resolution.failed(
          "none of the "
              + members.size()
              + " process(es) of the server around pid "
              + listener
              + " (listening on port "
              + port
              + ") runs on its GPUs as NVML lists them "
              + onGpus
              + " (it runs in another pid namespace, or has not loaded its model yet)");
    }
    return new Resolution(pids, "");
  }

  /** Loopback, the wildcard, or an address of one of this host's interfaces. */
  static boolean isLocal(String host) {
    try {
      InetAddress address = InetAddress.getByName(host);
      return address.isLoopbackAddress()
          || address.isAnyLocalAddress()
          || NetworkInterface.getByInetAddress(address) != null;
    } catch (UnknownHostException | SocketException e) {
      return false;
    }
  }
}
