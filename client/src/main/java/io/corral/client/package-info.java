/**
 * A Java client for the ZooKeeper 3.9 client protocol: one connection at a time to one server of the connect string,
 * requests matched to replies in order, watches re-registered after a reconnect, the session kept across servers.
 * {@link io.corral.client.ZkClient} is the synchronous API; {@code io.corral.client.shell} is the zkCli-style shell on
 * top of it.
 *
 * <pre>
 *  caller threads ──► ZkClient ──► OutgoingQueue ──► RequestWriter (per connection) ──► socket
 *                                                         │ puts each sent packet on
 *                                                         ▼
 *  socket ──► ConnectionLoop (reader) ──► ReplyHandler ──► PendingQueue (its head must match the reply)
 *                                              │ notifications (xid -1)
 *                                              ▼
 *                                   WatchRegistry ──► EventDispatcher (one thread) ──► Watchers
 * </pre>
 */
package io.corral.client;
