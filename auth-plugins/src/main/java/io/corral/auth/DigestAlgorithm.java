package io.corral.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;

/**
 * A hash algorithm by name, from the Java runtime's providers or, for names the runtime does not know, from
 * BouncyCastle. Java 17 has SHA-1, SHA-256 and SHA3-256 itself; BouncyCastle widens the choice (and serves
 * runtimes configured without them, e.g. some FIPS setups).
 *
 * <p>MessageDigest instances are not thread-safe, so {@link #hash} takes a fresh one per call (a lookup of a
 * few hundred nanoseconds, once per auth packet).
 */
final class DigestAlgorithm {
    private final String name;
    private final Provider provider;

    private DigestAlgorithm(String name, Provider provider) {
        this.name = name;
        this.provider = provider;
    }

    /** @throws IllegalArgumentException when neither the runtime nor BouncyCastle knows {@code name} */
    static DigestAlgorithm named(String name) {
        try {
            MessageDigest.getInstance(name);
            return new DigestAlgorithm(name, null);
        } catch (NoSuchAlgorithmException notInRuntime) {
            Provider bc = BouncyCastle.provider();
            try {
                MessageDigest.getInstance(name, bc);
                return new DigestAlgorithm(name, bc);
            } catch (NoSuchAlgorithmException notInBouncyCastle) {
                throw new IllegalArgumentException("unknown digest algorithm '" + name
                        + "': neither the Java runtime nor BouncyCastle provides it (try SHA1, SHA-256 or SHA3-256)");
            }
        }
    }

    /**
     * The only reference to BouncyCastle's classes, in a holder loaded on first use, when the runtime lacks an
     * algorithm. Why not inline: verifying a class that assigns a BouncyCastleProvider to a Provider loads
     * BouncyCastle, whose jar is signed, and the first class loaded from it makes the JVM check the jar's
     * signature: about 200 ms of every start-up (profiled in a restart of a million znodes), for the default SHA1
     * that never needs it.
     */
    private static final class BouncyCastle {
        static Provider provider() {
            return new org.bouncycastle.jce.provider.BouncyCastleProvider();
        }
    }

    String name() {
        return name;
    }

    byte[] hash(byte[] input) {
        try {
            MessageDigest md = provider == null ? MessageDigest.getInstance(name) : MessageDigest.getInstance(name, provider);
            return md.digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("digest algorithm " + name + " was available at start-up", e);
        }
    }
}
