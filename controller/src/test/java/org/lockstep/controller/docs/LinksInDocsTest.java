package org.lockstep.controller.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * The docs check, for links: every relative link and image in the README and the docs ({@code [text](path)},
 * {@code ![alt](path)}) names a file or directory that exists, so a picture moved or a doc renamed is a failing build,
 * not a broken page on the forge. Links with a scheme (https:, mailto:) and in-page anchors are not checked.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LinksInDocsTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    /** "file:line: target" for each relative link of {@code doc} whose target does not exist. */
    static List<String> broken(Path doc) {
        List<String> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINK.matcher(lines.get(i));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") || target.startsWith("#")) {
                    continue;
                }
                Path file = doc.getParent().resolve(target.replaceFirst("#.*", ""));
                if (!Files.exists(file)) {
                    out.add(DocSnippets.shown(doc) + ":" + (i + 1) + ": " + target + " does not exist");
                }
            }
        }
        return out;
    }

    @Test
    void every_relative_link_and_image_in_the_readme_and_the_docs_exists() {
        List<Path> docs = DocSnippets.docs();
        assertTrue(docs.size() >= 10, "the README and the docs are found: " + docs);
        assertEquals(List.of(), docs.stream().flatMap(d -> broken(d).stream()).toList());
    }

    @Test
    void the_check_fails_on_a_missing_image_and_a_missing_doc_but_not_on_a_web_link(@TempDir Path dir)
            throws IOException {
        Files.createDirectories(dir.resolve("docs/images"));
        Files.writeString(dir.resolve("docs/images/there.png"), "png");
        Path doc = Files.writeString(dir.resolve("README.md"), """
                ![ok](docs/images/there.png) and ![gone](docs/images/gone.png)
                See [the guide](docs/GUIDE.md#install), [the site](https://example.org/x) and [above](#top).
                """);
        List<String> broken = broken(doc);
        assertEquals(2, broken.size(), broken.toString());
        assertTrue(broken.get(0).endsWith("README.md:1: docs/images/gone.png does not exist"), broken.get(0));
        assertTrue(broken.get(1).endsWith("README.md:2: docs/GUIDE.md#install does not exist"), broken.get(1));
    }
}
