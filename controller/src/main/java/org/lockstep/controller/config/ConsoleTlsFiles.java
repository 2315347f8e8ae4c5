package org.lockstep.controller.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and checks the console's certificate and key files ({@link ConsoleTls}), as the console does at start and
 * {@code lockstep check-config FILE --console} does on the console's machine. Errors: a file missing or unreadable, not
 * PEM, the key readable by others, a key that is not the certificate's, a certificate expired or not yet valid. A
 * warning: one that expires within {@link #RENEW_WARNING_DAYS} days. Each problem names the file, the field and what
 * to do. The files are local but still bounded: at most {@link #MAX_FILE_BYTES} each, a chain of at most
 * {@link #MAX_CHAIN} certificates.
 */
public final class ConsoleTlsFiles {
    static final int MAX_FILE_BYTES = 64 * 1024;
    static final int MAX_CHAIN = 8;
    public static final long RENEW_WARNING_DAYS = 30;
    private static final long DAY_MS = 24L * 3600 * 1000;
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    /** The certificate chain (the console's own first) and its key, read and checked. */
    public record Loaded(List<X509Certificate> chain, PrivateKey key) {
        public Loaded {
            chain = List.copyOf(chain);
        }
    }

    /** What the check found; {@code loaded} is present exactly when there are no errors. */
    public record Checked(List<ConfigProblem> errors, List<ConfigProblem> warnings, Optional<Loaded> loaded) {
        public Checked {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }
    }

    private ConsoleTlsFiles() {}

    public static Checked check(ConsoleTls tls, long nowMs) {
        List<ConfigProblem> errors = new ArrayList<>();
        List<ConfigProblem> warnings = new ArrayList<>();
        Optional<List<X509Certificate>> chain = chain(tls, errors);
        Optional<PrivateKey> key = key(tls, errors);
        if (chain.isPresent()) {
            validity(tls, chain.get().getFirst(), nowMs, errors, warnings);
        }
        if (key.isPresent() && chain.isPresent() && !matches(key.get(), chain.get().getFirst().getPublicKey())) {
            errors.add(tls.keyAt().problem(tls.key() + " is not the private key of the certificate in " + tls.cert()
                    + " (its public key is another); give the key the certificate was issued for, or a certificate"
                    + " issued for this key"));
        }
        Optional<Loaded> loaded = errors.isEmpty() ? Optional.of(new Loaded(chain.get(), key.get())) : Optional.empty();
        return new Checked(errors, warnings, loaded);
    }

    private static Optional<PrivateKey> key(ConsoleTls tls, List<ConfigProblem> errors) {
        Path file = tls.key();
        ConsoleTls.Field at = tls.keyAt();
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(OTHERS::contains)) {
                errors.add(at.problem(file + " holds the console's TLS private key but others can read or write it"
                        + " (" + PosixFilePermissions.toString(perms) + "); refused: chmod 600 " + file
                        + " (and chown it to the console's user)"));
                return Optional.empty();
            }
        } catch (UnsupportedOperationException e) {
            // no POSIX modes on this file system: nothing to check
        } catch (IOException e) {
            // reported by the read below, which says why
        }
        Optional<String> pem = read(file, at, "private key", errors);
        if (pem.isEmpty()) {
            return Optional.empty();
        }
        String text = pem.get();
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            errors.add(at.problem(file + " is an encrypted key; the console starts unattended and needs it"
                    + " unencrypted (chmod 600 protects it): openssl pkcs8 -topk8 -nocrypt -in " + file + " -out NEW"));
            return Optional.empty();
        }
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            errors.add(at.problem(file + " is not a PEM private key in PKCS#8 (-----BEGIN PRIVATE KEY-----)"
                    + (text.contains("PRIVATE KEY-----") ? "; convert it: openssl pkcs8 -topk8 -nocrypt -in " + file
                            + " -out NEW" : "; give the key file the certificate was issued for")));
            return Optional.empty();
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
        } catch (IllegalArgumentException e) {
            errors.add(at.problem(file + ": the PEM key is damaged (not base64): " + e.getMessage()));
            return Optional.empty();
        }
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return Optional.of(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)));
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        errors.add(at.problem(file + " is not an EC, RSA or Ed25519 private key the console can use"));
        return Optional.empty();
    }

    private static Optional<List<X509Certificate>> chain(ConsoleTls tls, List<ConfigProblem> errors) {
        Path file = tls.cert();
        ConsoleTls.Field at = tls.certAt();
        Optional<String> pem = read(file, at, "certificate", errors);
        if (pem.isEmpty()) {
            return Optional.empty();
        }
        if (!pem.get().contains("-----BEGIN CERTIFICATE-----")) {
            errors.add(at.problem(file + " is not a PEM certificate (-----BEGIN CERTIFICATE-----)"
                    + (pem.get().contains("PRIVATE KEY") ? "; it holds a private key: swap cert and key" : "")));
            return Optional.empty();
        }
        Collection<? extends Certificate> certs;
        try (InputStream in = new ByteArrayInputStream(pem.get().getBytes(StandardCharsets.US_ASCII))) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (GeneralSecurityException | IOException e) {
            errors.add(at.problem(file + ": the PEM certificate cannot be read: " + e.getMessage()));
            return Optional.empty();
        }
        if (certs.isEmpty() || certs.size() > MAX_CHAIN) {
            errors.add(at.problem(file + ": expected 1.." + MAX_CHAIN + " certificates (the console's own first);"
                    + " found " + certs.size()));
            return Optional.empty();
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : certs) {
            if (!(c instanceof X509Certificate x)) {
                errors.add(at.problem(file + ": not an X.509 certificate"));
                return Optional.empty();
            }
            chain.add(x);
        }
        return Optional.of(chain);
    }

    private static void validity(ConsoleTls tls, X509Certificate cert, long nowMs, List<ConfigProblem> errors,
            List<ConfigProblem> warnings) {
        long from = cert.getNotBefore().getTime();
        long until = cert.getNotAfter().getTime();
        Path file = tls.cert();
        if (nowMs < from) {
            errors.add(tls.certAt().problem(file + " is not valid until " + Instant.ofEpochMilli(from) + " (now "
                    + Instant.ofEpochMilli(nowMs) + "); browsers would refuse it: check this machine's clock"
                    + " (timedatectl) or use a certificate valid now"));
        } else if (nowMs > until) {
            errors.add(tls.certAt().problem(file + " expired on " + Instant.ofEpochMilli(until) + "; browsers would"
                    + " refuse it: renew it (a new certificate for the same key needs no change to the key file)"));
        } else if (until - nowMs < RENEW_WARNING_DAYS * DAY_MS) {
            warnings.add(tls.certAt().problem(file + " expires on " + Instant.ofEpochMilli(until) + ", in "
                    + (until - nowMs) / DAY_MS + " days; renew it before then (the console refuses an expired one)"));
        }
    }

    /** The certificate's SHA-256 fingerprint as browsers show it (AB:CD:...). */
    public static String sha256(X509Certificate cert) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256 and can encode a certificate it parsed", e);
        }
    }

    /** Whether {@code key} is the private half of {@code pub}: it signs a random challenge that {@code pub} verifies. */
    private static boolean matches(PrivateKey key, PublicKey pub) {
        if (!key.getAlgorithm().equals(pub.getAlgorithm())) {
            return false;
        }
        String alg = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> key.getAlgorithm(); // Ed25519, EdDSA
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(challenge);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(pub);
            v.update(challenge);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return false; // a key of another curve or size is not this certificate's
        }
    }

    /** The file as text, at most {@link #MAX_FILE_BYTES}; empty (with an error naming the file and the fix) if not. */
    private static Optional<String> read(Path file, ConsoleTls.Field at, String what, List<ConfigProblem> errors) {
        try {
            // A directory, a device or a pipe is refused before it is opened: a FIFO would block the start forever.
            if (!Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).isRegularFile()) {
                errors.add(at.problem(file + " is not a regular file (a directory, a device or a pipe); expected the "
                        + what + " file (PEM)"));
                return Optional.empty();
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                errors.add(at.problem(file + " is larger than " + MAX_FILE_BYTES + " bytes; not a PEM " + what));
                return Optional.empty();
            }
            return Optional.of(new String(bytes, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            errors.add(at.problem(file + ": file not found; put the " + what + " there (a relative path is read"
                    + " from the site file's directory) or fix the path"));
        } catch (AccessDeniedException e) {
            errors.add(at.problem(file + ": cannot read the " + what + ": permission denied; it must be readable by"
                    + " the console's user (run this check as that user, e.g. sudo -u lockstep)"));
        } catch (IOException e) {
            errors.add(at.problem(file + ": cannot read the " + what + ": " + e.getMessage()));
        }
        return Optional.empty();
    }
}
