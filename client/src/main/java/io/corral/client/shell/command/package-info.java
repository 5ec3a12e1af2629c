/** One class per zkCli command that talks to the server; the shell itself handles connect, history, redo and quit. */
package io.corral.client.shell.command;
