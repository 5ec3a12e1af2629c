/** The injected clock: the system clock in production, a manual one in tests. */
package io.corral.server.time;
