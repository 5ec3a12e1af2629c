#!/usr/bin/env bash
# Prints a transaction log file, one line per transaction (zxid, time, session, cxid, type, path and details);
# Corral's counterpart of ZooKeeper's zkTxnLogToolkit.sh (dump mode). The files are ZooKeeper 3.9's, so it reads
# ZooKeeper's logs as well.
#
#   zkLogInspector.sh <log file>        e.g. zkLogInspector.sh data/version-2/log.100000001
#
# It reads the file as it is and never repairs it: a torn or corrupt entry ends the listing with a message on
# stderr and exit code 1 (the server cuts such a tail back when it starts). Exit 2: no such file / bad arguments.

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

corral_run_tool io.corral.persistence.file.LogInspector "$@"
