package io.tokenjoule.scrape.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenjoule.scrape.discovery.DroppedCandidate.Reason;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

  private static final DiscoveredGpu GPU0 = new DiscoveredGpu(0, FakeHost.uuid(0));
  private static final DiscoveredGpu GPU1 = new DiscoveredGpu(1, FakeHost.uuid(1));

  private final FakeHost host =
      new FakeHost().process(1, 0, "systemd", "root").process(100, 1, "bash");

  @Test
  void aGpuWorkerInAChildProcessIsServedByItsParentsPort() throws Exception {
    host.process(200, 100, "python3").process(201, 200, "python3").gpu(0, 201);
    host.listens(200, "0.0.0.0", 8000).serves(8000, "vllm", "meta-llama/Llama-3.1-8B");

    DiscoveryResult result = host.discovery().discover();

    assertEquals(
        List.of(
            new DiscoveredServer(
                "vllm-8000",
                URI.create("http://127.0.0.1:8000/metrics"),
                "vllm",
                List.of("meta-llama/Llama-3.1-8B"),
                List.of(GPU0),
                200,
                List.of(201))),
        result.servers());
    assertEquals(List.of(), result.dropped());
    assertEquals(List.of("127.0.0.1:8000"), host.probed);
  }

  @Test
  void aTensorParallelGroupIsOneServerOnAllItsGpus() throws Exception {
    host.process(200, 100, "vllm").process(210, 200, "VLLM::EngineCor");
    host.process(211, 210, "VllmWorker-0").process(212, 210, "VllmWorker-1");
    host.gpu(0, 211).gpu(1, 212).listens(200, "0.0.0.0", 8000).serves(8000, "vllm", "m");

    DiscoveryResult result = host.discovery().discover();

    assertEquals(1, result.servers().size());
    DiscoveredServer server = result.servers().get(0);
    assertEquals(List.of(GPU0, GPU1), server.gpus());
    assertEquals(List.of(211, 212), server.gpuPids());
    assertEquals(List.of("127.0.0.1:8000"), host.probed);
  }

  @Test
  void twoServersStartedFromOneShellShareAGpuButStayApart() throws Exception {
    host.process(300, 100, "python3").process(301, 300, "python3");
    host.process(400, 100, "python3").process(401, 400, "python3");
    host.gpu(0, 301, 401);
    host.listens(300, "0.0.0.0", 8000).serves(8000, "vllm", "small");
    host.listens(400, "127.0.0.1", 8001).serves(8001, "vllm", "other");

    DiscoveryResult result = host.discovery().discover();

    assertEquals(
        List.of("vllm-8000", "vllm-8001"),
        result.servers().stream().map(DiscoveredServer::name).toList());
    assertEquals(List.of(GPU0), result.servers().get(0).gpus());
    assertEquals(List.of(301), result.servers().get(0).gpuPids());
    assertEquals(List.of(GPU0), result.servers().get(1).gpus());
    assertEquals(List.of(401), result.servers().get(1).gpuPids());
  }

  @Test
  void aTreeWithoutAListeningSocketIsDroppedWithTheReason() throws Exception {
    host.process(500, 100, "python3").process(501, 500, "python3").gpu(0, 501);

    DiscoveryResult result = host.discovery().discover();

    assertEquals(List.of(), result.servers());
    assertEquals(
        List.of(
            new DroppedCandidate(
                Reason.NO_LISTENING_SOCKET,
                "GPU [0] pids [501] under pid 500 (python3 --pid 500)",
                "none of its 2 process(es) listens on a TCP port")),
        result.dropped());
    assertEquals(List.of(), host.probed);
  }

  @Test
  void aPortServingAnUnknownPageIsDroppedAndAPortThatIsNotHttpToo() throws Exception {
    host.process(600, 100, "tritonserver").gpu(0, 600);
    host.listens(600, "0.0.0.0", 9090).servesUnknownPage(9090);
    host.listens(600, "0.0.0.0", 29500);

    DiscoveryResult result = host.discovery().discover();

    assertEquals(List.of(), result.servers());
    assertEquals(
        List.of(
            new DroppedCandidate(
                Reason.UNKNOWN_ENGINE,
                "http://127.0.0.1:9090/metrics of pid 600 (tritonserver --pid 600)",
                "no known engine (vllm) among 12 metric names"),
            new DroppedCandidate(
                Reason.NO_METRICS_PAGE,
                "port 29500 of pid 600 (tritonserver --pid 600)",
                "http://127.0.0.1:29500/metrics: connection failed (not HTTP)")),
        result.dropped());
  }

  @Test
  void socketsThatCannotBeAttributedNameThePermissionNeeded() throws Exception {
    host.process(700, 100, "python3", "vllm").gpu(0, 700);
    host.listens(-1, "0.0.0.0", 8000);
    host.unreadable(700, "cannot read /proc/700/fd: owned by user vllm");

    DiscoveryResult result = host.discovery().discover();

    assertEquals(
        List.of(
            new DroppedCandidate(
                Reason.PERMISSION_DENIED,
                "GPU [0] pids [700] under pid 700 (python3 --pid 700)",
                "cannot read /proc/700/fd: owned by user vllm")),
        result.dropped());
  }

  @Test
  void aTreeListeningOnlyWhereTheAgentCannotConnectIsDroppedWithTheReason() throws Exception {
    host.process(700, 100, "python3").process(701, 700, "python3").gpu(0, 701);
    host.unreachable(701, "pid 701 listens on 127.0.0.1:8000 in network namespace net:[1]");

    DiscoveryResult result = host.discovery().discover();

    assertEquals(
        List.of(
            new DroppedCandidate(
                Reason.UNREACHABLE_SOCKET,
                "GPU [0] pids [701] under pid 700 (python3 --pid 700)",
                "pid 701 listens on 127.0.0.1:8000 in network namespace net:[1]")),
        result.dropped());
  }

  @Test
  void theSocketsOfEveryCandidateTreeAreAskedForAtOnce() throws Exception {
    host.process(200, 100, "python3").process(201, 200, "python3").gpu(0, 201);
    host.process(300, 100, "python3").gpu(1, 300);

    host.discovery().discover();

    assertEquals(List.of(Set.of(200, 201, 300)), host.asked);
  }

  @Test
  void aPodsSocketIsProbedAtTheAddressItComesWith() throws Exception {
    host.process(200, 100, "python3").gpu(0, 200).listens(200, "10.244.1.17", 8000);

    host.discovery().discover();

    assertEquals(List.of("10.244.1.17:8000"), host.probed);
  }

  @Test
  void aPidNvmlNamesThatThisHostDoesNotShowIsDropped() throws Exception {
    host.gpu(1, 4242);

    DiscoveryResult result = host.discovery().discover();

    assertEquals(1, result.dropped().size());
    assertEquals(Reason.PROCESS_NOT_VISIBLE, result.dropped().get(0).reason());
    assertEquals("GPU 1 pid 4242", result.dropped().get(0).subject());
  }

  @Test
  void theWalkUpStopsAtAnotherUsersProcess() throws Exception {
    host.process(800, 100, "launcher", "root").process(801, 800, "python3", "vllm");
    host.process(802, 800, "router", "root").gpu(0, 801);
    host.listens(802, "0.0.0.0", 3000).serves(3000, "tgi");

    DiscoveryResult result = host.discovery().discover();

    assertEquals(List.of(), result.servers());
    assertEquals(Reason.NO_LISTENING_SOCKET, result.dropped().get(0).reason());
  }

  @Test
  void aLauncherWithARouterBesideTheShardsIsOneServer() throws Exception {
    host.process(900, 100, "text-generation-").process(901, 900, "python3");
    host.process(902, 900, "text-generation-").gpu(0, 901);
    host.listens(902, "::", 3000).listens(902, "0.0.0.0", 3000).serves(3000, "tgi");

    DiscoveryResult result = host.discovery().discover();

    assertEquals(List.of("tgi-3000"), result.servers().stream().map(s -> s.name()).toList());
    assertEquals(902, result.servers().get(0).listenerPid());
    assertEquals(List.of("127.0.0.1:3000"), host.probed);
  }

  @Test
  void anIpv6WildcardIsProbedOnIpv6Loopback() {
    assertEquals("::1", Discovery.connectHost("::"));
    assertEquals("127.0.0.1", Discovery.connectHost("0.0.0.0"));
    assertEquals("10.1.2.3", Discovery.connectHost("10.1.2.3"));
  }
}
