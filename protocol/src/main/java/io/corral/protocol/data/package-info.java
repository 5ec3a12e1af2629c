/**
 * The data records shared by requests, responses, transactions and snapshots: znode stats, ACLs and the
 * identities a connection has authenticated as.
 */
package io.corral.protocol.data;
