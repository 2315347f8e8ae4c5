package org.lockstep.controller.config;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Certificates made in the test (no private key is ever committed), written as openssl writes them. */
public final class TestCertificates {
    private TestCertificates() {}

    public static KeyPair keyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** A self-signed EC certificate for {@code kp}, valid from {@code fromMs} to {@code untilMs}, as DER. */
    public static byte[] certificate(KeyPair kp, long fromMs, long untilMs) throws Exception {
        X500Name subject = new X500Name("CN=test console");
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(System.nanoTime())));
        tbs.setIssuer(subject);
        tbs.setSubject(subject);
        tbs.setStartDate(new Time(new Date(fromMs)));
        tbs.setEndDate(new Time(new Date(untilMs)));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()));
        AlgorithmIdentifier alg = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        tbs.setSignature(alg);
        TBSCertificate t = tbs.generateTBSCertificate();
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(kp.getPrivate());
        s.update(t.getEncoded());
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(t);
        v.add(alg);
        v.add(new DERBitString(s.sign()));
        return new DERSequence(v).getEncoded();
    }

    /** Writes {@code der} as a PEM certificate. */
    public static Path writeCert(Path file, byte[] der) throws Exception {
        return Files.writeString(file, pem("CERTIFICATE", der));
    }

    /** Writes the private key as unencrypted PKCS#8 PEM, mode 600. */
    public static Path writeKey(Path file, KeyPair kp) throws Exception {
        Files.writeString(file, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
