package io.tokenjoule.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The agent's version, from the properties Maven writes at build time. */
public record BuildInfo(String version, String revision, String javaVersion) {

  /** Reads {@code io/tokenjoule/build.properties} from the classpath. */
  public static BuildInfo load() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/io/tokenjoule/build.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read build.properties", e);
    }
    return new BuildInfo(
        properties.getProperty("version", "unknown"),
        properties.getProperty("revision", "unknown"),
        System.getProperty("java.version", "unknown"));
  }
}
