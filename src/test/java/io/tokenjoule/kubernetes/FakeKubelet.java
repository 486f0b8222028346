package io.tokenjoule.kubernetes;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.tokenjoule.kubernetes.podresources.v1.ContainerDevices;
import io.tokenjoule.kubernetes.podresources.v1.ContainerResources;
import io.tokenjoule.kubernetes.podresources.v1.GetPodResourcesRequest;
import io.tokenjoule.kubernetes.podresources.v1.GetPodResourcesResponse;
import io.tokenjoule.kubernetes.podresources.v1.ListPodResourcesRequest;
import io.tokenjoule.kubernetes.podresources.v1.ListPodResourcesResponse;
import io.tokenjoule.kubernetes.podresources.v1.PodResources;
import io.tokenjoule.kubernetes.podresources.v1.PodResourcesListerGrpc;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A kubelet's pod-resources service for tests: grpc-java serving the real {@code
 * v1.PodResourcesLister} on a Unix socket, with the pods a test gives it. {@code Get} answers
 * UNIMPLEMENTED when told to, as a kubelet before 1.34 does, and NOT_FOUND for an unknown pod.
 */
public final class FakeKubelet implements AutoCloseable {

  private final List<PodResources> pods = new CopyOnWriteArrayList<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final AtomicBoolean getImplemented = new AtomicBoolean(true);
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Server server;
  private final Path socket;

  public FakeKubelet(Path socket) throws IOException {
    this.socket = socket;
    this.server =
        NettyServerBuilder.forAddress(UnixDomainSocketAddress.of(socket))
            .channelType(NioServerDomainSocketChannel.class)
            .bossEventLoopGroup(group)
            .workerEventLoopGroup(group)
            .addService(new Service())
            .build()
            .start();
  }

  public Path socket() {
    return socket;
  }

  /**
   * Adds a pod whose containers each hold the devices given as {container, resource, ids...}; an
   * empty resource gives a container without devices.
   */
  public FakeKubelet pod(String namespace, String name, String[]... containers) {
    PodResources.Builder pod = PodResources.newBuilder().setNamespace(namespace).setName(name);
    for (String[] container : containers) {
      ContainerResources.Builder resources = ContainerResources.newBuilder().setName(container[0]);
      if (container.length > 1 && !container[1].isEmpty()) {
        resources.addDevices(
            ContainerDevices.newBuilder()
                .setResourceName(container[1])
                .addAllDeviceIds(List.of(container).subList(2, container.length)));
      }
      pod.addContainers(resources);
    }
    pods.add(pod.build());
    return this;
  }

  public static String[] container(String name, String resource, String... deviceIds) {
    List<String> all = new ArrayList<>(List.of(name, resource));
    all.addAll(List.of(deviceIds));
    return all.toArray(String[]::new);
  }

  /** Removes every pod named so. */
  public void remove(String namespace, String name) {
    pods.removeIf(p -> p.getNamespace().equals(namespace) && p.getName().equals(name));
  }

  public void getImplemented(boolean implemented) {
    getImplemented.set(implemented);
  }

  /** The calls served so far: "List", or "Get namespace/name". */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  private final class Service extends PodResourcesListerGrpc.PodResourcesListerImplBase {
    @Override
    public void list(
        ListPodResourcesRequest request, StreamObserver<ListPodResourcesResponse> response) {
      calls.add("List");
      response.onNext(ListPodResourcesResponse.newBuilder().addAllPodResources(pods).build());
      response.onCompleted();
    }

    @Override
    public void get(
        GetPodResourcesRequest request, StreamObserver<GetPodResourcesResponse> response) {
      String pod = request.getPodNamespace() + "/" + request.getPodName();
      calls.add("Get " + pod);
      if (!getImplemented.get()) {
        response.onError(Status.UNIMPLEMENTED.asRuntimeException());
        return;
      }
      for (PodResources resources : pods) {
        if (resources.getNamespace().equals(request.getPodNamespace())
            && resources.getName().equals(request.getPodName())) {
          response.onNext(GetPodResourcesResponse.newBuilder().setPodResources(resources).build());
          response.onCompleted();
          return;
        }
      }
      response.onError(
          Status.NOT_FOUND.withDescription("pod " + pod + " not found").asRuntimeException());
    }
  }
}
