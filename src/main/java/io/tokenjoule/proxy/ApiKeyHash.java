package io.tokenjoule.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an API key is exported as: {@code key-} and the first 16 hex digits (64 bits) of the key's
 * SHA-256. The key itself never leaves the request; an operator finds a key's label with {@code
 * printf %s "$KEY" | sha256sum | cut -c1-16}.
 */
public final class ApiKeyHash {

  /** The hex digits of the digest kept in the label. */
  public static final int LABEL_HEX_DIGITS = 16;

  private ApiKeyHash() {}

  /** The full SHA-256 of the key, in lower-case hex (as {@code sha256sum} prints it). */
  public static String sha256Hex(String key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The tenant label of a key with no name of its own. */
  public static String label(String key) {
    return labelOfHash(sha256Hex(key));
  }

  /** The tenant label of a key, from its {@link #sha256Hex}. */
  static String labelOfHash(String sha256Hex) {
    return "key-" + sha256Hex.substring(0, LABEL_HEX_DIGITS);
  }
}
