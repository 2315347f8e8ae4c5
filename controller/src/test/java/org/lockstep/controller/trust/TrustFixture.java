package org.lockstep.controller.trust;

import java.util.HexFormat;

/** Keys for tests. The first is RFC 8032 test 1, so another implementation can check the docs' vector from scratch. */
public final class TrustFixture {
    public static final Ed25519PrivateKey RFC8032_TEST1 = Ed25519PrivateKey.ofSeed(HexFormat.of().parseHex(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

    private TrustFixture() {}

    /** A fixed key derived from a label, so tests are repeatable without key files. */
    public static Ed25519PrivateKey key(String label) {
        byte[] seed = new byte[32];
        byte[] l = label.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) (l[i % l.length] * 31 + i);
        }
        return Ed25519PrivateKey.ofSeed(seed);
    }
}
