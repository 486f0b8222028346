package io.tokenjoule.config;

import io.tokenjoule.account.economics.TariffWindow;
import io.tokenjoule.config.LiveCarbonConfig.ElectricityMaps;
import io.tokenjoule.config.LiveCarbonConfig.UkCarbonIntensity;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the {@code carbon} section: a static grid intensity, optionally varied by a weekly schedule
 * or replaced by a live provider (Electricity Maps or the UK Carbon Intensity API).
 */
final class CarbonBinder {

  static final String GRAMS = "grams_per_kwh";
  static final String ZONE = "zone";
  static final String TIME_ZONE = "time_zone";
  static final String SCHEDULE = "schedule";
  static final String LIVE = "live";
  static final List<String> KEYS = List.of(GRAMS, ZONE, TIME_ZONE, SCHEDULE, LIVE);
  static final List<String> REQUIRED = List.of(GRAMS);

  private static final WeeklyWindowReader SCHEDULE_ENTRIES =
      new WeeklyWindowReader(
          "schedule entries", GRAMS, v -> v >= 0 && v <= 5000, "must be 0 to 5000");

  static final String PROVIDER = "provider";
  static final String LATITUDE = "latitude";
  static final String LONGITUDE = "longitude";
  static final String POSTCODE = "postcode";
  static final String REGION_ID = "region_id";
  static final String AUTH_TOKEN_FILE = "auth_token_file";
  static final String URL = "url";
  static final String REFRESH = "refresh";
  static final String MAX_STALENESS = "max_staleness";
  static final String TIMEOUT = "timeout";
  static final List<String> LIVE_KEYS =
      List.of(
          PROVIDER,
          ZONE,
          LATITUDE,
          LONGITUDE,
          POSTCODE,
          REGION_ID,
          AUTH_TOKEN_FILE,
          URL,
          REFRESH,
          MAX_STALENESS,
          TIMEOUT);
  static final List<String> LIVE_REQUIRED = List.of(PROVIDER);

  static final Duration DEFAULT_REFRESH = Duration.ofMinutes(15);
  static final Duration DEFAULT_MAX_STALENESS = Duration.ofHours(2);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private CarbonBinder() {}

  static Optional<CarbonConfig> read(Optional<Located> at, Problems problems) {
    if (at.isEmpty()) {
      return Optional.empty();
    }
    int before = problems.count();
    Optional<MappingReader> reader = MappingReader.of(at.get(), KEYS, problems);
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    MappingReader keys = reader.get();
    Optional<Double> grams = keys.required(GRAMS, REQUIRED).flatMap(g -> grams(g, problems));
    String zone = keys.optional(ZONE).flatMap(z -> text(z, problems)).orElse("");
    ZoneId timeZone =
        keys.optional(TIME_ZONE)
            .flatMap(z -> z.parse(problems, TimeZoneSyntax.EXPECTED, TimeZoneSyntax::parse))
            .orElse(ZoneId.of("UTC"));
    Optional<List<CarbonConfig.Entry>> entries =
        keys.optional(SCHEDULE).map(s -> entries(s, problems));
    Optional<LiveCarbonConfig> live = keys.optional(LIVE).flatMap(l -> live(l, problems));
    if (entries.isPresent() && keys.optional(LIVE).isPresent()) {
      problems.add(
          keys.optional(LIVE).get().location(),
          "carbon takes a schedule or a live provider, not both");
    }
    if (problems.count() > before) {
      return Optional.empty();
    }
    Optional<CarbonConfig.Schedule> schedule =
        entries.map(e -> new CarbonConfig.Schedule(e, timeZone));
    return Optional.of(new CarbonConfig(grams.orElseThrow(), zone, schedule, live));
  }

  private static List<CarbonConfig.Entry> entries(Located at, Problems problems) {
    List<CarbonConfig.Entry> entries = new ArrayList<>();
    for (WeeklyWindowReader.WeeklyWindow w : SCHEDULE_ENTRIES.read(Optional.of(at), problems)) {
      if (w.fromMinute() % 60 != 0 || w.toMinute() % 60 != 0) {
        problems.add(
            w.at().location(),
            "a schedule entry runs on whole hours such as 07:00 to 18:00, got "
                + TariffWindow.clock(w.fromMinute())
                + " to "
                + TariffWindow.clock(w.toMinute()));
        continue;
      }
      try {
        entries.add(
            new CarbonConfig.Entry(w.days(), w.fromMinute() / 60, w.toMinute() / 60, w.value()));
      } catch (IllegalArgumentException e) {
        problems.add(w.at().location(), e.getMessage());
      }
    }
    return entries;
  }

  private static Optional<LiveCarbonConfig> live(Located at, Problems problems) {
    int before = problems.count();
    Optional<MappingReader> reader = MappingReader.of(at, LIVE_KEYS, problems);
    if (reader.isEmpty()) {
      return Optional.empty();
    }
    MappingReader keys = reader.get();
    Duration refresh =
        keys.optional(REFRESH)
            .flatMap(d -> DurationSyntax.read(d, problems))
            .orElse(DEFAULT_REFRESH);
    Duration staleness =
        keys.optional(MAX_STALENESS)
            .flatMap(d -> DurationSyntax.read(d, problems))
            .orElse(DEFAULT_MAX_STALENESS);
    Duration timeout =
        keys.optional(TIMEOUT)
            .flatMap(
                d ->
                    d.within(
                        DurationSyntax.read(d, problems),
                        t -> t.toMillis() >= 1,
                        "must be at least 1ms",
                        problems))
            .orElse(DEFAULT_TIMEOUT);
    Optional<URI> url =
        keys.optional(URL).flatMap(u -> u.parse(problems, "an https URL", CarbonBinder::url));
    Optional<String> provider =
        keys.required(PROVIDER, LIVE_REQUIRED).flatMap(p -> text(p, problems));
    Optional<LiveCarbonConfig.Provider> chosen = Optional.empty();
    if (provider.isPresent()) {
      switch (provider.get()) {
        case ElectricityMaps.NAME -> chosen = electricityMaps(keys, at, problems);
        case UkCarbonIntensity.NAME -> chosen = ukCarbonIntensity(keys, problems);
        default ->
            problems.add(
                keys.optional(PROVIDER).orElseThrow().location(),
                "expected electricitymaps or ukcarbonintensity, got '" + provider.get() + "'");
      }
    }
    if (problems.count() > before || chosen.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new LiveCarbonConfig(chosen.get(), url, timeout, refresh, staleness));
  }

  private static Optional<LiveCarbonConfig.Provider> electricityMaps(
      MappingReader keys, Located at, Problems problems) {
    Optional<String> token =
        keys.required(AUTH_TOKEN_FILE, List.of(PROVIDER, AUTH_TOKEN_FILE))
            .flatMap(f -> f.parse(problems, "a readable file", CarbonBinder::token));
    Optional<String> zone = keys.optional(ZONE).flatMap(z -> text(z, problems));
    Optional<Double> lat = keys.optional(LATITUDE).flatMap(l -> coordinate(l, 90, problems));
    Optional<Double> lon = keys.optional(LONGITUDE).flatMap(l -> coordinate(l, 180, problems));
    if (token.isEmpty()) {
      return Optional.empty();
    }
    if (zone.isEmpty() && (lat.isEmpty() || lon.isEmpty())) {
      problems.add(at.location(), "electricitymaps needs a zone, or a latitude and a longitude");
      return Optional.empty();
    }
    return Optional.of(new ElectricityMaps(token.get(), zone, lat, lon));
  }

  private static Optional<LiveCarbonConfig.Provider> ukCarbonIntensity(
      MappingReader keys, Problems problems) {
    Optional<String> postcode = keys.optional(POSTCODE).flatMap(p -> text(p, problems));
    Optional<Integer> region =
        keys.optional(REGION_ID)
            .flatMap(
                r ->
                    r.parse(
                        problems,
                        "a region id from 1 to " + UkCarbonIntensity.MAX_REGION_ID,
                        text -> {
                          int id = text.matches("\\d{1,2}") ? Integer.parseInt(text) : -1;
                          if (id < 1 || id > UkCarbonIntensity.MAX_REGION_ID) {
                            throw new IllegalArgumentException(
                                "expected a region id from 1 to "
                                    + UkCarbonIntensity.MAX_REGION_ID
                                    + ", got '"
                                    + text
                                    + "'");
                          }
                          return id;
                        }));
    return Optional.of(new UkCarbonIntensity(postcode, region));
  }

  private static String token(String file) {
    try {
      String token = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      if (token.isEmpty()) {
        throw new IllegalArgumentException(file + " is empty; expected the API token");
      }
      return token;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static URI url(String text) {
    try {
      URI uri = new URI(text);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new IllegalArgumentException("expected an http or https URL, got '" + text + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("expected an http or https URL, got '" + text + "'");
    }
  }

  private static Optional<Double> grams(Located at, Problems problems) {
    return NumberSyntax.read(at, v -> v >= 0 && v <= 5000, "must be 0 to 5000", problems);
  }

  private static Optional<Double> coordinate(Located at, double limit, Problems problems) {
    return NumberSyntax.read(
        at, v -> Math.abs(v) <= limit, "must be -" + (int) limit + " to " + (int) limit, problems);
  }

  private static Optional<String> text(Located at, Problems problems) {
    return at.parse(problems, "a name", Function.identity());
  }
}
