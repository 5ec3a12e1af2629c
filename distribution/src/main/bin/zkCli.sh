#!/usr/bin/env bash
# The Corral shell, a drop-in for ZooKeeper's zkCli.sh:
#
#   zkCli.sh [-server host:port[,host:port...][/chroot]] [-timeout ms] [-r] [-waitforconnection] [cmd args...]
#
# With a command it runs that one command and exits: 0 on success, 1 when the command fails (e.g. "Node does not
# exist"), 127 for an unknown command, 2 for a command line it cannot understand. Without one it is interactive on
# a terminal (history, completion); with stdin not a terminal it reads one command per line from stdin and exits
# with the code of the last one. "help" lists the commands. The default server is localhost:2181.
#
# Heap: ZK_CLIENT_HEAP (MB, default 256); JVM flags: CLIENT_JVMFLAGS and JVMFLAGS.

# Find bin/ through symlinks (a link from /usr/local/bin works); built-ins only, for zkEnv.sh's sake.
corral_self="${BASH_SOURCE[0]}"
while [[ -L $corral_self ]]; do
  corral_link="$(readlink "$corral_self")"
  if [[ $corral_link != /* && $corral_self == */* ]]; then
    corral_link="${corral_self%/*}/$corral_link"
  fi
  corral_self="$corral_link"
done
if [[ $corral_self == */* ]]; then
  CORRAL_BIN_DIR="$(cd "${corral_self%/*}/" && pwd -P)"
else
  CORRAL_BIN_DIR="$(pwd -P)"
fi

# shellcheck source=zkEnv.sh
. "$CORRAL_BIN_DIR/zkEnv.sh"

corral_run_tool io.corral.client.shell.ZkCli "$@"
