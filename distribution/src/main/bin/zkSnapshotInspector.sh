#!/usr/bin/env bash
# Prints what a snapshot file holds: the number of sessions, then every znode in file order (path, dataLength,
# czxid, mzxid, ephemeralOwner), then a summary once the file's seals are checked. Corral's
# counterpart of ZooKeeper's zkSnapShotToolkit.sh; the files are ZooKeeper 3.9's, so it reads ZooKeeper's
# snapshots as well.
#
#   zkSnapshotInspector.sh <snapshot file>     e.g. zkSnapshotInspector.sh data/version-2/snapshot.100000000
#
# Exit 1 when the file is not a complete, valid snapshot; 2 for no such file / bad arguments.

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

corral_run_tool io.corral.persistence.file.SnapshotInspector "$@"
