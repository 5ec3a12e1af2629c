package io.corral.testsupport;

import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway certificate authority for TLS tests: issues certificates and writes them as JKS, PKCS12 or PEM. */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    public final KeyPair caKeys;
    public final X509Certificate caCert;

    public TestPki(String caDn) throws Exception {
        caKeys = keys();
        caCert = sign(caDn, caKeys, caDn, caKeys.getPrivate(), true);
    }

    /** A key and its chain (leaf, CA). */
    public record Identity(PrivateKey key, X509Certificate[] chain) {
    }

    /** A leaf for {@code dn}, valid for 127.0.0.1 and localhost, signed by this CA. */
    public Identity issue(String dn) throws Exception {
        KeyPair leaf = keys();
        return new Identity(leaf.getPrivate(), new X509Certificate[] {sign(dn, leaf, caCert.getSubjectX500Principal().getName(),
                caKeys.getPrivate(), false), caCert});
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        return gen.generateKeyPair();
    }

    private static X509Certificate sign(String dn, KeyPair subject, String issuerDn, PrivateKey issuerKey, boolean ca)
            throws Exception {
        long now = System.currentTimeMillis();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Principal(issuerDn),
                BigInteger.valueOf(SERIAL.incrementAndGet()), new Date(now - 3_600_000), new Date(now + 86_400_000L),
                new X500Principal(dn), subject.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (!ca) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    /** Writes {@code id} as a key store of {@code type} (JKS, PKCS12 or PEM) protected by {@code password}. */
    public static Path writeKeyStore(Identity id, Path file, String type, String password) throws Exception {
        if (type.equals("PEM")) {
            StringWriter text = new StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(text)) {
                if (password.isEmpty()) {
                    w.writeObject(new JcaPKCS8Generator(id.key(), null));
                } else {
                    w.writeObject(new JcaPKCS8Generator(id.key(), new JceOpenSSLPKCS8EncryptorBuilder(
                            JcaPKCS8Generator.AES_256_CBC).setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                            .setPassword(password.toCharArray()).build()));
                }
                for (X509Certificate c : id.chain()) {
                    w.writeObject(c);
                }
            }
            Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
            return file;
        }
        KeyStore ks = KeyStore.getInstance(type);
        ks.load(null, null);
        ks.setKeyEntry("key", id.key(), password.toCharArray(), id.chain());
        store(ks, file, password);
        return file;
    }

    /** Writes this CA's certificate as a trust store of {@code type}. */
    public Path writeTrustStore(Path file, String type, String password) throws Exception {
        if (type.equals("PEM")) {
            StringWriter text = new StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(text)) {
                w.writeObject(caCert);
            }
            Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
            return file;
        }
        KeyStore ks = KeyStore.getInstance(type);
        ks.load(null, null);
        ks.setCertificateEntry("ca", caCert);
        store(ks, file, password);
        return file;
    }

    private static void store(KeyStore ks, Path file, String password) throws Exception {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password.toCharArray());
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** An SSLContext for a client presenting {@code id} (or nothing when null) and trusting this CA. */
    public javax.net.ssl.SSLContext clientContext(Identity id, String protocol) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (id != null) {
            keys.setKeyEntry("key", id.key(), "pw".toCharArray(), id.chain());
        }
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
        kmf.init(keys, "pw".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", caCert);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance(protocol);
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

}
