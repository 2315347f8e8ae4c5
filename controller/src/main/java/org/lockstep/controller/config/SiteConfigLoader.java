package org.lockstep.controller.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a site file and checks all of it before anything moves: either a {@link SiteConfig} (possibly with
 * warnings), or a {@link ConfigException} listing every error with file, line, field path, and expected vs found.
 *
 * <p>The file is composed into YAML nodes, never constructed into Java objects by SnakeYAML: the node tree keeps line
 * numbers and duplicate keys, and no tag in the file can make the loader instantiate a class.
 */
public final class SiteConfigLoader {
    /** A site file is a few hundred lines; anything far bigger is not a site file. */
    static final int MAX_FILE_CHARS = 1_000_000;
    /** Bounds alias expansion ("billion laughs") well above what anchors for shared defaults need. */
    static final int MAX_ALIASES = 100;
    static final int MAX_NESTING_DEPTH = 20;

    private SiteConfigLoader() {}

    public static SiteConfig load(Path file) throws ConfigException {
        String name = file.toString();
        String text;
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw fileProblem(name, "is a directory; expected a site file such as site.yaml");
            }
            if (Files.size(file) > MAX_FILE_CHARS * 4L) {
                throw fileProblem(name, "is " + Files.size(file) + " bytes; a site file is at most " + MAX_FILE_CHARS
                        + " characters");
            }
            // Read once: the bytes hashed are the bytes parsed (no second read that could see another file).
            bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw fileProblem(name, "file not found");
        } catch (AccessDeniedException e) {
            throw fileProblem(name, "cannot read the file: permission denied");
        } catch (CharacterCodingException e) {
            throw fileProblem(name, "is not UTF-8 text");
        } catch (IOException e) {
            throw fileProblem(name, "cannot read the file: " + e);
        }
        return parse(name, file, text, sha256(bytes));
    }

    /** Lowercase hex SHA-256 of {@code bytes}: what a controller publishes as its site file's hash. */
    public static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /** For tests and for files that come from elsewhere; {@code name} is what problems call the file. */
    public static SiteConfig load(String name, Reader reader) throws ConfigException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int n; (n = reader.read(buffer)) != -1; ) {
                text.append(buffer, 0, n);
                if (text.length() > MAX_FILE_CHARS) {
                    throw fileProblem(name, "is longer than " + MAX_FILE_CHARS + " characters; not a site file");
                }
            }
        } catch (IOException e) {
            throw fileProblem(name, "cannot read: " + e);
        }
        return parse(name, Path.of(name), text.toString(),
                sha256(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static SiteConfig parse(String name, Path file, String text, String sha256) throws ConfigException {
        if (text.length() > MAX_FILE_CHARS) {
            throw fileProblem(name, "is longer than " + MAX_FILE_CHARS + " characters; not a site file");
        }
        Node root = compose(name, text);
        if (root == null || (root instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
            throw fileProblem(name, "the file is empty; expected a site description (see deploy/site.example.yaml)");
        }
        ProblemList problems = new ProblemList(name);
        YamlCursor top = YamlCursor.root(problems, root);
        if (!(root instanceof MappingNode)) {
            top.error("expected a map of sections (" + String.join(", ", SiteBinder.SECTIONS) + "), found "
                    + YamlCursor.describe(root));
            throw new ConfigException(problems.errors());
        }
        Optional<YamlMap> sections = top.map(SiteBinder.SECTIONS.toArray(String[]::new));
        Optional<SiteConfig> config = sections.flatMap(m -> new SiteBinder(problems).bind(m, file, sha256));
        if (problems.hasErrors() || config.isEmpty()) {
            throw new ConfigException(problems.errors());
        }
        return config.get();
    }

    private static Node compose(String name, String text) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_FILE_CHARS);
        options.setAllowRecursiveKeys(false);
        try {
            return new Yaml(options).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new ConfigException(List.of(new ConfigProblem(name, YamlSyntax.line(e), "", YamlSyntax.explain(e))));
        } catch (YAMLException e) {
            throw fileProblem(name, "not valid YAML: " + e.getMessage());
        }
    }

    private static ConfigException fileProblem(String name, String message) {
        return new ConfigException(List.of(new ConfigProblem(name, 0, "", message)));
    }
}
