/**
 * The in-memory persistence backend: a log in a list, for tests and throwaway servers.
 */
package io.corral.persistence.memory;
