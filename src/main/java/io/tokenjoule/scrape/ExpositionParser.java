package io.tokenjoule.scrape;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses a /metrics page in the Prometheus text format 0.0.4 or OpenMetrics 1.0, straight from its
 * bytes.
 *
 * <p>A line whose sample name the {@link SampleSelector} does not want costs a scan for its name
 * and its newline, and allocates nothing. Selected lines are read fully: labels (bare or quoted
 * names, escaped values, {@code {}}, a trailing comma), the value in Go's float syntax, an optional
 * timestamp (text: integer milliseconds; OpenMetrics: float seconds, converted to milliseconds),
 * and an optional exemplar, which is checked and dropped. Names in the UTF-8 quoted syntax ({@code
 * {"vllm:prompt_tokens_total",model_name="m"} 3}) come out unquoted. Blank lines, {@code \r\n} line
 * ends and comments other than {@code # HELP}, {@code # TYPE}, {@code # UNIT} and {@code # EOF} are
 * skipped silently. Both formats are read leniently: blanks may surround tokens, and exemplars are
 * accepted on text pages too.
 *
 * <p>A malformed line is dropped, counted and described, and parsing goes on with the next line;
 * nothing but {@link ExpositionLimitException} is thrown, whatever the bytes. A last line without
 * its newline is dropped unparsed, because a truncated counter value would read as a reset.
 *
 * <p>Thread-safe: each call works on its own state.
 */
public final class ExpositionParser {

  /** How many problem descriptions a {@link ParseResult} keeps. */
  public static final int MAX_PROBLEMS = 5;

  private static final String[] METRIC_TYPES = {
    "counter",
    "gauge",
    "histogram",
    "summary",
    "untyped",
    "unknown",
    "info",
    "stateset",
    "gaugehistogram"
  };
  private static final byte[][] METRIC_TYPE_BYTES = new byte[METRIC_TYPES.length][];

  /** Suffixes a family's sample names may add to the family name, in either format. */
  private static final byte[][] SAMPLE_SUFFIXES = {
    bytes("_total"),
    bytes("_created"),
    bytes("_bucket"),
    bytes("_count"),
    bytes("_sum"),
    bytes("_info"),
    bytes("_gcount"),
    bytes("_gsum")
  };

  private static final int LONGEST_SUFFIX = 8;

  private static final byte METRIC_NAME_START = 1;
  private static final byte METRIC_NAME_PART = 2;
  private static final byte LABEL_NAME_START = 4;
  private static final byte LABEL_NAME_PART = 8;
  private static final byte[] CHAR_CLASS = new byte[256];

  static {
    for (int i = 0; i < METRIC_TYPES.length; i++) {
      METRIC_TYPE_BYTES[i] = METRIC_TYPES[i].getBytes(StandardCharsets.US_ASCII);
    }
    for (int c = 0; c < 256; c++) {
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      boolean digit = c >= '0' && c <= '9';
      byte bits = 0;
      if (letter || c == ':') {
        bits |= METRIC_NAME_START | METRIC_NAME_PART;
      }
      if (digit) {
        bits |= METRIC_NAME_PART | LABEL_NAME_PART;
      }
      if (letter) {
        bits |= LABEL_NAME_START | LABEL_NAME_PART;
      }
      CHAR_CLASS[c] = bits;
    }
  }

  /** The bytes of the line being parsed: the caller's array, or the stream's carry buffer. */
  private byte[] buf;

  private final ExpositionFormat format;
  private final SampleSelector selector;
  private final ParserLimits limits;
  private final int maxSeries;

  private final NumberParser numbers = new NumberParser();
  private final Utf8StringCache strings = new Utf8StringCache();
  private final List<Sample> samples = new ArrayList<>();
  private final List<String> problems = new ArrayList<>(MAX_PROBLEMS);
  private final Map<String, String> familyTypes = new LinkedHashMap<>();
  private int lineNumber;
  private int sampleLines;
  private int unparsedLines;
  private boolean sawEof;
  private boolean cutShort;
  private long retainedBytes;
  private final DropCounts drops = new DropCounts();

  /** Set with {@link #error} when a limit, not a syntax error, refuses the current line. */
  private DropReason refusal;

  /** Why the current line is dropped; set by the step that failed. */
  private String error;

  private String[] labelNamesAndValues = new String[16];
  private int labelCount;

  /** Where the last quoted string's content is: in buf, or unescaped in scratch. */
  private int quotedFrom;

  private int quotedTo;
  private boolean quotedInScratch;
  private byte[] scratch = new byte[64];
  private byte[] familyScratch = new byte[0];

  ExpositionParser(ExpositionFormat format, SampleSelector selector, ParserLimits limits) {
    this.format = Objects.requireNonNull(format, "format");
    this.selector = Objects.requireNonNull(selector, "selector");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.maxSeries = limits.maxSeries();
  }

  /**
   * Parses {@code length} bytes of {@code body} from {@code offset}.
   *
   * @throws ExpositionLimitException when the page has more sample lines than {@code
   *     limits.maxSeries()}, or its selected series need more than {@code
   *     limits.maxRetainedBytes()}; the message names the limit
   */
  public static ParseResult parse(
      byte[] body,
      int offset,
      int length,
      ExpositionFormat format,
      SampleSelector selector,
      ParserLimits limits)
      throws ExpositionLimitException {
    Objects.requireNonNull(body, "body");
    Objects.checkFromIndexSize(offset, length, body.length);
    ExpositionStream stream = new ExpositionStream(format, selector, limits);
    stream.feed(body, offset, length);
    return stream.finish();
  }

  /** Parses a whole array. */
  public static ParseResult parse(
      byte[] body, ExpositionFormat format, SampleSelector selector, ParserLimits limits)
      throws ExpositionLimitException {
    return parse(body, 0, body.length, format, selector, limits);
  }

  /**
   * Parses one line, {@code bytes[from, newline)}, where {@code newline} is the index of its {@code
   * \n} (or of where it would be). A {@code \r} before it is not part of the line.
   */
  void line(byte[] bytes, int from, int newline) throws ExpositionLimitException {
    buf = bytes;
    lineNumber++;
    int lineEnd = newline > from && bytes[newline - 1] == '\r' ? newline - 1 : newline;
    if (sawEof) {
      if (skipBlanks(from, lineEnd) < lineEnd) {
        drop("text after # EOF");
      }
    } else {
      line(from, lineEnd);
    }
  }

  /**
   * Skips a line longer than {@link ParserLimits#maxLineBytes()}, of which {@code bytes[from, to)}
   * is the start: a comment is skipped silently, anything else counts as a sample line refused for
   * its length.
   */
  void longLine(byte[] bytes, int from, int to) throws ExpositionLimitException {
    buf = bytes;
    lineNumber++;
    int p = skipBlanks(from, to);
    if (sawEof || (p < to && bytes[p] == '#')) {
      return;
    }
    countSampleLine();
    drops.add(DropReason.LINE_LENGTH);
    if (wantsProblemText()) {
      problems.add(
          "line " + lineNumber + ": longer than " + limits.maxLineBytes() + " bytes, skipped");
    }
  }

  /**
   * The page ended with {@code bytes[from, to)} and no newline: dropped, unless it is OpenMetrics'
   * final # EOF.
   */
  void lastLine(byte[] bytes, int from, int to) {
    buf = bytes;
    lineNumber++;
    cutShort = !unterminatedLastLine(from, to);
  }

  /** What the lines given so far made. */
  ParseResult result() {
    boolean complete = format == ExpositionFormat.OPENMETRICS ? sawEof : !cutShort;
    return new ParseResult(
        samples, sampleLines, unparsedLines, problems, familyTypes, complete, drops.snapshot());
  }

  /**
   * Handles a last line that has no newline: dropped, unless it is OpenMetrics' final # EOF.
   *
   * @return whether the page is whole despite the missing newline
   */
  private boolean unterminatedLastLine(int pos, int end) {
    int lineEnd = end > pos && buf[end - 1] == '\r' ? end - 1 : end;
    if (format == ExpositionFormat.OPENMETRICS && !sawEof && isEof(pos, lineEnd)) {
      sawEof = true;
      return true;
    }
    if (skipBlanks(pos, lineEnd) < lineEnd) {
      drop(sawEof ? "text after # EOF" : "no newline at the end of the page: line cut short");
    }
    return false;
  }

  private boolean isEof(int from, int to) {
    int p = skipBlanks(from, to);
    if (p >= to || buf[p] != '#') {
      return false;
    }
    p = skipBlanks(p + 1, to);
    return to - p >= 3
        && buf[p] == 'E'
        && buf[p + 1] == 'O'
        && buf[p + 2] == 'F'
        && skipBlanks(p + 3, to) == to;
  }

  private void line(int from, int lineEnd) throws ExpositionLimitException {
    int p = skipBlanks(from, lineEnd);
    if (p == lineEnd) {
      return;
    }
    if (buf[p] == '#') {
      comment(p, lineEnd);
      return;
    }
    countSampleLine();
    refusal = null;
    if (!sample(p, lineEnd)) {
      if (refusal != null) {
        drops.add(refusal);
        if (wantsProblemText()) {
          problems.add("line " + lineNumber + ": " + error);
        }
      } else {
        drop(error);
      }
    }
  }

  private void countSampleLine() throws ExpositionLimitException {
    if (++sampleLines > maxSeries) {
      throw new ExpositionLimitException(
          DropReason.SERIES, "maxSeries", maxSeries, "more than " + maxSeries + " sample lines");
    }
  }

  private void drop(String reason) {
    unparsedLines++;
    if (problems.size() < MAX_PROBLEMS) {
      problems.add("line " + lineNumber + ": " + reason);
    }
  }

  private boolean wantsProblemText() {
    return problems.size() < MAX_PROBLEMS;
  }

  // ---- comments

  private void comment(int hash, int lineEnd) {
    int p = hash + 1;
    if (p >= lineEnd || !isBlank(buf[p])) {
      return;
    }
    p = skipBlanks(p, lineEnd);
    int keywordEnd = tokenEnd(p, lineEnd);
    if (keywordEnd - p != 4 && keywordEnd - p != 3) {
      return;
    }
    if (keywordEnd - p == 3) {
      if (buf[p] == 'E' && buf[p + 1] == 'O' && buf[p + 2] == 'F') {
        if (format == ExpositionFormat.OPENMETRICS && skipBlanks(keywordEnd, lineEnd) == lineEnd) {
          sawEof = true;
        }
      }
      return;
    }
    String keyword;
    if (matches(p, "HELP")) {
      keyword = "# HELP";
    } else if (matches(p, "TYPE")) {
      keyword = "# TYPE";
    } else if (matches(p, "UNIT")) {
      keyword = "# UNIT";
    } else {
      return;
    }
    int nameStart = skipBlanks(keywordEnd, lineEnd);
    if (nameStart == lineEnd) {
      drop("expected a metric name after " + keyword);
      return;
    }
    int nameEnd;
    if (buf[nameStart] == '"') {
      nameEnd = readQuoted(nameStart, lineEnd);
      if (nameEnd < 0) {
        drop(error);
        return;
      }
    } else {
      nameEnd = scanMetricName(nameStart, lineEnd);
      if (nameEnd == nameStart) {
        drop("expected a metric name after " + keyword);
        return;
      }
      quotedFrom = nameStart;
      quotedTo = nameEnd;
      quotedInScratch = false;
    }
    if (nameEnd < lineEnd && !isBlank(buf[nameEnd])) {
      drop("expected a blank after the metric name in " + keyword);
      return;
    }
    if (keyword.equals("# TYPE")) {
      int typeStart = skipBlanks(nameEnd, lineEnd);
      int typeEnd = tokenEnd(typeStart, lineEnd);
      String type = metricType(typeStart, typeEnd);
      if (type == null) {
        drop(
            typeStart == typeEnd
                ? "expected a type after the metric name in # TYPE"
                : "unknown metric type " + printable(typeStart, typeEnd));
        return;
      }
      if (skipBlanks(typeEnd, lineEnd) != lineEnd) {
        drop("unexpected text after the type in # TYPE");
        return;
      }
      byte[] nameBytes = quotedInScratch ? scratch : buf;
      if (familySelected(nameBytes, quotedFrom, quotedTo)) {
        familyTypes.put(
            new String(nameBytes, quotedFrom, quotedTo - quotedFrom, StandardCharsets.UTF_8), type);
      }
    }
  }

  /**
   * Whether the selector selects the family {@code name}: the name itself, or the name with one of
   * the suffixes its samples may carry.
   */
  private boolean familySelected(byte[] name, int from, int to) {
    if (selector.selects(name, from, to)) {
      return true;
    }
    int length = to - from;
    if (familyScratch.length < length + LONGEST_SUFFIX) {
      familyScratch = new byte[length + LONGEST_SUFFIX];
    }
    System.arraycopy(name, from, familyScratch, 0, length);
    for (byte[] suffix : SAMPLE_SUFFIXES) {
      System.arraycopy(suffix, 0, familyScratch, length, suffix.length);
      if (selector.selects(familyScratch, 0, length + suffix.length)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] bytes(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }

  private String metricType(int from, int to) {
    for (int i = 0; i < METRIC_TYPE_BYTES.length; i++) {
      byte[] type = METRIC_TYPE_BYTES[i];
      if (Arrays.equals(type, 0, type.length, buf, from, to)) {
        return METRIC_TYPES[i];
      }
    }
    return null;
  }

  private boolean matches(int p, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      if (buf[p + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  // ---- samples

  /**
   * Reads one sample line starting at its first non-blank byte. Returns false with {@link #error}
   * set when the line is malformed, true when it was added or not selected.
   */
  private boolean sample(int p, int lineEnd) throws ExpositionLimitException {
    String name;
    int afterLabels;
    boolean hasLabels;
    labelCount = 0;
    if (buf[p] == '{') {
      int q = skipBlanks(p + 1, lineEnd);
      if (q >= lineEnd || buf[q] != '"') {
        return fail("expected a metric name");
      }
      int afterName = readQuoted(q, lineEnd);
      if (afterName < 0) {
        return false;
      }
      int next = skipBlanks(afterName, lineEnd);
      if (next < lineEnd && buf[next] == '=') {
        return fail("expected a metric name before the labels");
      }
      boolean selected =
          quotedInScratch
              ? selector.selects(scratch, quotedFrom, quotedTo)
              : selector.selects(buf, quotedFrom, quotedTo);
      if (!selected) {
        return true;
      }
      name = quotedString();
      if (next >= lineEnd) {
        return fail("unterminated label set");
      } else if (buf[next] == ',') {
        afterLabels = labels(next + 1, lineEnd, true);
      } else if (buf[next] == '}') {
        afterLabels = next + 1;
      } else {
        return fail("expected , or } after the metric name");
      }
      hasLabels = true;
    } else {
      int nameEnd = scanMetricName(p, lineEnd);
      if (nameEnd == p) {
        return fail("expected a metric name");
      }
      if (!selector.selects(buf, p, nameEnd)) {
        return true;
      }
      name = strings.get(buf, p, nameEnd);
      int next = skipBlanks(nameEnd, lineEnd);
      hasLabels = next < lineEnd && buf[next] == '{';
      afterLabels = hasLabels ? labels(next + 1, lineEnd, true) : nameEnd;
    }
    if (afterLabels < 0) {
      return false;
    }
    if (afterLabels >= lineEnd || !isBlank(buf[afterLabels])) {
      return fail(
          hasLabels
              ? "expected a value after the labels"
              : "expected a value after the metric name");
    }
    int valueStart = skipBlanks(afterLabels, lineEnd);
    if (valueStart == lineEnd) {
      return fail(
          hasLabels
              ? "expected a value after the labels"
              : "expected a value after the metric name");
    }
    int valueEnd = tokenEnd(valueStart, lineEnd);
    if (!numbers.parseDouble(buf, valueStart, valueEnd)) {
      return fail(wantsProblemText() ? "invalid value " + printable(valueStart, valueEnd) : null);
    }
    double value = numbers.value;
    long timestamp = Sample.NO_TIMESTAMP;
    int p2 = skipBlanks(valueEnd, lineEnd);
    if (p2 < lineEnd && buf[p2] != '#') {
      int timestampEnd = tokenEnd(p2, lineEnd);
      if (!timestamp(p2, timestampEnd)) {
        return false;
      }
      timestamp = numbers.longValue;
      p2 = skipBlanks(timestampEnd, lineEnd);
    }
    if (p2 < lineEnd) {
      if (buf[p2] != '#') {
        return fail("unexpected text after the timestamp");
      }
      if (!exemplar(p2 + 1, lineEnd)) {
        return false;
      }
    }
    keep(new Sample(name, labels(), value, timestamp));
    return true;
  }

  private void keep(Sample sample) throws ExpositionLimitException {
    long labelBytes = sample.name().length();
    Labels labels = sample.labels();
    for (int i = 0; i < labels.size(); i++) {
      labelBytes += labels.name(i).length() + labels.value(i).length();
    }
    retainedBytes += ParserLimits.retainedBytes(labelBytes, labels.size());
    if (retainedBytes > limits.maxRetainedBytes()) {
      throw new ExpositionLimitException(
          DropReason.PAGE_MEMORY,
          "maxRetainedBytes",
          limits.maxRetainedBytes(),
          "selected series that need more than " + limits.maxRetainedBytes() + " bytes");
    }
    samples.add(sample);
  }

  /** Reads a timestamp into {@code numbers.longValue}, in milliseconds. */
  private boolean timestamp(int from, int to) {
    if (format == ExpositionFormat.PROMETHEUS_TEXT) {
      if (!numbers.parseLong(buf, from, to)) {
        return fail(
            wantsProblemText()
                ? "invalid timestamp " + printable(from, to) + ": expected integer milliseconds"
                : null);
      }
      return true;
    }
    if (!numbers.parseDouble(buf, from, to)
        || !Double.isFinite(numbers.value)
        || Math.abs(numbers.value) >= 9.2e15) {
      return fail(
          wantsProblemText()
              ? "invalid timestamp " + printable(from, to) + ": expected seconds"
              : null);
    }
    numbers.longValue = Math.round(numbers.value * 1000.0);
    return true;
  }

  /** Checks an OpenMetrics exemplar, {@code # {labels} value [timestamp]}, from after the #. */
  private boolean exemplar(int p, int lineEnd) {
    int q = skipBlanks(p, lineEnd);
    if (q == p || q >= lineEnd || buf[q] != '{') {
      return fail("malformed exemplar: expected # {labels} value");
    }
    int afterLabels = labels(q + 1, lineEnd, false);
    if (afterLabels < 0) {
      error = "malformed exemplar: " + error;
      return false;
    }
    int valueStart = skipBlanks(afterLabels, lineEnd);
    if (valueStart == afterLabels || valueStart == lineEnd) {
      return fail("malformed exemplar: expected a value after the labels");
    }
    int valueEnd = tokenEnd(valueStart, lineEnd);
    if (!numbers.parseDouble(buf, valueStart, valueEnd)) {
      return fail("malformed exemplar: invalid value");
    }
    int timestampStart = skipBlanks(valueEnd, lineEnd);
    if (timestampStart < lineEnd) {
      int timestampEnd = tokenEnd(timestampStart, lineEnd);
      if (!numbers.parseDouble(buf, timestampStart, timestampEnd)
          || skipBlanks(timestampEnd, lineEnd) != lineEnd) {
        return fail("malformed exemplar: invalid timestamp");
      }
    }
    return true;
  }

  /**
   * Reads label pairs from just after a {@code {} (or after the comma following a quoted metric
   * name) up to and including the closing brace. With {@code keep}, the pairs are added to the
   * current line's labels; without, they are only checked.
   *
   * @return the index after the closing brace, or -1 with {@link #error} set
   */
  private int labels(int p, int lineEnd, boolean keep) {
    while (true) {
      p = skipBlanks(p, lineEnd);
      if (p >= lineEnd) {
        return failAt("unterminated label set");
      }
      if (buf[p] == '}') {
        return p + 1;
      }
      String labelName = null;
      if (buf[p] == '"') {
        int afterName = readQuoted(p, lineEnd);
        if (afterName < 0) {
          return -1;
        }
        if (keep) {
          labelName = quotedString();
        }
        p = afterName;
      } else {
        int nameEnd = scanLabelName(p, lineEnd);
        if (nameEnd == p) {
          return failAt("expected a label name");
        }
        if (keep) {
          labelName = strings.get(buf, p, nameEnd);
        }
        p = nameEnd;
      }
      p = skipBlanks(p, lineEnd);
      if (p >= lineEnd || buf[p] != '=') {
        return failAt("expected = after a label name");
      }
      p = skipBlanks(p + 1, lineEnd);
      if (p >= lineEnd || buf[p] != '"') {
        return failAt("expected a quoted label value");
      }
      int afterValue = readQuoted(p, lineEnd);
      if (afterValue < 0) {
        return -1;
      }
      if (keep && quotedTo - quotedFrom > limits.maxLabelValueBytes()) {
        return refuse(
            DropReason.LABEL_VALUE_LENGTH,
            "label "
                + labelName
                + " has a value of "
                + (quotedTo - quotedFrom)
                + " bytes, over the limit of "
                + limits.maxLabelValueBytes());
      }
      if (keep && !addLabel(labelName, quotedString())) {
        return -1;
      }
      p = skipBlanks(afterValue, lineEnd);
      if (p >= lineEnd) {
        return failAt("unterminated label set");
      }
      if (buf[p] == ',') {
        p++;
      } else if (buf[p] == '}') {
        return p + 1;
      } else {
        return failAt("expected , or } after a label value");
      }
    }
  }

  private boolean addLabel(String labelName, String labelValue) {
    if (labelCount >= limits.maxLabelsPerSeries()) {
      refuse(
          DropReason.LABEL_COUNT,
          "more than " + limits.maxLabelsPerSeries() + " labels on one series");
      return false;
    }
    for (int i = 0; i < labelCount; i++) {
      if (labelNamesAndValues[2 * i].equals(labelName)) {
        return fail("duplicate label " + labelName);
      }
    }
    if (2 * labelCount + 2 > labelNamesAndValues.length) {
      labelNamesAndValues = Arrays.copyOf(labelNamesAndValues, labelNamesAndValues.length * 2);
    }
    labelNamesAndValues[2 * labelCount] = labelName;
    labelNamesAndValues[2 * labelCount + 1] = labelValue;
    labelCount++;
    return true;
  }

  private Labels labels() {
    return labelCount == 0
        ? Labels.EMPTY
        : Labels.of(Arrays.copyOf(labelNamesAndValues, 2 * labelCount));
  }

  /**
   * Reads a double-quoted string starting at {@code p} (the opening quote) and records where its
   * content is. Escapes {@code \\}, {@code \"} and {@code \n} are decoded into {@link #scratch}.
   *
   * @return the index after the closing quote, or -1 with {@link #error} set
   */
  private int readQuoted(int p, int lineEnd) {
    for (int q = p + 1; q < lineEnd; q++) {
      byte c = buf[q];
      if (c == '"') {
        quotedFrom = p + 1;
        quotedTo = q;
        quotedInScratch = false;
        return q + 1;
      }
      if (c == '\\') {
        return readEscaped(p + 1, q, lineEnd);
      }
    }
    return failAt("unterminated quoted string");
  }

  private int readEscaped(int from, int firstBackslash, int lineEnd) {
    int length = firstBackslash - from;
    ensureScratch(length + (lineEnd - firstBackslash));
    System.arraycopy(buf, from, scratch, 0, length);
    int q = firstBackslash;
    while (q < lineEnd) {
      byte c = buf[q];
      if (c == '"') {
        quotedFrom = 0;
        quotedTo = length;
        quotedInScratch = true;
        return q + 1;
      }
      if (c == '\\') {
        if (q + 1 >= lineEnd) {
          break;
        }
        byte escaped = buf[q + 1];
        if (escaped == '\\' || escaped == '"') {
          scratch[length++] = escaped;
        } else if (escaped == 'n') {
          scratch[length++] = '\n';
        } else {
          return failAt("invalid escape sequence " + printable(q, q + 2) + " in a quoted string");
        }
        q += 2;
      } else {
        scratch[length++] = c;
        q++;
      }
    }
    return failAt("unterminated quoted string");
  }

  private void ensureScratch(int capacity) {
    if (scratch.length < capacity) {
      scratch = new byte[Math.max(capacity, scratch.length * 2)];
    }
  }

  private String quotedString() {
    return quotedInScratch
        ? strings.get(scratch, quotedFrom, quotedTo)
        : strings.get(buf, quotedFrom, quotedTo);
  }

  // ---- bytes

  private int scanMetricName(int p, int lineEnd) {
    if (p >= lineEnd || (CHAR_CLASS[buf[p] & 0xff] & METRIC_NAME_START) == 0) {
      return p;
    }
    int q = p + 1;
    while (q < lineEnd && (CHAR_CLASS[buf[q] & 0xff] & METRIC_NAME_PART) != 0) {
      q++;
    }
    return q;
  }

  private int scanLabelName(int p, int lineEnd) {
    if (p >= lineEnd || (CHAR_CLASS[buf[p] & 0xff] & LABEL_NAME_START) == 0) {
      return p;
    }
    int q = p + 1;
    while (q < lineEnd && (CHAR_CLASS[buf[q] & 0xff] & LABEL_NAME_PART) != 0) {
      q++;
    }
    return q;
  }

  private int skipBlanks(int p, int lineEnd) {
    while (p < lineEnd && isBlank(buf[p])) {
      p++;
    }
    return p;
  }

  private int tokenEnd(int p, int lineEnd) {
    while (p < lineEnd && !isBlank(buf[p])) {
      p++;
    }
    return p;
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }

  /** A token for a problem message: quoted, at most 32 bytes, non-printable bytes as '?'. */
  private String printable(int from, int to) {
    int shown = Math.min(to - from, 32);
    StringBuilder out = new StringBuilder(shown + 5).append('\'');
    for (int i = from; i < from + shown; i++) {
      int c = buf[i] & 0xff;
      out.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
    }
    if (shown < to - from) {
      out.append("...");
    }
    return out.append('\'').toString();
  }

  private boolean fail(String reason) {
    error = reason;
    return false;
  }

  private int failAt(String reason) {
    error = reason;
    return -1;
  }

  private int refuse(DropReason reason, String why) {
    refusal = reason;
    error = why;
    return -1;
  }
}
