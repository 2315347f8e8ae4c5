package org.lockstep.controller.cli;

import java.nio.file.Path;
import java.util.Optional;

import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.trust.Ed25519PublicKey;
import org.lockstep.controller.trust.KeyFiles;
import org.lockstep.controller.trust.KeyHolder;
import org.lockstep.controller.trust.MessageSigner;

/**
 * A controller's own private key, as {@code lockstep run} and {@code lockstep check-config --controller} find it
 * (docs/SECURITY.md, "Peer messages"): {@code --key FILE}, by default {@code /etc/lockstep/keys/<controller>.key}.
 * The controller signs its zone modes and site-bus shares with it; the other controllers act on nothing unsigned.
 *
 * <p>A missing or unusable key never stops a controller: it still locks its own doors, takes its panic buttons and
 * detectors, and obeys signed commands (those need only the site's public keys). What it loses is the other
 * controllers: they refuse its peer messages, so a panic press here locks only this controller's doors. That is
 * said once, loudly, at start ({@link Loaded#problem}), and raised as a device fault so the office sees it.
 */
final class ControllerKey {
    static final String DEFAULT_DIR = "/etc/lockstep/keys";
    /** The device id of the fault raised while the controller cannot sign (cleared by a start with a good key). */
    static final String FAULT_ID = "signing-key";

    /**
     * @param signer the key to sign with, if the file holds one for this controller (also when the site file lists
     *        another key for it: signing costs nothing, and a newer site file may list it)
     * @param problem why peers will refuse this controller's messages, for the start-up log; empty when they will not
     */
    record Loaded(Optional<MessageSigner> signer, Optional<String> problem) {}

    private ControllerKey() {}

    static Path defaultFile(String controllerId) {
        return Path.of(DEFAULT_DIR, controllerId + ".key");
    }

    static Loaded load(SiteConfig config, String controllerId, Path file) {
        String consequence = "; controller " + controllerId + " still locks its own doors and obeys signed commands, "
                + "but every other controller will refuse its zone modes and panic/detector shares, so a panic press "
                + "here locks only this controller's doors (docs/SECURITY.md, Peer messages)";
        MessageSigner signer;
        try {
            signer = KeyFiles.readSigner(file);
        } catch (KeyFiles.KeyFileException e) {
            return new Loaded(Optional.empty(), Optional.of("no usable private key: " + e.getMessage()
                    + ". Make one on this controller as the user it runs as: `lockstep keys new --holder " + controllerId
                    + " --dir " + (file.getParent() == null ? DEFAULT_DIR : file.getParent())
                    + "`, and put the line it prints under keys.controllers in the site file" + consequence));
        }
        if (!signer.holderId().equals(controllerId)) {
            return new Loaded(Optional.empty(), Optional.of(file + " is the key of '" + signer.holderId()
                    + "', not of controller '" + controllerId + "' (check --key)" + consequence));
        }
        Ed25519PublicKey own = signer.publicKey();
        Optional<KeyHolder> listed = config.keys().holder(controllerId)
                .filter(h -> h.kind() == KeyHolder.Kind.CONTROLLER);
        if (listed.isEmpty()) {
            return new Loaded(Optional.of(signer), Optional.of("the site file lists no key for controller '"
                    + controllerId + "': add `" + controllerId + ": " + own.base64() + "` under keys.controllers and "
                    + "give every controller the new file" + consequence));
        }
        if (!listed.get().key().equals(own)) {
            return new Loaded(Optional.of(signer), Optional.of(file + " holds key " + own.shortId()
                    + "…, but the site file lists " + listed.get().key().shortId() + "… for controller '" + controllerId
                    + "': put `" + own.base64() + "` under keys.controllers (or use the matching key file)"
                    + consequence));
        }
        if (config.keys().isRevoked(own)) {
            return new Loaded(Optional.of(signer), Optional.of("the key in " + file + " (" + own.shortId()
                    + "…) is revoked in the site file: make a new one with `lockstep keys new --holder " + controllerId
                    + "`" + consequence));
        }
        return new Loaded(Optional.of(signer), Optional.empty());
    }
}
