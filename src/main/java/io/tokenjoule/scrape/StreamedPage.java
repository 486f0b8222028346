package io.tokenjoule.scrape;

/**
 * A page parsed as it streamed in.
 *
 * @param head the response head, with its timestamps
 * @param parsed what the parser kept
 * @param bodyBytes the decoded bytes the page had
 */
record StreamedPage(PageHead head, ParseResult parsed, long bodyBytes) {}
