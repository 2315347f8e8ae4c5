package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.config.ConfigProblem;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.docs.DocSnippets;

/**
 * The docs check, for command lines: every {@code lockstep ...} line a doc tells a user to type is parsed by the real
 * CLI ({@link Main#parseOnly}: the command exists and takes those options), and so is every command a
 * {@code check-config} message tells the user to run.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CommandLinesInDocsTest {

    /** Null when the line parses; otherwise what the CLI said. */
    static String problem(DocSnippets.CommandLine c) {
        List<String> args = new ArrayList<>(c.args());
        // `lockstep help COMMAND` and `lockstep COMMAND [OPTIONS]` name a placeholder, not a command.
        if (args.getFirst().matches("[A-Z]+")) {
            return null;
        }
        if (args.getFirst().equals("help") && args.size() > 1 && args.get(1).matches("[A-Z]+")) {
            args.remove(1);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.parseOnly(args, new PrintStream(err, true, StandardCharsets.UTF_8));
        return code == Main.OK ? null : c + ": " + err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    static List<String> problems(List<DocSnippets.CommandLine> lines) {
        return lines.stream().map(CommandLinesInDocsTest::problem).filter(p -> p != null).toList();
    }

    @Test
    void every_command_line_in_the_readme_and_the_docs_parses_with_the_real_cli() {
        List<DocSnippets.CommandLine> lines = DocSnippets.docs().stream()
                .flatMap(f -> DocSnippets.commandLines(f).stream()).toList();
        assertTrue(lines.size() >= 20, "the docs show at least 20 lockstep command lines; found " + lines);
        assertTrue(lines.stream().anyMatch(c -> c.file().endsWith("README.md")), "README's commands are found");
        assertEquals(List.of(), problems(lines));
    }

    @Test
    void the_check_fails_on_an_option_or_a_command_that_does_not_exist(@TempDir Path dir) throws IOException {
        Path doc = Files.writeString(dir.resolve("BROKEN.md"), """
                Run `lockstep run --config site.yaml --controller east-lower --dryrun` first.

                ```sh
                sudo lockstep chek-config /etc/lockstep/site.yaml   # validate
                lockstep sim --script /tmp/x | tee out.txt
                ```
                """);
        List<DocSnippets.CommandLine> lines = DocSnippets.commandLines(doc);
        assertEquals(3, lines.size(), lines.toString());
        List<String> problems = problems(lines);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("BROKEN.md:1:") && problems.get(0).contains("did you mean --dry-run?"),
                problems.get(0));
        assertTrue(problems.get(1).contains("BROKEN.md:4:")
                && problems.get(1).contains("did you mean 'lockstep check-config'?"), problems.get(1));
    }

    @Test
    void a_command_that_check_config_recommends_exists(@TempDir Path dir) throws Exception {
        // GPIO 8 is pulled high while the Pi boots: an active-high relay there energises until Lockstep starts.
        String example = Files.readString(Path.of(MainTest.SITE));
        String c107 = "{ id: c107, room: Room 107, zone: east, role: classroom, controller: east-upper,\n"
                + "      relay: { pin: 16 }";
        assertTrue(example.contains(c107));
        Path file = Files.writeString(dir.resolve("site.yaml"), example.replace(c107, c107.replace("16", "8")));
        List<String> warnings = SiteConfigLoader.load(file).warnings().stream().map(ConfigProblem::message).toList();
        assertTrue(warnings.stream().anyMatch(w -> w.contains("pulled high while the Pi boots")), warnings.toString());
        Pattern quoted = Pattern.compile("'(lockstep [^']+)'");
        int commands = 0;
        for (String w : warnings) {
            Matcher m = quoted.matcher(w);
            while (m.find()) {
                commands++;
                List<String> args = new ArrayList<>(List.of(m.group(1).split(" +")));
                args.removeFirst();
                args.addAll(List.of("--config", "site.yaml")); // the warning names the command, not the file
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                assertEquals(Main.OK, Main.parseOnly(args, new PrintStream(err, true, StandardCharsets.UTF_8)),
                        m.group(1) + ": " + err.toString(StandardCharsets.UTF_8));
            }
        }
        assertTrue(commands > 0, "the warning names the command that prints the fix: " + warnings);
    }
}
