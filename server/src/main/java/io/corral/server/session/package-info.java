/**
 * Sessions: ids and passwords, the session table and bucketed expiry driven by an injected clock.
 */
package io.corral.server.session;
