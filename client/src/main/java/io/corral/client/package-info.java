/**
 * A Java client for the ZooKeeper protocol and the zkCli-style shell on top of it. Filled by the distribution issue.
 */
package io.corral.client;
