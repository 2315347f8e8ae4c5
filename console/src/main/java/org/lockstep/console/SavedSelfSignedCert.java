package org.lockstep.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import org.lockstep.controller.config.ConfigProblem;
import org.lockstep.controller.config.ConsoleTls;
import org.lockstep.controller.config.ConsoleTlsFiles;

/**
 * The self-signed certificate kept in {@code --data DIR} ({@link #CERT}, {@link #KEY}, mode 600), so its fingerprint
 * stays the same across restarts: a front office that compared it once, or bookmarked it, sees the same one tomorrow.
 * What is read back is checked like any certificate file ({@link ConsoleTlsFiles}: PEM, the key the certificate's,
 * valid now, not expiring within 30 days) after {@link DataDir#check} (a regular file only its user can read). Anything
 * wrong with it is not trusted: a new one is made and kept, and the start-up line says why its fingerprint changed.
 */
final class SavedSelfSignedCert {
    static final String CERT = "tls-self-signed.crt";
    static final String KEY = "tls-self-signed.key";

    private SavedSelfSignedCert() {}

    static TlsCertificate loadOrMake(DataDir dir, List<String> names, long nowMs) throws GeneralSecurityException {
        String why;
        try {
            dir.check(dir.file(CERT));
            dir.check(dir.file(KEY));
            ConsoleTls files = new ConsoleTls(dir.file(CERT), new ConsoleTls.Field("--data", 0, CERT), dir.file(KEY),
                    new ConsoleTls.Field("--data", 0, KEY));
            ConsoleTlsFiles.Checked checked = ConsoleTlsFiles.check(files, nowMs);
            if (checked.loaded().isPresent() && checked.warnings().isEmpty()) {
                return TlsCertificate.fromLoaded(checked.loaded().get(), "self-signed, kept in " + dir.path()
                        + " since " + Instant.ofEpochMilli(checked.loaded().get().chain().getFirst().getNotBefore()
                                .getTime()), List.of());
            }
            why = (checked.errors().isEmpty() ? checked.warnings() : checked.errors()).stream()
                    .map(ConfigProblem::message).collect(Collectors.joining("; "));
        } catch (DataDir.Unusable e) {
            why = e.getMessage();
        }
        boolean first = !java.nio.file.Files.exists(dir.file(CERT)) && !java.nio.file.Files.exists(dir.file(KEY));
        SelfSignedCert.Made made = SelfSignedCert.make(names, nowMs);
        try {
            Key key = made.keyStore().getKey(TlsCertificate.ALIAS, SelfSignedCert.PASSWORD.toCharArray());
            dir.replace(KEY, pem("PRIVATE KEY", key.getEncoded()));
            dir.replace(CERT, pem("CERTIFICATE", made.certificate().getEncoded()));
        } catch (IOException e) {
            return new TlsCertificate(made.keyStore(), SelfSignedCert.PASSWORD, made.sha256(), "self-signed, made at"
                    + " start; could not be kept in " + dir.path() + " (" + e.getMessage() + "): a new one at every"
                    + " start", List.of());
        }
        return new TlsCertificate(made.keyStore(), SelfSignedCert.PASSWORD, made.sha256(), first
                ? "self-signed, made now and kept in " + dir.path() + " (the same one at every start)"
                : "self-signed, made now and kept in " + dir.path() + ": A NEW FINGERPRINT, since the one kept there"
                        + " was not used: " + why, List.of());
    }

    private static byte[] pem(String type, byte[] der) {
        return ("-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }
}
