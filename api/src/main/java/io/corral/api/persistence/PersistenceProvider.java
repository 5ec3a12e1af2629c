package io.corral.api.persistence;

import java.io.IOException;

/**
 * Entry point of a persistence plugin, found through {@link java.util.ServiceLoader}; zoo.cfg's
 * {@code persistence.provider} names the one to use by {@link #name()}.
 */
public interface PersistenceProvider {

    /** The name users write in zoo.cfg, e.g. {@code file} or {@code memory}. */
    String name();

    PersistenceBackend open(PersistenceContext context) throws IOException;
}
