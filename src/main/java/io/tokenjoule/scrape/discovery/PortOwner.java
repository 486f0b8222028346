package io.tokenjoule.scrape.discovery;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the process that listens on a TCP port in the agent's own network namespace, from Linux
 * {@code /proc}: the sockets in state LISTEN on the port in {@code <proc>/net/tcp} and {@code tcp6}
 * give their inodes, and the process whose {@code <proc>/<pid>/fd} has a link {@code
 * socket:[inode]} owns one. Reading another user's {@code fd} takes root, that user, or {@code
 * CAP_DAC_READ_SEARCH} with {@code CAP_SYS_PTRACE}; a process that cannot be read is skipped and
 * named in the reason when no owner is found. Stateless and thread-safe; each call reads anew.
 */
public final class PortOwner {

  /** The owner of a port: its pid, or why none was found. */
  public record Lookup(Optional<Integer> pid, String whyNot) {
    public Lookup {
      Objects.requireNonNull(pid, "pid");
      Objects.requireNonNull(whyNot, "whyNot");
    }

    static Lookup found(int pid) {
      return new Lookup(Optional.of(pid), "");
    }

    static Lookup notFound(String why) {
      return new Lookup(Optional.empty(), why);
    }
  }

  private final Path procRoot;
  private final ByteOrder kernelOrder;

  /**
   * @param procRoot where {@code /proc} is: {@code /proc} on Linux, a fixture tree in tests
   */
  public PortOwner(Path procRoot) {
    this(procRoot, ByteOrder.nativeOrder());
  }

  PortOwner(Path procRoot, ByteOrder kernelOrder) {
    this.procRoot = Objects.requireNonNull(procRoot, "procRoot");
    this.kernelOrder = Objects.requireNonNull(kernelOrder, "kernelOrder");
  }

  /** The process listening on {@code port}, IPv4 or IPv6, any bound address. */
  public Lookup find(int port) {
    Set<Long> inodes = new HashSet<>();
    boolean anyTable = false;
    for (String table : List.of("tcp", "tcp6")) {
      Path file = procRoot.resolve("net").resolve(table);
      try {
        for (ProcNetText.Listener listener :
            ProcNetText.listeners(Files.readAllLines(file), kernelOrder)) {
          if (listener.port() == port) {
            inodes.add(listener.inode());
          }
        }
        anyTable = true;
      } catch (IOException e) {
        // absent (no IPv6, not Linux) or unreadable: the other table may still tell
      }
    }
    if (!anyTable) {
      return Lookup.notFound(
          "cannot read " + procRoot.resolve("net/tcp") + " (not Linux, or /proc not mounted)");
    }
    if (inodes.isEmpty()) {
      return Lookup.notFound(
          "no socket listens on port "
              + port
              + " in the agent's network"
              + " namespace (the server runs in another one, or on another host)");
    }
    List<String> unreadable = new ArrayList<>();
    for (Path process : processes()) {
      int pid = Integer.parseInt(process.getFileName().toString());
      if (ownsOneOf(process.resolve("fd"), inodes, unreadable)) {
        return Lookup.found(pid);
      }
    }
    return Lookup.notFound(
        "no readable process holds the socket listening on port "
            + port
            + (unreadable.isEmpty()
                ? ""
                : " (cannot read the file descriptors of "
                    + unreadable.size()
                    + " process(es), such as "
                    + unreadable.get(0)
                    + ": run the agent as root or as the server's user, or grant it"
                    + " CAP_DAC_READ_SEARCH and CAP_SYS_PTRACE)"));
  }

  private List<Path> processes() {
    List<Path> processes = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(procRoot)) {
      for (Path entry : entries) {
        if (isPid(entry.getFileName().toString())) {
          processes.add(entry);
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    processes.sort(null);
    return processes;
  }

  private static boolean ownsOneOf(Path fd, Set<Long> inodes, List<String> unreadable) {
    try (DirectoryStream<Path> links = Files.newDirectoryStream(fd)) {
      for (Path link : links) {
        Optional<Long> inode = socketInode(link);
        if (inode.isPresent() && inodes.contains(inode.get())) {
          return true;
        }
      }
    } catch (AccessDeniedException e) {
      unreadable.add(fd.toString());
    } catch (NoSuchFileException e) {
      // the process exited since the listing
    } catch (IOException e) {
      // gone or not a process directory
    }
    return false;
  }

  private static Optional<Long> socketInode(Path link) {
    try {
      return ProcNetText.socketInode(Files.readSymbolicLink(link).toString());
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty(); // closed since listed, or not a link
    }
  }

  private static boolean isPid(String name) {
    if (name.isEmpty() || name.length() > 10) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!Character.isDigit(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
