package io.tokenjoule.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a YAML file of the agent's (its configuration, its web configuration) as UTF-8 text, with
 * every way that can fail named for the operator: no such file, no permission, a directory, too
 * large, not UTF-8. A leading byte-order mark is dropped. Stateless.
 */
final class ConfigFileReader {

  /** Configuration files are a few KiB; this guards against pointing at the wrong file. */
  static final int MAX_FILE_BYTES = 1 << 20;

  private ConfigFileReader() {}

  /**
   * @param what how messages name the file, for example {@code configuration file}
   * @throws ConfigException naming the file and what is wrong with it
   */
  static String read(Path file, String what) throws ConfigException {
    String source = file.toString();
    if (Files.isDirectory(file)) {
      throw problem(source, "is a directory; expected a YAML file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw problem(source, "cannot read the " + what + ": no such file");
    } catch (AccessDeniedException e) {
      throw problem(source, "cannot read the " + what + ": permission denied");
    } catch (IOException e) {
      throw problem(source, "cannot read the " + what + ": " + e.getMessage());
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw problem(source, "is larger than 1MiB; expected a YAML " + what);
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw problem(source, "is not UTF-8 text; expected a YAML file in UTF-8");
    }
  }

  private static ConfigException problem(String source, String message) {
    return new ConfigException(List.of(new ConfigProblem(ConfigLocation.of(source, ""), message)));
  }
}
