package io.tokenjoule.scrape;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ExpositionParser} made of one page.
 *
 * @param samples the selected, well-formed samples, in page order
 * @param sampleLines every line that is neither blank nor a comment, selected or not
 * @param unparsedLines lines dropped: malformed lines, malformed {@code # HELP/TYPE/UNIT} lines, a
 *     truncated last line, lines after {@code # EOF}. Lines whose name the selector did not select
 *     are skipped without being checked, so they never count here
 * @param problems the first {@value ExpositionParser#MAX_PROBLEMS} reasons for dropping a line, for
 *     example {@code line 12: expected a value after the labels}
 * @param familyTypes metric family name to type as written in {@code # TYPE} lines (counter, gauge,
 *     histogram, summary, untyped, unknown, info, stateset, gaugehistogram), in page order
 * @param complete false when the page looks cut short: an OpenMetrics page without {@code # EOF},
 *     or a page whose last line has no newline (that line is dropped, never parsed: a counter value
 *     cut from {@code 12345} to {@code 123} would read as a counter reset)
 * @param drops series the label and line limits refused, by reason (they are not in {@code
 *     samples}, nor counted in {@code unparsedLines})
 */
public record ParseResult(
    List<Sample> samples,
    int sampleLines,
    int unparsedLines,
    List<String> problems,
    Map<String, String> familyTypes,
    boolean complete,
    Map<DropReason, Long> drops) {

  public ParseResult {
    samples = List.copyOf(samples);
    problems = List.copyOf(problems);
    familyTypes = Collections.unmodifiableMap(new LinkedHashMap<>(familyTypes));
    drops = Map.copyOf(drops);
  }
}
