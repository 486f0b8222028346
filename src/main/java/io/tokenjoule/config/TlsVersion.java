package io.tokenjoule.config;

/**
 * A TLS protocol version as the exporter-toolkit web config names it ({@code TLS12}, {@code
 * TLS13}). TLS 1.0 and 1.1 are not offered: the JDK disables them.
 */
public enum TlsVersion {
  TLS12("TLSv1.2"),
  TLS13("TLSv1.3");

  private final String jdkName;

  TlsVersion(String jdkName) {
    this.jdkName = jdkName;
  }

  /** The JSSE protocol name, for example {@code TLSv1.3}. */
  public String jdkName() {
    return jdkName;
  }

  static TlsVersion parse(String text) {
    for (TlsVersion version : values()) {
      if (version.name().equals(text)) {
        return version;
      }
    }
    String hint =
        text.equals("TLS10") || text.equals("TLS11")
            ? " (TLS 1.0 and 1.1 are disabled by the JDK)"
            : "";
    throw new IllegalArgumentException("expected TLS12 or TLS13, got '" + text + "'" + hint);
  }
}
