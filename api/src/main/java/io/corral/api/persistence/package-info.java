/**
 * The persistence SPI: the server hands a backend serialized entries and asks for them back; the backend
 * owns files, framing, checksums and durability. A backend is a jar with a {@link
 * io.corral.api.persistence.PersistenceProvider} registered for {@link java.util.ServiceLoader}.
 */
package io.corral.api.persistence;
