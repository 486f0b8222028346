/**
 * The agent's log output: {@code --log.level} and {@code --log.format} (logfmt or JSON, one line
 * per event) applied to logback at command start, with layouts of our own.
 */
package io.tokenjoule.logging;
