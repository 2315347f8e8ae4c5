package org.lockstep.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.lockstep.controller.mqtt.PemKeys;

/**
 * The certificate the console serves: one the site gives it ({@code --tls-cert FILE --tls-key FILE}, PEM, e.g. signed
 * by the site's CA from {@code lockstep provision}: no browser warning, a fingerprint that stays), or a self-signed one
 * made at start ({@link SelfSignedCert}). Either way its SHA-256 fingerprint is printed at start.
 *
 * @param source what to print about where it came from
 */
record TlsCertificate(KeyStore keyStore, String password, String sha256, String source) {
    static final String ALIAS = "console";

    /** Thrown when the given files cannot be used; the message says why and what to do. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    static TlsCertificate generated(List<String> names, long nowMs) throws GeneralSecurityException {
        SelfSignedCert.Made m = SelfSignedCert.make(names, nowMs);
        return new TlsCertificate(m.keyStore(), SelfSignedCert.PASSWORD, m.sha256(), "made at start (self-signed)");
    }

    /** The certificate (chain) in {@code certFile} and its unencrypted PKCS#8 key, readable by its owner alone. */
    static TlsCertificate fromPem(Path certFile, Path keyFile) throws Unusable {
        try {
            requirePrivate(keyFile);
            char[] pw = new char[0];
            KeyStore ks = PemKeys.keyStore(certFile, keyFile, ALIAS, pw);
            Certificate own = ks.getCertificate(ALIAS);
            return new TlsCertificate(ks, "", SelfSignedCert.fingerprint(own.getEncoded()), "from " + certFile);
        } catch (IOException e) {
            throw new Unusable("cannot read the TLS certificate or key: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new Unusable(e.getMessage());
        }
    }

    private static void requirePrivate(Path keyFile) throws IOException, Unusable {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(keyFile);
        } catch (UnsupportedOperationException e) {
            return; // no POSIX modes on this file system: nothing to check
        }
        Set<PosixFilePermission> open = EnumSet.copyOf(perms);
        open.retainAll(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE));
        if (!open.isEmpty()) {
            throw new Unusable(keyFile + ": the console's TLS private key is open to others (mode "
                    + PosixFilePermissions.toString(perms) + "): run  chmod 600 " + keyFile);
        }
    }
}
