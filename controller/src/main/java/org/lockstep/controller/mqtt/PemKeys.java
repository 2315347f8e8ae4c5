package org.lockstep.controller.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * PEM files (what openssl and {@code lockstep provision} write) as the JDK's trust and key managers, and as a key store
 * (the browser console's TLS certificate, {@code lockstep console --tls-cert}).
 */
public final class PemKeys {
    private PemKeys() {}

    /** Trusts exactly the CA certificate(s) in {@code caFile}, not the JVM's public CAs. */
    static TrustManager[] trustManagers(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        List<? extends Certificate> certs = certificates(caFile);
        for (int i = 0; i < certs.size(); i++) {
            trust.setCertificateEntry("ca-" + i, certs.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    /** A client certificate (chain) and its unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}). */
    static KeyManager[] keyManagers(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        MqttSecrets.checkPrivate(keyFile);
        char[] none = new char[0];
        KeyStore store = keyStore(certFile, keyFile, "client", none);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, none);
        return kmf.getKeyManagers();
    }

    /**
     * A certificate (chain, first the server's or client's own) and its unencrypted PKCS#8 key as an in-memory PKCS12
     * key store with one entry. The caller checks who may read the key file.
     */
    public static KeyStore keyStore(Path certFile, Path keyFile, String alias, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, privateKey(keyFile), password, certificates(certFile).toArray(Certificate[]::new));
        return store;
    }

    private static List<? extends Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<? extends Certificate> certs = List.copyOf(
                    CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certs.isEmpty()) {
                throw new GeneralSecurityException(file + ": no PEM certificate in it");
            }
            return certs;
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException(file + ": expected an unencrypted PKCS#8 key (BEGIN PRIVATE KEY);"
                    + " convert with: openssl pkcs8 -topk8 -nocrypt -in OLD -out " + file);
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException(file + ": not an EC, RSA or Ed25519 private key");
    }
}
