/**
 * The monitoring commands, one small class per command (or per family): each returns structured data and, when
 * it has a four-letter word, renders that data as Apache ZooKeeper 3.9's text. {@link
 * io.corral.server.monitor.command.Commands#all()} lists them for the registry.
 */
package io.corral.server.monitor.command;
