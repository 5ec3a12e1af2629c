/**
 * The zkCli-compatible shell: the same commands, options and output as ZooKeeper 3.9's zkCli, run once from the
 * command line ({@code ZkCli -server host:port cmd args}), interactively with line editing and completion, or over a
 * pipe one command per line.
 */
package io.corral.client.shell;
