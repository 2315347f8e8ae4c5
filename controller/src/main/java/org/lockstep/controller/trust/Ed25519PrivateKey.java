package org.lockstep.controller.trust;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An Ed25519 private key (the 32-byte seed of RFC 8032). Never printed, never in the site file. */
public final class Ed25519PrivateKey {
    private final byte[] seed;
    private final Ed25519PublicKey publicKey;
    private volatile boolean destroyed;

    private Ed25519PrivateKey(byte[] seed) {
        if (seed.length != Ed25519PublicKey.BYTES) {
            throw new IllegalArgumentException("an Ed25519 private key is 32 bytes; this is " + seed.length);
        }
        this.seed = seed.clone();
        this.publicKey = Ed25519PublicKey.ofRaw(new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey()
                .getEncoded());
    }

    public static Ed25519PrivateKey ofSeed(byte[] seed) {
        return new Ed25519PrivateKey(seed);
    }

    public static Ed25519PrivateKey generate(SecureRandom random) {
        byte[] seed = new byte[Ed25519PublicKey.BYTES];
        random.nextBytes(seed);
        Ed25519PrivateKey key = new Ed25519PrivateKey(seed);
        Arrays.fill(seed, (byte) 0);
        return key;
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    public byte[] sign(byte[] message) {
        if (destroyed) {
            throw new IllegalStateException("this private key was destroyed (its holder signed out)");
        }
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(seed, 0));
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /**
     * A copy of the 32-byte seed, to seal it under a password (the console's operator credential files); the caller
     * wipes the copy when done.
     */
    public byte[] seedCopy() {
        if (destroyed) {
            throw new IllegalStateException("this private key was destroyed");
        }
        return seed.clone();
    }

    /**
     * Overwrites the seed with zeros; the key signs nothing after this. Best effort: the JVM (and each signature's
     * BouncyCastle parameters) may have left copies in the heap until they are collected.
     */
    public void destroy() {
        destroyed = true;
        Arrays.fill(seed, (byte) 0);
    }

    /** The seed in base64, for {@link KeyFiles} only. */
    String seedBase64() {
        return Base64.getEncoder().encodeToString(seed);
    }

    @Override
    public String toString() {
        return "private key for " + publicKey;
    }
}
