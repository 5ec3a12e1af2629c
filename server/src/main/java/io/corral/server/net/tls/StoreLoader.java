package io.corral.server.net.tls;

import io.corral.server.config.TlsConfig.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/** Reads a key or trust store file of any of the types ZooKeeper reads (JKS, PKCS12, PEM) into a KeyStore. */
final class StoreLoader {
    private StoreLoader() {
    }

    /**
     * @param forKeys true for a key store (a PEM file must then hold a private key)
     * @throws IOException whose message names the store's keys and file
     */
    static KeyStore load(Store store, boolean forKeys) throws IOException {
        Path file = Path.of(store.location());
        try {
            return switch (store.type()) {
                case JKS, PKCS12 -> {
                    KeyStore ks = KeyStore.getInstance(store.type().name());
                    try (InputStream in = Files.newInputStream(file)) {
                        ks.load(in, store.password().toCharArray());
                    }
                    yield ks;
                }
                case PEM -> fromPem(Files.readString(file, StandardCharsets.US_ASCII), store.password(), forKeys);
            };
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IOException("Cannot read " + store.keyPrefix() + ".location '" + store.location() + "' as "
                    + store.type() + " (" + store.keyPrefix() + ".type, " + store.keyPrefix() + ".password): " + e.getMessage(), e);
        }
    }

    private static KeyStore fromPem(String text, String password, boolean forKeys) throws IOException, GeneralSecurityException {
        PemReader.Pem pem = PemReader.read(text, password);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        if (forKeys) {
            if (pem.key() == null || pem.certificates().isEmpty()) {
                throw new IOException("a PEM key store needs a PKCS#8 private key and its certificate chain");
            }
            ks.setKeyEntry("key", pem.key(), password.toCharArray(), pem.certificates().toArray(new X509Certificate[0]));
        } else {
            if (pem.certificates().isEmpty()) {
                throw new IOException("no certificate in the PEM trust store");
            }
            int i = 0;
            for (X509Certificate c : pem.certificates()) {
                ks.setCertificateEntry("cert-" + i++, c);
            }
        }
        return ks;
    }
}
