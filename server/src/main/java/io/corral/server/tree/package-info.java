/**
 * The data tree: znodes by path, children, ephemerals by session, containers and TTL nodes, ACL lists stored
 * once. Pure: no I/O, no threads; the apply stage owns it.
 */
package io.corral.server.tree;
