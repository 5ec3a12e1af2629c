/**
 * The election strategy SPI: how votes are ordered when an ensemble elects its leader. The default (fast
 * leader election's order) and a preferred-leader strategy ship with the server.
 */
package io.corral.api.election;
