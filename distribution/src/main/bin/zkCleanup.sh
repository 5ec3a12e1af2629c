#!/usr/bin/env bash
# Deletes old snapshots and transaction logs, keeping the newest <count> snapshots (at least 3) and the logs
# needed to replay from the oldest of them; ZooKeeper's zkCleanup.sh, with the same "-n <count>":
#
#   zkCleanup.sh [--config <conf dir>] [<config>] [-n <count>]       (count defaults to 3)
#
# dataDir and dataLogDir come from the configuration (conf/zoo.cfg by default; relative paths are relative to
# the install directory). Safe to run while the server is running; the server can also do it on its own
# (autopurge.snapRetainCount, autopurge.purgeInterval in zoo.cfg).

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

count=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n)
      if [[ $# -lt 2 ]]; then
        echo "Error: -n needs a number: the snapshots to keep (at least 3)." >&2
        exit 2
      fi
      count="$2"
      shift 2
      ;;
    -h | --help)
      echo "Usage: $0 [--config <conf dir>] [<config>] [-n <count>]"
      exit 0
      ;;
    *)
      ZOOCFG="$(corral_config_path "$1")"
      shift
      ;;
  esac
done

corral_require_config
data_dir="$(corral_resolve "$(corral_config_value dataDir "$ZOOCFG")")"
if [[ -z $data_dir ]]; then
  echo "Error: $ZOOCFG has no dataDir: nothing to clean up." >&2
  exit 1
fi
data_log_dir="$(corral_resolve "$(corral_config_value dataLogDir "$ZOOCFG")")"
echo "Using config: $ZOOCFG (dataDir $data_dir, dataLogDir ${data_log_dir:-$data_dir})" >&2
corral_run_tool io.corral.persistence.file.PurgeTool "$data_dir" "${data_log_dir:-$data_dir}" -n "$count"
