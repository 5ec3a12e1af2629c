#!/usr/bin/env bash
# Starts, stops and reports on a Corral server. The commands, variables and pid file are Apache ZooKeeper's, so
# that existing habits, init scripts and monitoring keep working:
#
#   zkServer.sh [--config <conf dir>] <command> [<config>]
#
#   start             start in the background; waits (bounded) until the server answers srvr, then prints
#                     STARTED, or FAILED with the end of its output
#   start-foreground  run in this terminal, logging to the console as well; the shell is replaced by the JVM,
#                     so signals (Ctrl-C, SIGTERM from a supervisor) go straight to the server
#   stop              SIGTERM to the process in the pid file, waiting (bounded) until it has exited
#   restart           stop, then start
#   status            asks the server (srvr on the client port) and prints its Mode; exit 1 if nothing answers
#   version           the version of this distribution
#   print-cmd         the java command line start would run
#   print-classpath   the classpath the scripts use
#
# <config> is a file name in the configuration directory (conf/ unless ZOOCFGDIR or --config say otherwise) or a
# path; the default is $ZOOCFG, else zoo.cfg. Relative paths inside the config (dataDir=data) are relative to the
# install directory, wherever this script is run from. See zkEnv.sh for the environment variables, and below for
# JMXPORT, JMXDISABLE, ZOOPIDFILE, ZOO_LOG_FILE, CORRAL_START_TIMEOUT and CORRAL_STOP_TIMEOUT.

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

usage() {
  echo "Usage: $0 [--config <conf dir>] {start|start-foreground|stop|restart|status|version|print-cmd|print-classpath} [<config>]" >&2
}

command="$1"
if [[ -n $2 ]]; then
  ZOOCFG="$(corral_config_path "$2")"
fi

# Seconds start waits for the server to answer srvr, and stop for the process to exit.
CORRAL_START_TIMEOUT="${CORRAL_START_TIMEOUT:-30}"
CORRAL_STOP_TIMEOUT="${CORRAL_STOP_TIMEOUT:-30}"

# One log per configuration: conf/zoo.cfg logs to corral.log, conf/zoo2.cfg to corral-zoo2.log, so that
# several servers can share one install (and one ZOO_LOG_DIR). ZOO_LOG_FILE names it explicitly.
corral_cfg_name="${ZOOCFG##*/}"
corral_cfg_name="${corral_cfg_name%.cfg}"
if [[ $corral_cfg_name == "zoo" ]]; then
  ZOO_LOG_FILE="${ZOO_LOG_FILE:-corral.log}"
else
  ZOO_LOG_FILE="${ZOO_LOG_FILE:-corral-$corral_cfg_name.log}"
fi
# stdout and stderr of a background server: its own start-up errors and anything the JVM prints.
ZOO_OUT_FILE="$ZOO_LOG_DIR/${ZOO_LOG_FILE%.log}.out"

# --- The configuration, as the scripts need it -----------------------------------------------------------------

# Sets DATA_DIR, DATA_LOG_DIR (both absolute; DATA_LOG_DIR empty when not set) and PID_FILE.
read_data_dirs() {
  local value
  value="$(corral_config_value dataDir "$ZOOCFG")"
  DATA_DIR="$(corral_resolve "$value")"
  value="$(corral_config_value dataLogDir "$ZOOCFG")"
  DATA_LOG_DIR="$(corral_resolve "$value")"
  if [[ -n $ZOOPIDFILE ]]; then
    PID_FILE="$ZOOPIDFILE"
  elif [[ -n $DATA_DIR ]]; then
    PID_FILE="$DATA_DIR/zookeeper_server.pid"
  else
    PID_FILE=""
  fi
}

# Sets CLIENT_PORT, BIND_HOST (what the server binds: empty for every address) and CONNECT_HOST (where to reach
# it). The port is clientPort, else the ";[address:]port" part of this server's server.N line (ZooKeeper's
# ensemble syntax, found through dataDir/myid), else 2181.
read_client_address() {
  CLIENT_PORT="$(corral_config_value clientPort "$ZOOCFG")"
  BIND_HOST="$(corral_config_value clientPortAddress "$ZOOCFG")"
  if [[ -z $CLIENT_PORT && -n $DATA_DIR && -r "$DATA_DIR/myid" ]]; then
    local myid member
    read -r myid <"$DATA_DIR/myid"
    member="$(corral_config_value "server.$myid" "$ZOOCFG")"
    if [[ $member == *";"* ]]; then
      member="${member##*;}"
      if [[ $member =~ ^\[?([^]]*)\]?:([0-9]+)$ ]]; then
        BIND_HOST="${BASH_REMATCH[1]}"
        CLIENT_PORT="${BASH_REMATCH[2]}"
      else
        CLIENT_PORT="$member"
      fi
    fi
  fi
  CLIENT_PORT="${CLIENT_PORT:-2181}"
  case "$BIND_HOST" in
    "" | 0.0.0.0 | "::" | "[::]") CONNECT_HOST=127.0.0.1 ;;
    *) CONNECT_HOST="${BIND_HOST#[}" && CONNECT_HOST="${CONNECT_HOST%]}" ;;
  esac
}

# --- Processes -------------------------------------------------------------------------------------------------

# pid_alive PID: whether PID exists and has not exited. A process that has exited but was not yet reaped (a
# zombie, e.g. in a container whose init does not reap) still passes kill -0, hence the look at /proc.
pid_alive() {
  local stat
  kill -0 "$1" 2>/dev/null || return 1
  if [[ -r /proc/$1/stat ]] && read -r stat <"/proc/$1/stat" 2>/dev/null; then
    stat="${stat##*) }"
    [[ ${stat:0:1} != "Z" ]]
  fi
}

# pid_running PID: whether PID is alive and is a Corral server (a stale pid file may name a reused pid).
pid_running() {
  local pid="$1" cmdline
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  pid_alive "$pid" || return 1
  if [[ -r /proc/$pid/cmdline ]]; then
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
  else
    cmdline="$(ps -p "$pid" -o args= 2>/dev/null)"
  fi
  # Unknown command line (no /proc, no ps): trust the pid file.
  [[ -z $cmdline || $cmdline == *io.corral.server.Main* ]]
}

# The pid in PID_FILE, or nothing.
read_pid() {
  local pid=""
  if [[ -n $PID_FILE && -f $PID_FILE ]]; then
    read -r pid <"$PID_FILE"
  fi
  printf '%s\n' "$pid"
}

# probe ARGS...: runs the distribution's ServerProbe with its own jar only (half the start-up time of lib/*),
# a small heap and no JIT beyond C1: it runs for a moment, several times per start.
probe() {
  local jars=("$CORRAL_HOME"/lib/corral-distribution-*.jar) cp="$CLASSPATH"
  if [[ -f ${jars[0]} ]]; then
    cp="${jars[0]}"
  fi
  # shellcheck disable=SC2086
  "$JAVA" -Xmx32m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC $CLIENT_JVMFLAGS -cp "$cp" \
    io.corral.distribution.ServerProbe "$@"
}

# --- The java command ------------------------------------------------------------------------------------------

# JMX as ZooKeeper's script sets it up: local connections by default (JMXLOCALONLY passed on if set), remote
# ones on JMXPORT (with JMXAUTH, JMXSSL, JMXHOSTNAME; RMI on the same port), none with JMXDISABLE. The jmx plugin in lib/ registers its MBeans in this JVM's
# platform MBean server; these flags only decide who can connect to it.
jmx_flags() {
  JMX_FLAGS=()
  if [[ -n $JMXDISABLE && $JMXDISABLE != "false" ]]; then
    echo "JMX disabled (JMXDISABLE=$JMXDISABLE)" >&2
  elif [[ -z $JMXPORT ]]; then
    echo "JMX enabled for local connections (set JMXPORT for remote ones, JMXDISABLE=true for none)" >&2
    JMX_FLAGS=("-Dcom.sun.management.jmxremote")
    if [[ -n $JMXLOCALONLY ]]; then
      JMX_FLAGS+=("-Dcom.sun.management.jmxremote.local.only=$JMXLOCALONLY")
    fi
  else
    echo "JMX enabled on port $JMXPORT (authenticate=${JMXAUTH:-false}, ssl=${JMXSSL:-false}${JMXHOSTNAME:+, hostname=$JMXHOSTNAME})" >&2
    JMX_FLAGS=("-Dcom.sun.management.jmxremote"
      "-Dcom.sun.management.jmxremote.port=$JMXPORT"
      "-Dcom.sun.management.jmxremote.rmi.port=$JMXPORT"
      "-Dcom.sun.management.jmxremote.authenticate=${JMXAUTH:-false}"
      "-Dcom.sun.management.jmxremote.ssl=${JMXSSL:-false}")
    if [[ -n $JMXHOSTNAME ]]; then
      JMX_FLAGS+=("-Djava.rmi.server.hostname=$JMXHOSTNAME")
    fi
  fi
}

# server_command CONSOLE: sets SERVER_CMD, the java command line; CONSOLE is the lowest level logged to the
# console (OFF for a background server, whose stdout goes to the .out file).
server_command() {
  local console="$1" flags logback
  jmx_flags
  # Several flags per variable: word splitting intended.
  # shellcheck disable=SC2206
  flags=("-Xmx${ZK_SERVER_HEAP}m" $SERVER_JVMFLAGS $JVMFLAGS)
  logback="$(corral_logback logback.xml)"
  SERVER_CMD=("$JAVA" "${flags[@]}"
    -XX:+HeapDumpOnOutOfMemoryError "-XX:HeapDumpPath=$ZOO_LOG_DIR" -XX:+ExitOnOutOfMemoryError
    "-Dcorral.log.dir=$ZOO_LOG_DIR" "-Dcorral.log.file=$ZOO_LOG_FILE" "-Dcorral.console.threshold=$console")
  if [[ -n $logback ]]; then
    SERVER_CMD+=("$logback")
  fi
  SERVER_CMD+=("${JMX_FLAGS[@]}" -cp "$CLASSPATH" io.corral.server.Main "$ZOOCFG")
}

# --- Checks before starting ------------------------------------------------------------------------------------

# writable_dir KEY DIR WHERE: creates DIR if needed and proves it writable by writing a file (as root, permission
# bits say nothing, but a read-only file system still refuses). KEY and WHERE say where DIR comes from.
writable_dir() {
  local key="$1" dir="$2" where="$3" problem probe_file user
  user="$(id -un 2>/dev/null || echo "$UID")"
  if ! problem="$(mkdir -p -- "$dir" 2>&1)"; then
    echo "Error: cannot create $key '$dir' ($where): ${problem##*: }." >&2
    echo "Create it, or change $key to a directory that user $user can write." >&2
    return 1
  fi
  probe_file="$dir/.corral-write-check.$$"
  if ! problem="$( { : >"$probe_file"; } 2>&1)"; then
    echo "Error: $key '$dir' ($where) is not writable by user $user: ${problem##*: }." >&2
    echo "Fix its permissions, or change $key to a directory that user $user can write." >&2
    return 1
  fi
  rm -f -- "$probe_file"
}

# preflight: what must hold before a server is started; prints why not and returns 1 otherwise.
preflight() {
  corral_require_config
  read_data_dirs
  if [[ -z $DATA_DIR ]]; then
    echo "Error: $ZOOCFG has no dataDir. The server needs one for its snapshots and logs, e.g. dataDir=data" \
      "(relative to $CORRAL_HOME)." >&2
    return 1
  fi
  writable_dir dataDir "$DATA_DIR" "set in $ZOOCFG" || return 1
  if [[ -n $DATA_LOG_DIR ]]; then
    writable_dir dataLogDir "$DATA_LOG_DIR" "set in $ZOOCFG" || return 1
  fi
  writable_dir ZOO_LOG_DIR "$ZOO_LOG_DIR" "the log directory" || return 1
  mkdir -p -- "$(dirname -- "$PID_FILE")" 2>/dev/null

  local pid
  pid="$(read_pid)"
  if pid_running "$pid"; then
    echo "Corral is already running as process $pid (pid file $PID_FILE)." >&2
    return 1
  fi

  read_client_address
  local problem
  # A clientPort that is no number is the server's to report (it names the key and what it expects).
  if [[ $CLIENT_PORT =~ ^[0-9]+$ ]] && ! problem="$(probe port-free "$BIND_HOST" "$CLIENT_PORT" 2>&1)"; then
    echo "Error: cannot start: the client port ${BIND_HOST:-*}:$CLIENT_PORT is already in use ($problem)." >&2
    echo "Another server (Corral or ZooKeeper) may be running there: stop it, or change clientPort in $ZOOCFG." >&2
    return 1
  fi
}

# --- Commands --------------------------------------------------------------------------------------------------

start() {
  echo "Using config: $ZOOCFG" >&2
  preflight || return 1
  server_command OFF
  echo -n "Starting Corral ... "
  cd "$CORRAL_HOME" || return 1
  nohup "${SERVER_CMD[@]}" >"$ZOO_OUT_FILE" 2>&1 </dev/null &
  local pid=$!
  if ! echo -n "$pid" >"$PID_FILE"; then
    echo "FAILED TO WRITE PID to $PID_FILE"
    kill "$pid" 2>/dev/null
    return 1
  fi

  local reply result
  if [[ $CLIENT_PORT =~ ^[0-9]+$ ]]; then
    reply="$(probe await "$CONNECT_HOST" "$CLIENT_PORT" "$pid" "$CORRAL_START_TIMEOUT" 2>&1)"
    result=$?
  else
    # No port to ask: the server is about to refuse it; wait (bounded) for that.
    await_exit "$pid" "$CORRAL_START_TIMEOUT"
    result=$(($? == 0 ? 3 : 4))
    reply="clientPort '$CLIENT_PORT' is not a port number"
  fi
  case $result in
    0)
      echo STARTED
      return 0
      ;;
    3)
      local code
      wait "$pid"
      code=$?
      rm -f -- "$PID_FILE"
      echo "FAILED"
      if [[ $code -eq 2 ]]; then
        echo "The server refused its configuration (exit code 2). Its output ($ZOO_OUT_FILE):" >&2
      else
        echo "The server exited during start-up with exit code $code. Its output ($ZOO_OUT_FILE):" >&2
      fi
      show_tail
      return 1
      ;;
    *)
      echo "FAILED"
      echo "The server (process $pid) did not answer srvr on $CONNECT_HOST:$CLIENT_PORT within" \
        "$CORRAL_START_TIMEOUT s: $reply" >&2
      echo "It is still running; it may still be loading a large data set. 'zkServer.sh status' asks it again," \
        "'zkServer.sh stop' stops it; CORRAL_START_TIMEOUT=<seconds> waits longer." >&2
      show_tail
      return 1
      ;;
  esac
}

# The end of the server's own output, else of its log file: where a start-up error is.
show_tail() {
  local file="$ZOO_OUT_FILE"
  if [[ ! -s $file ]]; then
    file="$ZOO_LOG_DIR/$ZOO_LOG_FILE"
  fi
  if [[ -s $file ]]; then
    tail -n 20 -- "$file" | sed 's/^/    /' >&2
  fi
  echo "The full log: $ZOO_LOG_DIR/$ZOO_LOG_FILE" >&2
}

start_foreground() {
  echo "Using config: $ZOOCFG" >&2
  preflight || return 1
  server_command ALL
  cd "$CORRAL_HOME" || return 1
  # exec keeps this pid, so the pid file stays right and stop/status work from another terminal.
  echo -n "$$" >"$PID_FILE" || echo "Warning: could not write the pid file $PID_FILE" >&2
  exec "${SERVER_CMD[@]}"
}

# await_exit PID SECONDS: waits until PID has exited; 0 if it did within SECONDS, 1 if it is still running.
await_exit() {
  local pid="$1" waited=0 limit=$(($2 * 10))
  while pid_alive "$pid"; do
    if ((waited >= limit)); then
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

stop() {
  echo "Using config: $ZOOCFG" >&2
  corral_require_config
  read_data_dirs
  echo -n "Stopping Corral ... "
  if [[ -z $PID_FILE || ! -f $PID_FILE ]]; then
    echo "no Corral server to stop (no pid file ${PID_FILE:-: $ZOOCFG has no dataDir})"
    return 0
  fi
  local pid
  pid="$(read_pid)"
  if ! pid_running "$pid"; then
    rm -f -- "$PID_FILE"
    echo "not running (process ${pid:-?} is gone; removed the stale pid file $PID_FILE)"
    return 0
  fi
  kill -TERM "$pid"
  if ! await_exit "$pid" "$CORRAL_STOP_TIMEOUT"; then
    echo "FAILED"
    echo "Process $pid did not exit within $CORRAL_STOP_TIMEOUT s of SIGTERM and is still running." \
      "'kill -9 $pid' forces it (acknowledged writes are safe in the transaction log)." >&2
    return 1
  fi
  rm -f -- "$PID_FILE"
  echo STOPPED
}

status() {
  echo "Using config: $ZOOCFG" >&2
  corral_require_config
  read_data_dirs
  read_client_address
  echo "Client port: $CONNECT_HOST:$CLIENT_PORT"
  local reply mode
  reply="$(probe srvr "$CONNECT_HOST" "$CLIENT_PORT" 2>/dev/null)"
  mode="$(printf '%s\n' "$reply" | grep '^Mode:')"
  if [[ -n $mode ]]; then
    echo "$mode"
    return 0
  fi
  if [[ -n $reply ]]; then
    echo "The server answers but is not serving requests: $reply" >&2
  else
    local pid
    pid="$(read_pid)"
    if pid_running "$pid"; then
      echo "Process $pid (pid file $PID_FILE) is running but does not answer on $CONNECT_HOST:$CLIENT_PORT." >&2
    fi
    echo "Error contacting service. It is probably not running." >&2
  fi
  return 1
}

print_cmd() {
  corral_require_config
  server_command OFF
  printf '%q ' "${SERVER_CMD[@]}"
  printf '>%q 2>&1 </dev/null\n' "$ZOO_OUT_FILE"
}

case "$command" in
  start) start ;;
  start-foreground) start_foreground ;;
  stop) stop ;;
  restart)
    stop && start
    ;;
  status) status ;;
  version) probe version ;;
  print-cmd) print_cmd ;;
  print-classpath) echo "CLASSPATH=$CLASSPATH" ;;
  *)
    usage
    exit 2
    ;;
esac
