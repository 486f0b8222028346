package io.tokenjoule.kubernetes;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tokenjoule.kubernetes.podresources.v1.ContainerDevices;
import io.tokenjoule.kubernetes.podresources.v1.ContainerResources;
import io.tokenjoule.kubernetes.podresources.v1.GetPodResourcesRequest;
import io.tokenjoule.kubernetes.podresources.v1.ListPodResourcesRequest;
import io.tokenjoule.kubernetes.podresources.v1.PodResources;
import io.tokenjoule.kubernetes.podresources.v1.PodResourcesListerGrpc;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client of the kubelet's pod-resources API ({@code v1.PodResourcesLister}): which pod and
 * container hold which devices on this node, with their names and namespaces, read without cluster
 * credentials from the kubelet's Unix socket. grpc-java over Netty's NIO Unix-domain channel (JDK
 * 16+), so no native library is needed. Each call has a deadline; a reply is refused past {@link
 * #MAX_REPLY_BYTES}. Thread-safe; close it to release the channel and its one event-loop thread.
 */
public final class PodResourcesClient implements AutoCloseable {

  /** Where every kubelet serves the API. */
  public static final Path DEFAULT_SOCKET = Path.of("/var/lib/kubelet/pod-resources/kubelet.sock");

  /** The kubelet's own limit on a pod-resources message. */
  static final int MAX_REPLY_BYTES = 16 << 20;

  private final Path socket;
  private final Duration timeout;
  private final EventLoopGroup group;
  private final ManagedChannel channel;

  /**
   * Prepares the channel; nothing connects until the first call.
   *
   * @param socket the kubelet's socket
   * @param timeout the deadline of each call
   */
  public PodResourcesClient(Path socket, Duration timeout) {
    this.socket = socket;
    this.timeout = timeout;
    this.group =
        new MultiThreadIoEventLoopGroup(
            1,
            new DefaultThreadFactory("tokenjoule-pod-resources", true),
            NioIoHandler.newFactory());
    this.channel =
        NettyChannelBuilder.forAddress(UnixDomainSocketAddress.of(socket))
            .channelType(NioDomainSocketChannel.class)
            .eventLoopGroup(group)
            .usePlaintext()
            // A Unix socket has no host name; the kubelet ignores the authority.
            .overrideAuthority("localhost")
            .maxInboundMessageSize(MAX_REPLY_BYTES)
            .build();
  }

  public Path socket() {
    return socket;
  }

  /** Every container on the node that holds devices, with them; containers without are left out. */
  public List<AssignedDevices> list() throws PodResourcesException {
    try {
      List<AssignedDevices> devices = new ArrayList<>();
      for (PodResources pod :
          stub().list(ListPodResourcesRequest.getDefaultInstance()).getPodResourcesList()) {
        addDevices(pod, devices);
      }
      return devices;
    } catch (StatusRuntimeException e) {
      throw failure("List", e);
    }
  }

  /**
   * The devices of one pod's containers (the kubelet's {@code Get}, on by default from Kubernetes
   * 1.34; before, {@link PodResourcesException#unimplemented()}).
   */
  public List<AssignedDevices> get(String namespace, String pod) throws PodResourcesException {
    try {
      PodResources resources =
          stub()
              .get(
                  GetPodResourcesRequest.newBuilder()
                      .setPodNamespace(namespace)
                      .setPodName(pod)
                      .build())
              .getPodResources();
      List<AssignedDevices> devices = new ArrayList<>();
      addDevices(resources, devices);
      return devices;
    } catch (StatusRuntimeException e) {
      throw failure("Get " + namespace + "/" + pod, e);
    }
  }

  private PodResourcesListerGrpc.PodResourcesListerBlockingStub stub() {
    return PodResourcesListerGrpc.newBlockingStub(channel)
        .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static void addDevices(PodResources pod, List<AssignedDevices> into) {
    for (ContainerResources container : pod.getContainersList()) {
      for (ContainerDevices devices : container.getDevicesList()) {
        into.add(
            new AssignedDevices(
                pod.getNamespace(),
                pod.getName(),
                container.getName(),
                devices.getResourceName(),
                devices.getDeviceIdsList()));
      }
    }
  }

  private PodResourcesException failure(String call, StatusRuntimeException e) {
    Status status = e.getStatus();
    return new PodResourcesException(
        "kubelet pod-resources "
            + call
            + " at "
            + socket
            + ": "
            + status.getCode()
            + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")"),
        status.getCode() == Status.Code.UNIMPLEMENTED,
        e);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
