package io.tokenjoule.export;

import java.util.List;

/**
 * Writes an HTML table: a caption, a header row, and rows of cells whose text is escaped. A cell
 * may carry a CSS class (for example {@code bad} for a failed scrape). Not thread-safe; one per
 * table.
 */
final class HtmlTable {

  /** One cell: its text (escaped when written) and its CSS class, or null for none. */
  record Cell(String text, String cssClass) {

    static Cell of(String text) {
      return new Cell(text, null);
    }
  }

  private final StringBuilder html;

  /** Opens the table in {@code html}, with {@code id} and a header of {@code columns}. */
  HtmlTable(StringBuilder html, String id, String caption, List<String> columns) {
    this.html = html;
    html.append("<table id=\"").append(escape(id)).append("\"><caption>");
    html.append(escape(caption)).append("</caption><thead><tr>");
    for (String column : columns) {
      html.append("<th>").append(escape(column)).append("</th>");
    }
    html.append("</tr></thead><tbody>");
  }

  /** Appends a row; {@code name} goes into the row's {@code data-name}. */
  HtmlTable row(String name, List<Cell> cells) {
    html.append("<tr data-name=\"").append(escape(name)).append("\">");
    for (Cell cell : cells) {
      html.append(cell.cssClass() == null ? "<td>" : "<td class=\"" + cell.cssClass() + "\">");
      html.append(escape(cell.text())).append("</td>");
    }
    html.append("</tr>");
    return this;
  }

  /** Closes the table. */
  void end() {
    html.append("</tbody></table>");
  }

  /** Text safe in HTML element content and in double-quoted attributes. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
