package io.tokenjoule.scrape.discovery;

import io.tokenjoule.scrape.discovery.ProcessTable.ProcessInfo;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the processes that make up one inference server, starting from a GPU worker. Engines put
 * GPU workers in child processes and the HTTP server in a parent (vLLM, SGLang), or the HTTP router
 * in a sibling under a launcher (TGI), so the tree is walked up to the server's own top process,
 * then down to every descendant.
 *
 * <p>Walking up stops below a process that is not part of any one server, so that two servers
 * started from the same shell or container runtime stay apart: pid 1 and anything without a parent,
 * init systems, container runtimes and shims, process supervisors, shells, terminal multiplexers,
 * login and privilege tools; below a process of another user; and after {@link #MAX_UP} steps.
 * Stateless and thread-safe.
 */
final class ServerProcessTree {

  /** The most parents a server's own processes are expected to stack (API, engine core, worker). */
  static final int MAX_UP = 6;

  /** Bounds the walk down, so a fork bomb cannot stall discovery. */
  static final int MAX_MEMBERS = 4096;

  /** Executable names (as the kernel shortens them, 15 characters) that end a walk up. */
  private static final Set<String> BOUNDARIES =
      Set.of(
          "init",
          "systemd",
          "launchd",
          "tini",
          "dumb-init",
          "docker-init",
          "catatonit",
          "conmon",
          "runc",
          "crun",
          "containerd",
          "dockerd",
          "kubelet",
          "supervisord",
          "s6-supervise",
          "runsv",
          "sshd",
          "sudo",
          "su",
          "login",
          "bash",
          "sh",
          "dash",
          "zsh",
          "fish",
          "ksh",
          "tcsh",
          "tmux",
          "tmux: server",
          "screen",
          "SCREEN");

  private ServerProcessTree() {}

  /** The top process of the server that {@code worker} belongs to; {@code worker} at the least. */
  static ProcessInfo top(ProcessTable table, ProcessInfo worker) {
    ProcessInfo current = worker;
    for (int step = 0; step < MAX_UP; step++) {
      if (current.parentPid() <= 1) {
        return current;
      }
      ProcessInfo parent = table.process(current.parentPid()).orElse(null);
      if (parent == null || isBoundary(parent) || !parent.user().equals(current.user())) {
        return current;
      }
      current = parent;
    }
    return current;
  }

  /** {@code top} and all its descendants, at most {@link #MAX_MEMBERS}. */
  static Set<Integer> members(ProcessTable table, int top) {
    Set<Integer> members = new TreeSet<>();
    Deque<Integer> pending = new ArrayDeque<>(List.of(top));
    while (!pending.isEmpty() && members.size() < MAX_MEMBERS) {
      int pid = pending.removeFirst();
      if (members.add(pid)) {
        for (ProcessInfo child : table.children(pid)) {
          pending.addLast(child.pid());
        }
      }
    }
    return members;
  }

  static boolean isBoundary(ProcessInfo process) {
    String name = process.name().toLowerCase(Locale.ROOT);
    return process.pid() <= 1
        || BOUNDARIES.contains(process.name())
        || BOUNDARIES.contains(name)
        || name.startsWith("containerd-shim")
        || name.startsWith("systemd")
        || name.startsWith("tmux");
  }
}
