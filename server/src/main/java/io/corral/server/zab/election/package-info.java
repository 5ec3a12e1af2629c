/**
 * Leader election: fast leader election as a pure state machine, and the vote orders (strategies) behind the api SPI.
 */
package io.corral.server.zab.election;
