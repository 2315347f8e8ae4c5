package org.lockstep.controller.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

import org.lockstep.controller.trust.KeyFiles;
import org.lockstep.controller.trust.MessageSigner;

/** Reads the private key a command signs with ({@code --key FILE}), or says why it cannot. */
final class SignerFile {
    private SignerFile() {}

    /** The signer, or empty after printing the reason (missing, unreadable, readable by others) to {@code err}. */
    static Optional<MessageSigner> read(Path keyFile, PrintStream err) {
        try {
            return Optional.of(KeyFiles.readSigner(keyFile));
        } catch (KeyFiles.KeyFileException e) {
            err.println("lockstep: " + e.getMessage());
            return Optional.empty();
        }
    }
}
