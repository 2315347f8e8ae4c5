package org.lockstep.controller.trust;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Random;

/**
 * Ed25519 verify of a 120-byte message, JDK provider against BouncyCastle, side by side (not a unit test; figures in
 * docs/SECURITY.md). Run after {@code mvn -pl controller -am test-compile}:
 *
 * <pre>java -cp controller/target/test-classes:controller/target/classes:$HOME/.m2/repository/org/bouncycastle/bcprov-jdk18on/1.87/bcprov-jdk18on-1.87.jar \
 *   org.lockstep.controller.trust.VerifyBench 3000</pre>
 */
public final class VerifyBench {
    private VerifyBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        byte[] message = new byte[120];
        new Random(1).nextBytes(message);
        KeyPair jdkPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(jdkPair.getPrivate());
        s.update(message);
        byte[] jdkSig = s.sign();
        Ed25519PrivateKey bcKey = TrustFixture.key("bench");
        byte[] bcSig = bcKey.sign(message);
        for (int round = 0; round < 3; round++) {
            long[] jdk = new long[n];
            long[] bc = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                Signature v = Signature.getInstance("Ed25519");
                v.initVerify(jdkPair.getPublic());
                v.update(message);
                boolean a = v.verify(jdkSig);
                long t1 = System.nanoTime();
                boolean b = bcKey.publicKey().verifies(message, bcSig);
                long t2 = System.nanoTime();
                if (!a || !b) {
                    throw new AssertionError("a verify failed");
                }
                jdk[i] = t1 - t0;
                bc[i] = t2 - t1;
            }
            Arrays.sort(jdk);
            Arrays.sort(bc);
            System.out.printf("round %d, %d verifies: JDK p50 %.3f ms p99 %.3f ms | BouncyCastle p50 %.3f ms p99 %.3f ms%n",
                    round, n, jdk[n / 2] / 1e6, jdk[n * 99 / 100] / 1e6, bc[n / 2] / 1e6, bc[n * 99 / 100] / 1e6);
        }
    }
}
