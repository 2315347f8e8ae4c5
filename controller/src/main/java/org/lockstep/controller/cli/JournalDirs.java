package org.lockstep.controller.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.lockstep.controller.journal.JournalReader;

/** A {@code --journal DIR} argument: one controller's journal, or a directory with one sub-directory per controller. */
final class JournalDirs {
    private JournalDirs() {}

    /**
     * What was found: controller id → its journal, read without changing anything; and every journal that could not
     * be named at all (each of its segment headers damaged), which is a problem, never a silent omission.
     */
    record Found(Map<String, JournalReader.Contents> journals, List<String> problems) {}

    static Found find(Path dir) throws Args.UsageException {
        if (!Files.isDirectory(dir)) {
            throw new Args.UsageException(dir + " is not a directory");
        }
        Map<String, JournalReader.Contents> all = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        JournalReader.Contents own = JournalReader.read(dir);
        if (own.controllerId().isPresent()) {
            all.put(own.controllerId().get(), own);
            return new Found(all, problems);
        }
        if (!own.scans().isEmpty()) {
            unnamed(own, problems);
            return new Found(all, problems);
        }
        try (Stream<Path> subs = Files.list(dir)) {
            for (Path sub : subs.filter(Files::isDirectory).sorted().toList()) {
                JournalReader.Contents c = JournalReader.read(sub);
                if (c.controllerId().isPresent()) {
                    all.put(c.controllerId().get(), c);
                } else if (!c.scans().isEmpty()) {
                    unnamed(c, problems);
                }
            }
        } catch (IOException e) {
            throw new Args.UsageException("cannot list " + dir + ": " + e.getMessage());
        }
        if (all.isEmpty() && problems.isEmpty()) {
            throw new Args.UsageException(dir + " holds no journal segments (journal-*.lsj), nor do its sub-directories");
        }
        return new Found(all, problems);
    }

    private static void unnamed(JournalReader.Contents c, List<String> problems) {
        c.problems().forEach(p -> problems.add(p.toString()));
        problems.add(c.dir() + ": " + c.scans().size() + " segment(s), none with a readable header: this controller's"
                + " journal cannot be read (its records are left out)");
    }
}
