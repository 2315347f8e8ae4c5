package org.lockstep.controller.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * SnakeYAML's syntax errors, said in Lockstep's words: what is wrong on the line and what to do, instead of parser
 * tokens ({@code expected <block end>, but found '<block mapping start>'}) that only a YAML implementer can read.
 * Anything not recognised keeps SnakeYAML's own sentence, prefixed "not valid YAML".
 */
final class YamlSyntax {
    private YamlSyntax() {}

    /** The line a person should look at: where the parser gave up. 0 when SnakeYAML gives no position. */
    static int line(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        return mark == null ? 0 : mark.getLine() + 1;
    }

    static String explain(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? String.valueOf(e.getMessage()) : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        Mark at = e.getProblemMark();
        Mark from = e.getContextMark();
        if (problem.contains("(TAB)") || problem.contains("'\\t'")) {
            return "not valid YAML: found a tab; YAML indents with spaces, not tabs";
        }
        if (problem.startsWith("expected <block end>") && at != null) {
            String parent = from == null ? "" : " (line " + (from.getLine() + 1) + ")";
            String column = from == null ? "" : " start in column " + (from.getColumn() + 1) + ",";
            return "indentation: this line starts in column " + (at.getColumn() + 1) + ", but the entries of the "
                    + (context.contains("sequence") ? "list" : "section") + " above it" + parent + column
                    + " so YAML cannot tell where it belongs. Indent it exactly like the entries beside it"
                    + " (with spaces), or start a new top-level section in column 1";
        }
        if (problem.startsWith("mapping values are not allowed")) {
            return "indentation or quoting: a 'key:' where YAML expected none. Either this line is indented further"
                    + " than the entries beside it (line it up with them), or the line above has a value containing"
                    + " ': ' (put that value in quotes)";
        }
        if (problem.startsWith("could not find expected ':'")) {
            String start = from == null ? "" : " (from line " + (from.getLine() + 1) + ")";
            return "a line without 'key: value'" + start + ": add the ':' after the key, or indent a value that"
                    + " continues onto this line further than its key";
        }
        if (context.contains("flow mapping") || context.contains("flow sequence")) {
            String open = from == null ? "" : " opened on line " + (from.getLine() + 1);
            return "a { ... } or [ ... ]" + open + " is not closed, or two of its entries lack a ',' between them";
        }
        if (context.contains("quoted scalar")) {
            String open = from == null ? "" : " opened on line " + (from.getLine() + 1);
            return "a quoted value" + open + " has no closing quote";
        }
        if (problem.startsWith("found duplicate anchor") || problem.startsWith("found undefined alias")) {
            return "not valid YAML: " + problem + ": an *alias must name an &anchor defined above it";
        }
        return "not valid YAML: " + problem + (context.isEmpty() ? "" : " (" + context + ")");
    }
}
