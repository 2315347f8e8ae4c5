package org.lockstep.controller.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.docs.DocSnippets;
import org.yaml.snakeyaml.Yaml;

/**
 * The docs check, for site files: every fenced {@code yaml} block in the README and the docs whose top-level keys are
 * site-file sections is loaded by the real loader, merged into the example site (the snippet's sections replace the
 * example's), and must load without errors. A block fenced as {@code ```yaml invalid} shows a mistake on purpose and
 * must be refused. Blocks that are not site files (no site section at the top) are left alone.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SiteSnippetsInDocsTest {
    static final Path EXAMPLE = DocSnippets.ROOT.resolve("deploy/site.example.yaml");
    private static final Pattern TOP_KEY = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*):.*");

    /** Problems with one block, each as {@code doc:line: message}; empty when the block is right. */
    static List<String> check(DocSnippets.YamlBlock block) throws IOException {
        Object parsed;
        try {
            parsed = new Yaml().load(block.text());
        } catch (RuntimeException e) {
            return List.of(block.where(1) + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        boolean invalid = block.info().equals("invalid");
        if (!(parsed instanceof Map<?, ?> map)
                || (map.keySet().stream().noneMatch(SiteBinder.SECTIONS::contains) && !invalid)) {
            return List.of(); // not a site file
        }
        Set<Object> replaced = new java.util.HashSet<>(map.keySet());
        if (replaced.contains("doors")) {
            replaced.add("map"); // the example's map places the example's doors, which the snippet replaced
        }
        String merged = block.text() + withoutSections(Files.readString(EXAMPLE), replaced);
        int snippetLines = (int) block.text().lines().count();
        List<String> problems = new ArrayList<>();
        try {
            SiteConfigLoader.load("snippet", new StringReader(merged));
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                problems.add((p.line() >= 1 && p.line() <= snippetLines ? block.where(p.line())
                        : block.where(1) + " (with the example's other sections)") + ": "
                        + (p.path().isEmpty() ? "" : p.path() + ": ") + p.message());
            }
        }
        if (invalid) {
            return problems.isEmpty() ? List.of(block.where(1) + ": marked invalid, but the loader accepts it")
                    : List.of();
        }
        return problems;
    }

    /** The example site's text without the top-level sections the snippet brings (its comments stay). */
    static String withoutSections(String site, Set<?> replaced) {
        StringBuilder out = new StringBuilder();
        boolean skipping = false;
        for (String line : site.split("\n", -1)) {
            var m = TOP_KEY.matcher(line);
            if (m.matches()) {
                skipping = replaced.contains(m.group(1));
            }
            if (!skipping) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    static Map<String, List<String>> checkAll(List<Path> docs) throws IOException {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (Path doc : docs) {
            for (DocSnippets.YamlBlock b : DocSnippets.yamlBlocks(doc)) {
                List<String> p = check(b);
                if (!p.isEmpty()) {
                    problems.put(b.where(1), p);
                }
            }
        }
        return problems;
    }

    @Test
    void every_site_file_snippet_in_the_readme_and_the_docs_loads_with_the_real_loader() throws IOException {
        List<Path> docs = DocSnippets.docs();
        long blocks = docs.stream().mapToLong(d -> DocSnippets.yamlBlocks(d).size()).sum();
        assertTrue(blocks >= 1, "the docs show site-file snippets; found none in " + docs);
        assertEquals(Map.of(), checkAll(docs));
    }

    @Test
    void the_check_fails_on_a_key_the_loader_rejects_and_names_the_doc_line(@TempDir Path dir) throws IOException {
        Path doc = Files.writeString(dir.resolve("BROKEN.md"), """
                # A page

                ```yaml
                doorDefaults:
                  actuationMs: 300
                  relay: { activeHigh: true, failMode: FAIL_SECURE }
                ```

                ```yaml
                services: { web: { image: nginx } }
                ```

                ```yaml invalid
                doorDefaults: { actuationMS: 300 }
                ```
                """);
        Map<String, List<String>> problems = checkAll(List.of(doc));
        assertEquals(1, problems.size(), problems.toString());
        List<String> first = problems.values().iterator().next();
        assertTrue(first.stream().anyMatch(p -> p.contains("BROKEN.md:6: doorDefaults.relay.failMode")), first.toString());
    }
}
