package io.tokenjoule.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The "Commands:" section of a help page: each command with the first sentence of its description,
 * whole. Picocli shows the first line of the description, which cuts a sentence that spans lines.
 */
final class CommandList implements IHelpSectionRenderer {

  /** Puts this list in the help of {@code commandLine} and of every command below it. */
  static void install(CommandLine commandLine) {
    commandLine
        .getHelpSectionMap()
        .put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandList());
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      install(sub);
    }
  }

  @Override
  public String render(Help help) {
    Map<String, Help> commands = help.subcommands();
    int nameWidth = 0;
    for (Map.Entry<String, Help> command : commands.entrySet()) {
      if (!command.getValue().commandSpec().usageMessage().hidden()) {
        nameWidth = Math.max(nameWidth, command.getKey().length());
      }
    }
    if (nameWidth == 0) {
      return "";
    }
    int width = help.commandSpec().usageMessage().width();
    TextTable table =
        TextTable.forColumns(
            help.colorScheme(),
            new Column(nameWidth + 4, 2, Overflow.SPAN),
            new Column(width - nameWidth - 4, 0, Overflow.WRAP));
    for (Map.Entry<String, Help> command : commands.entrySet()) {
      CommandSpec spec = command.getValue().commandSpec();
      if (!spec.usageMessage().hidden()) {
        table.addRowValues(
            help.colorScheme().commandText(command.getKey()),
            help.colorScheme().text(summary(spec.usageMessage())));
      }
    }
    return table.toString();
  }

  /** The names of the commands below {@code spec} that its help lists. */
  static List<String> visibleNames(CommandSpec spec) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
      if (!sub.getValue().getCommandSpec().usageMessage().hidden()
          && !names.contains(sub.getValue().getCommandName())) {
        names.add(sub.getValue().getCommandName());
      }
    }
    return names;
  }

  /** The header if the command has one, else the first sentence of its description. */
  static String summary(UsageMessageSpec usage) {
    if (usage.header().length > 0) {
      return String.join(" ", usage.header()).strip();
    }
    String text = String.join(" ", usage.description()).strip();
    for (int i = 1; i < text.length(); i++) {
      boolean endOfSentence =
          text.charAt(i - 1) == '.'
              && Character.isWhitespace(text.charAt(i))
              && (i < 2 || text.charAt(i - 2) != '.');
      if (endOfSentence) {
        return text.substring(0, i);
      }
    }
    return text;
  }
}
