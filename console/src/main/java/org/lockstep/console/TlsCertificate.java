package org.lockstep.console;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.lockstep.controller.config.ConfigProblem;
import org.lockstep.controller.config.ConsoleTls;
import org.lockstep.controller.config.ConsoleTlsFiles;

/**
 * The certificate the console serves: one the site gives it (the site file's {@code console: tls:}, or
 * {@code --tls-cert FILE --tls-key FILE}, which wins; PEM, e.g. signed by the site's CA: no browser warning, a
 * fingerprint that stays), or a self-signed one ({@link SelfSignedCert}, kept by {@link SavedSelfSignedCert} with
 * {@code --data DIR}). Either way its SHA-256 fingerprint is printed at start.
 *
 * @param source what to print about where it came from
 * @param warnings what to print before starting (e.g. it expires within 30 days)
 */
record TlsCertificate(KeyStore keyStore, String password, String sha256, String source, List<String> warnings) {
    static final String ALIAS = "console";

    TlsCertificate {
        warnings = List.copyOf(warnings);
    }

    /** Thrown when the given files cannot be used; the message says why and what to do, one problem a line. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    static TlsCertificate generated(List<String> names, long nowMs) throws GeneralSecurityException {
        SelfSignedCert.Made m = SelfSignedCert.make(names, nowMs);
        return new TlsCertificate(m.keyStore(), SelfSignedCert.PASSWORD, m.sha256(), "made at start (self-signed)",
                List.of());
    }

    /** {@code --tls-cert CERT --tls-key KEY}, checked as the site file's would be. */
    static TlsCertificate fromPem(Path certFile, Path keyFile) throws Unusable {
        return fromFiles(ConsoleTls.fromOptions(certFile, keyFile), "from " + certFile + " (--tls-cert)",
                System.currentTimeMillis());
    }

    /**
     * The certificate {@code --tls-cert}/{@code --tls-key} name, else the one the site file's {@code console: tls:}
     * names; empty when neither does (the console then serves a self-signed one).
     */
    static Optional<TlsCertificate> named(Optional<String> certOption, Optional<String> keyOption,
            Optional<ConsoleTls> site, long nowMs) throws Unusable {
        if (certOption.isPresent() && keyOption.isPresent()) {
            return Optional.of(fromFiles(ConsoleTls.fromOptions(Path.of(certOption.get()), Path.of(keyOption.get())),
                    "from " + certOption.get() + " (--tls-cert" + (site.isPresent() ? ", which wins over console.tls"
                            + " in the site file" : "") + ")", nowMs));
        }
        if (site.isPresent()) {
            return Optional.of(fromFiles(site.get(), "from " + site.get().cert() + " (console.tls in "
                    + site.get().certAt().file() + ")", nowMs));
        }
        return Optional.empty();
    }

    /** The files {@code tls} names, checked by {@link ConsoleTlsFiles}: every problem in the message if unusable. */
    static TlsCertificate fromFiles(ConsoleTls tls, String source, long nowMs) throws Unusable {
        ConsoleTlsFiles.Checked checked = ConsoleTlsFiles.check(tls, nowMs);
        if (checked.loaded().isEmpty()) {
            throw new Unusable(checked.errors().stream().map(ConfigProblem::toString)
                    .collect(Collectors.joining("\n")));
        }
        try {
            return fromLoaded(checked.loaded().get(), source,
                    checked.warnings().stream().map(w -> "warning: " + w).toList());
        } catch (GeneralSecurityException e) {
            throw new Unusable(tls.cert() + ": cannot use it for TLS: " + e.getMessage());
        }
    }

    static TlsCertificate fromLoaded(ConsoleTlsFiles.Loaded loaded, String source, List<String> warnings)
            throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot make an in-memory key store: " + e.getMessage(), e);
        }
        ks.setKeyEntry(ALIAS, loaded.key(), new char[0], loaded.chain().toArray(Certificate[]::new));
        return new TlsCertificate(ks, "", ConsoleTlsFiles.sha256(loaded.chain().getFirst()), source, warnings);
    }
}
