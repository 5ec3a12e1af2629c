package io.corral.server.net.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The PEM files ZooKeeper accepts as stores: certificates ({@code BEGIN CERTIFICATE}) and a PKCS#8 private key,
 * plain ({@code BEGIN PRIVATE KEY}) or encrypted with the store password ({@code BEGIN ENCRYPTED PRIVATE KEY}).
 * A key store file holds the key and its certificate chain; a trust store file holds certificates only.
 */
final class PemReader {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final String PBES2_OID = "1.2.840.113549.1.5.13";

    private PemReader() {
    }

    record Pem(List<X509Certificate> certificates, PrivateKey key) {
    }

    static Pem read(String text, String password) throws IOException, GeneralSecurityException {
        List<X509Certificate> certs = new ArrayList<>();
        PrivateKey key = null;
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "CERTIFICATE" -> certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
                case "PRIVATE KEY" -> key = privateKey(der);
                case "ENCRYPTED PRIVATE KEY" -> key = decrypt(der, password);
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IOException("a " + m.group(1)
                        + " block is not PKCS#8; convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
                default -> {
                    // parameters and the like: not part of a store
                }
            }
        }
        return new Pem(certs, key);
    }

    private static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // try the next algorithm
            }
        }
        throw new InvalidKeySpecException("the private key is not an RSA, EC, EdDSA or DSA key");
    }

    private static PrivateKey decrypt(byte[] der, String password) throws IOException, GeneralSecurityException {
        if (password == null || password.isEmpty()) {
            throw new IOException("the private key is encrypted and no password is set (ssl.keyStore.password)");
        }
        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
        // For PBES2 the JDK names the cipher only through its parameters (e.g. PBEWithHmacSHA256AndAES_256).
        String cipherName = PBES2_OID.equals(info.getAlgName()) || "PBES2".equals(info.getAlgName())
                ? info.getAlgParameters().toString() : info.getAlgName();
        Key pbeKey = SecretKeyFactory.getInstance(cipherName).generateSecret(new PBEKeySpec(password.toCharArray()));
        Cipher cipher = Cipher.getInstance(cipherName);
        cipher.init(Cipher.DECRYPT_MODE, pbeKey, info.getAlgParameters());
        return privateKey(info.getKeySpec(cipher).getEncoded());
    }
}
