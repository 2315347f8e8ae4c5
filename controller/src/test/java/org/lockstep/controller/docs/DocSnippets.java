package org.lockstep.controller.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the docs tell a user to type and to write: every {@code lockstep} command line (in fenced blocks and in inline
 * code) and every fenced {@code yaml} block, with the file and line it came from. Finds the docs by walking the
 * repository (README.md, and every {@code .md} under docs/ and deploy/), so a new page is checked without being
 * registered anywhere.
 */
public final class DocSnippets {
    /** The repository root, seen from a module's directory (where surefire runs). */
    public static final Path ROOT = Path.of("..");

    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([A-Za-z0-9_-]*)\\s*(.*)$");
    private static final Pattern INLINE = Pattern.compile("`((?:\\./|/usr/bin/)?lockstep [^`]+)`");
    private static final Pattern LAUNCHER = Pattern.compile("(\\./|/usr/bin/)?lockstep");

    private DocSnippets() {}

    /** A command line as documented: where, the text, and its words (launcher first). */
    public record CommandLine(Path file, int line, String text, List<String> words) {
        public List<String> args() {
            return words.subList(1, words.size());
        }

        @Override
        public String toString() {
            return shown(file) + ":" + line + ": `" + text + "`";
        }
    }

    /** A fenced YAML block: where its first content line is, its info string after the language, its text. */
    public record YamlBlock(Path file, int firstLine, String info, String text) {
        public String where(int lineInBlock) {
            return shown(file) + ":" + (firstLine + lineInBlock - 1);
        }
    }

    /** A doc as a reader names it: relative to the repository root. */
    static String shown(Path file) {
        return (file.isAbsolute() ? file : ROOT.relativize(file)).toString();
    }

    public static List<Path> docs() {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        for (String dir : List.of("docs", "deploy")) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(dir))) {
                walk.filter(p -> p.toString().endsWith(".md") && !p.toString().contains("/target/"))
                        .sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    public static List<CommandLine> commandLines(Path file) {
        List<String> lines = read(file);
        List<CommandLine> found = new ArrayList<>();
        String fenceLang = null;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            Matcher fence = FENCE.matcher(l);
            if (fence.matches()) {
                fenceLang = fenceLang == null ? fence.group(1) : null;
                continue;
            }
            if (fenceLang != null) {
                if (fenceLang.equals("yaml") || fenceLang.equals("yml") || fenceLang.equals("json")) {
                    continue;
                }
                int first = i;
                StringBuilder logical = new StringBuilder();
                while (l.endsWith("\\") && i + 1 < lines.size()) {
                    logical.append(l, 0, l.length() - 1).append(' ');
                    l = lines.get(++i);
                }
                logical.append(l);
                for (String segment : shellSegments(logical.toString())) {
                    commandIn(file, first + 1, segment).ifPresent(found::add);
                }
            } else {
                Matcher m = INLINE.matcher(l);
                while (m.find()) {
                    for (String segment : shellSegments(m.group(1).replaceAll("[\\[\\]]", " "))) {
                        commandIn(file, i + 1, segment).ifPresent(found::add);
                    }
                }
            }
        }
        return found;
    }

    public static List<YamlBlock> yamlBlocks(Path file) {
        List<String> lines = read(file);
        List<YamlBlock> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches() || fence.group(1).isEmpty()) {
                continue;
            }
            String lang = fence.group(1);
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !FENCE.matcher(lines.get(end)).matches()) {
                end++;
            }
            if (lang.equals("yaml") || lang.equals("yml")) {
                found.add(new YamlBlock(file, start + 1, fence.group(2).trim(),
                        String.join("\n", lines.subList(start, end)) + "\n"));
            }
            i = end;
        }
        return found;
    }

    /** Splits at pipes, {@code &&}, {@code ||} and {@code ;} outside quotes, after dropping a {@code #} comment. */
    static List<String> shellSegments(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                cur.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                cur.append(c);
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                break;
            } else if (c == '|' || c == ';' || c == '&') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** The words of a shell segment, quotes removed; a leading {@code $ } prompt, {@code sudo} and {@code time} dropped. */
    static List<String> words(String segment) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(segment);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        for (int i = 0; i < words.size(); i++) { // redirections are the shell's, not the command's
            if (words.get(i).matches("\\d*[<>]+.*")) {
                boolean bare = words.get(i).matches("\\d*[<>]+");
                words.remove(i);
                if (bare && i < words.size()) {
                    words.remove(i);
                }
                i--;
            }
        }
        while (!words.isEmpty() && List.of("$", "sudo", "time", "nice", "exec").contains(words.getFirst())) {
            words.removeFirst();
            if (words.size() > 1 && words.getFirst().equals("-u")) { // sudo -u USER
                words.subList(0, 2).clear();
            }
        }
        return words;
    }

    private static java.util.Optional<CommandLine> commandIn(Path file, int line, String segment) {
        List<String> w = words(segment);
        if (w.size() < 2 || !LAUNCHER.matcher(w.getFirst()).matches()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new CommandLine(file, line, segment.trim(), w));
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
