package io.tokenjoule.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code agent/install.sh} into a temporary root ({@code DESTDIR}) and checks what it leaves
 * there: files, modes, the unit's content, idempotency, uninstall, {@code systemd-analyze verify}
 * where it works, and the installed launcher running {@code agent --check} on the installed config.
 * Needs the shaded jar, which {@code mvn package} builds before failsafe runs.
 */
class InstallScriptIT {

  private static final Path SCRIPT = Path.of("agent/install.sh");
  private static final Path JAR = Path.of("target/tokenjoule.jar");
  private static final String PREFIX = "/usr/local";

  @TempDir Path root;

  @BeforeAll
  static void jarIsBuilt() {
    assertTrue(Files.isRegularFile(JAR), "run mvn package first: no " + JAR);
  }

  @Test
  void installsEveryFileWithItsMode() throws Exception {
    Result run = install();
    assertEquals(0, run.exitCode(), run.output());
    assertEquals("rw-r--r--", mode(jar()));
    assertEquals("rwxr-xr-x", mode(launcher()));
    assertEquals("rw-r-----", mode(config()));
    assertEquals("rw-r--r--", mode(unit()));
    assertEquals(Files.size(JAR), Files.size(jar()));
    assertEquals(Files.readString(Path.of("agent/tokenjoule.yaml")), Files.readString(config()));
    assertTrue(run.output().contains("not creating user 'tokenjoule' under DESTDIR"), run.output());
    assertTrue(run.output().contains("not enabling the unit under DESTDIR"), run.output());
  }

  @Test
  void theUnitRunsTheInstalledLauncherUnprivilegedAndHardened() throws Exception {
    assertEquals(0, install().exitCode());
    List<String> lines = Files.readAllLines(unit());
    for (String expected :
        List.of(
            "User=tokenjoule",
            "ExecStart="
                + PREFIX
                + "/bin/tokenjoule agent --config /etc/tokenjoule/tokenjoule.yaml",
            "ExecReload=/bin/kill -HUP $MAINPID",
            "Restart=on-failure",
            "StateDirectory=tokenjoule",
            "NoNewPrivileges=yes",
            "ProtectSystem=strict",
            "ProtectHome=yes",
            "PrivateTmp=yes",
            "ProtectKernelTunables=yes",
            "ProtectControlGroups=yes",
            "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
            "LockPersonality=yes",
            "MemoryDenyWriteExecute=no",
            "CapabilityBoundingSet=",
            "DevicePolicy=closed",
            "DeviceAllow=char-nvidia* rw")) {
      assertTrue(lines.contains(expected), expected + " missing from\n" + String.join("\n", lines));
    }
    assertFalse(String.join("\n", lines).contains("@PREFIX@"));
    // Only NVIDIA devices are allowed.
    assertEquals(1, lines.stream().filter(l -> l.startsWith("DeviceAllow=")).count());
  }

  @Test
  void aSecondRunChangesNothingAndKeepsAnEditedConfig() throws Exception {
    assertEquals(0, install().exitCode());
    Files.writeString(config(), "tick: 2s\n", StandardCharsets.UTF_8);
    List<FileTime> before = modificationTimes();
    Thread.sleep(1100); // file times on some filesystems have a 1 s resolution
    Result again = install();
    assertEquals(0, again.exitCode(), again.output());
    assertEquals(before, modificationTimes());
    assertEquals("tick: 2s\n", Files.readString(config()));
    assertTrue(again.output().contains("kept existing " + config()), again.output());
    assertEquals(3, again.output().lines().filter(l -> l.contains(": unchanged ")).count());
  }

  @Test
  void uninstallKeepsTheConfigUnlessPurged() throws Exception {
    assertEquals(0, install().exitCode());
    Files.createDirectories(root.resolve("var/lib/tokenjoule"));
    Result removed = run(SCRIPT.toString(), "--uninstall");
    assertEquals(0, removed.exitCode(), removed.output());
    assertFalse(Files.exists(jar()));
    assertFalse(Files.exists(jar().getParent()));
    assertFalse(Files.exists(launcher()));
    assertFalse(Files.exists(unit()));
    assertTrue(Files.exists(config()));
    assertTrue(Files.exists(root.resolve("var/lib/tokenjoule")));

    Result purged = run(SCRIPT.toString(), "--uninstall", "--purge");
    assertEquals(0, purged.exitCode(), purged.output());
    assertFalse(Files.exists(config().getParent()));
    assertFalse(Files.exists(root.resolve("var/lib/tokenjoule")));
  }

  @Test
  void helpAndBadArguments() throws Exception {
    Result help = run(SCRIPT.toString(), "--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.output().startsWith("Usage: install.sh "), help.output());
    Result bad = run(SCRIPT.toString(), "--frobnicate");
    assertEquals(1, bad.exitCode());
    assertTrue(bad.output().contains("unknown argument: --frobnicate"), bad.output());
    Result noJar = run(SCRIPT.toString(), "--jar", root.resolve("absent.jar").toString());
    assertEquals(1, noJar.exitCode());
    assertTrue(noJar.output().contains("error: no jar at "), noJar.output());
  }

  @Test
  void theInstalledLauncherChecksTheInstalledConfig() throws Exception {
    assertEquals(0, install().exitCode());
    Result check =
        run(
            Map.of("JAVA_HOME", System.getProperty("java.home")),
            launcher().toString(),
            "agent",
            "--check",
            "--config",
            config().toString());
    assertEquals(0, check.exitCode(), check.output());
    assertTrue(check.output().contains("configuration: " + config() + " is valid"), check.output());
    assertTrue(
        check.output().contains("    llama-70b (vllm) http://127.0.0.1:8000/metrics"),
        check.output());
    assertTrue(check.output().contains("NVML: "), check.output());
  }

  @Test
  void systemdAnalyzeVerifiesTheUnit() throws Exception {
    assumeTrue(works("systemd-analyze", "--version"), "systemd-analyze is not available here");
    assertEquals(0, install().exitCode());
    // verify wants ExecStart's binary to exist: point a copy of the unit at the staged launcher.
    Path copy = Files.createDirectories(root.resolve("verify")).resolve("tokenjoule.service");
    Files.writeString(
        copy,
        Files.readString(unit())
            .replace("ExecStart=" + PREFIX + "/bin/", "ExecStart=" + launcher().getParent() + "/"));
    Result verify = run("systemd-analyze", "verify", copy.toString());
    assertEquals(0, verify.exitCode(), verify.output());
    assertEquals("", verify.output().strip());
  }

  @Test
  void theScriptIsShellcheckClean() throws Exception {
    assumeTrue(works("shellcheck", "--version"), "shellcheck is not installed");
    Result lint = run("shellcheck", SCRIPT.toString());
    assertEquals(0, lint.exitCode(), lint.output());
    assertEquals(0, install().exitCode());
    Result launcherLint = run("shellcheck", launcher().toString());
    assertEquals(0, launcherLint.exitCode(), launcherLint.output());
  }

  private Result install() throws Exception {
    return run(SCRIPT.toString(), "--jar", JAR.toString());
  }

  private Path jar() {
    return root.resolve("usr/local/lib/tokenjoule/tokenjoule.jar");
  }

  private Path launcher() {
    return root.resolve("usr/local/bin/tokenjoule");
  }

  private Path config() {
    return root.resolve("etc/tokenjoule/tokenjoule.yaml");
  }

  private Path unit() {
    return root.resolve("etc/systemd/system/tokenjoule.service");
  }

  private List<FileTime> modificationTimes() throws IOException {
    List<FileTime> times = new ArrayList<>();
    for (Path file : List.of(jar(), launcher(), config(), unit())) {
      times.add(Files.getLastModifiedTime(file));
    }
    return times;
  }

  private static String mode(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  private Result run(String... command) throws Exception {
    return run(Map.of(), command);
  }

  private Result run(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DESTDIR", root.toString());
    builder.environment().remove("PREFIX");
    builder.environment().remove("UNITDIR");
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), String.join(" ", command) + " hangs");
    return new Result(process.exitValue(), output);
  }

  private static boolean works(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private record Result(int exitCode, String output) {}
}
