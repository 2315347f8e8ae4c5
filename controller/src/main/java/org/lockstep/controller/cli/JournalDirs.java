package org.lockstep.controller.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.lockstep.controller.journal.JournalReader;

/** A {@code --journal DIR} argument: one controller's journal, or a directory with one sub-directory per controller. */
final class JournalDirs {
    private JournalDirs() {}

    /** Controller id → what its journal holds, read without changing anything. */
    static Map<String, JournalReader.Contents> read(Path dir) throws Args.UsageException {
        if (!Files.isDirectory(dir)) {
            throw new Args.UsageException(dir + " is not a directory");
        }
        Map<String, JournalReader.Contents> all = new LinkedHashMap<>();
        JournalReader.Contents own = JournalReader.read(dir);
        if (own.controllerId().isPresent()) {
            all.put(own.controllerId().get(), own);
            return all;
        }
        try (Stream<Path> subs = Files.list(dir)) {
            for (Path sub : subs.filter(Files::isDirectory).sorted().toList()) {
                JournalReader.Contents c = JournalReader.read(sub);
                c.controllerId().ifPresent(id -> all.put(id, c));
            }
        } catch (IOException e) {
            throw new Args.UsageException("cannot list " + dir + ": " + e.getMessage());
        }
        if (all.isEmpty()) {
            throw new Args.UsageException(dir + " holds no journal segments (journal-*.lsj), nor do its sub-directories");
        }
        return all;
    }
}
