package org.lockstep.console;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A self-signed TLS certificate made at start (EC P-256, valid a year), for a console whose site file gives none: the
 * browser warns once, and the person compares the SHA-256 fingerprint it shows with the one printed at start. Built
 * with BouncyCastle's ASN.1 classes (bcprov, already a dependency) and signed with the JDK.
 */
final class SelfSignedCert {
    static final String PASSWORD = "lockstep-console"; // an in-memory key store that never touches the disk
    private static final long VALID_MS = 365L * 24 * 3600 * 1000;

    /** The key store for Jetty and the certificate's fingerprint, as browsers show it (AB:CD:...). */
    record Made(KeyStore keyStore, X509Certificate certificate, String sha256) {}

    private SelfSignedCert() {}

    /** @param names the host names and IP addresses the console is reached by (subject alternative names) */
    static Made make(List<String> names, long nowMs) throws GeneralSecurityException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair kp = g.generateKeyPair();
            X500Name subject = new X500Name("CN=Lockstep console");
            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            byte[] serial = new byte[16];
            new SecureRandom().nextBytes(serial);
            tbs.setSerialNumber(new org.bouncycastle.asn1.ASN1Integer(new BigInteger(1, serial)));
            tbs.setIssuer(subject);
            tbs.setSubject(subject);
            tbs.setStartDate(new Time(new Date(nowMs - 60_000)));
            tbs.setEndDate(new Time(new Date(nowMs + VALID_MS)));
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()));
            AlgorithmIdentifier alg = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
            tbs.setSignature(alg);
            List<GeneralName> san = new ArrayList<>();
            for (String n : names) {
                san.add(looksLikeIp(n) ? new GeneralName(GeneralName.iPAddress, n)
                        : new GeneralName(GeneralName.dNSName, n));
            }
            tbs.setExtensions(new Extensions(new Extension(Extension.subjectAlternativeName, false,
                    new GeneralNames(san.toArray(GeneralName[]::new)).getEncoded())));
            TBSCertificate t = tbs.generateTBSCertificate();
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(kp.getPrivate());
            s.update(t.getEncoded());
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(t);
            v.add(alg);
            v.add(new DERBitString(s.sign()));
            byte[] der = Certificate.getInstance(new DERSequence(v)).getEncoded();
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
            cert.verify(kp.getPublic());
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("console", kp.getPrivate(), PASSWORD.toCharArray(), new java.security.cert.Certificate[] {
                cert});
            return new Made(ks, cert, fingerprint(der));
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot encode the console's certificate: " + e.getMessage(), e);
        }
    }

    static String fingerprint(byte[] der) throws GeneralSecurityException {
        byte[] h = MessageDigest.getInstance("SHA-256").digest(der);
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(h);
    }

    private static boolean looksLikeIp(String n) {
        if (n.contains(":")) {
            return true;
        }
        return n.toLowerCase(Locale.ROOT).matches("[0-9.]+") && isIp(n);
    }

    private static boolean isIp(String n) {
        try {
            return InetAddress.getByName(n).getHostAddress().equals(n);
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
