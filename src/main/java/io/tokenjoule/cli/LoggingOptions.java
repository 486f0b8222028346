package io.tokenjoule.cli;

import io.tokenjoule.logging.LogFormat;
import io.tokenjoule.logging.LogLevel;
import io.tokenjoule.logging.LogSetup;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --log.level} and {@code --log.format}, shared by the long-running commands as a picocli
 * mixin, named as Prometheus exporters name them.
 */
final class LoggingOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--log.level",
      paramLabel = "LEVEL",
      converter = LevelConverter.class,
      description =
          "Only log messages at this level or above: debug, info, warn, error (default: the"
              + " TOKENJOULE_LOG_LEVEL environment variable, else info). debug adds stack traces.")
  LogLevel level;

  @Option(
      names = "--log.format",
      paramLabel = "FORMAT",
      defaultValue = "logfmt",
      converter = FormatConverter.class,
      description = "Log line format on stderr: logfmt or json (default: ${DEFAULT-VALUE}).")
  LogFormat format;

  /** Sets up logging as the flags say; call first thing in the command. */
  void apply() {
    LogSetup.apply(effectiveLevel(), format);
  }

  /**
   * The level logged at: {@code --log.level}, else {@code TOKENJOULE_LOG_LEVEL}, else info.
   *
   * @throws ParameterException when the environment variable names no level
   */
  LogLevel effectiveLevel() {
    if (level != null) {
      return level;
    }
    try {
      return EnvironmentLogLevel.of(environment());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Map<String, String> environment() {
    return spec.root().userObject() instanceof TokenjouleCommand root
        ? root.environment()
        : System.getenv();
  }

  static final class LevelConverter implements ITypeConverter<LogLevel> {
    @Override
    public LogLevel convert(String value) {
      try {
        return LogLevel.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class FormatConverter implements ITypeConverter<LogFormat> {
    @Override
    public LogFormat convert(String value) {
      try {
        return LogFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
