#!/usr/bin/env bash
# Settings shared by the Corral scripts. Sourced by them (with no arguments, so that it can consume a leading
# "--config <dir>" from the caller's arguments); running it on its own does nothing useful.
#
# Before the caller sources this file it sets CORRAL_BIN_DIR to the directory of bin/ (symlinks resolved).
#
# Environment it reads, all optional (the names are Apache ZooKeeper's, so existing habits carry over):
#   ZOOCFGDIR        configuration directory; default <install>/conf ("--config <dir>" sets it too)
#   ZOOCFG           configuration file: a name inside ZOOCFGDIR, or a path; default zoo.cfg
#   ZOO_LOG_DIR      where log files go; default <install>/logs
#   JAVA_HOME        the Java 17+ installation to use; default: java found on PATH
#   JVMFLAGS         JVM flags for every script; SERVER_JVMFLAGS adds to them for the server, CLIENT_JVMFLAGS for
#                    the shell and the tools
#   ZK_SERVER_HEAP   server heap in MB (default 1000); ZK_CLIENT_HEAP: heap of the shell and tools (default 256)
#   CLASSPATH        extra classpath entries, after conf/ and lib/*
# $ZOOCFGDIR/java.env is sourced if present: the place for settings that belong to one installation.
#
# It sets CORRAL_HOME, ZOOCFGDIR, ZOOCFG (the full path), ZOO_LOG_DIR, JAVA and CLASSPATH, and defines the
# corral_* functions below. Up to the Java check it uses bash built-ins only, so that a missing Java is reported
# as such even with an empty PATH.

CORRAL_HOME="$(cd "$CORRAL_BIN_DIR/.." && pwd -P)"

if [[ $# -gt 1 && $1 == "--config" ]]; then
  ZOOCFGDIR="$2"
  shift 2
fi
ZOOCFGDIR="${ZOOCFGDIR:-$CORRAL_HOME/conf}"
if [[ $ZOOCFGDIR != /* ]]; then
  ZOOCFGDIR="$PWD/$ZOOCFGDIR"
fi

if [[ -f "$ZOOCFGDIR/java.env" ]]; then
  # shellcheck source=/dev/null
  . "$ZOOCFGDIR/java.env"
fi

# corral_config_path NAME: a name without "/" is a file in ZOOCFGDIR; anything else is a path, relative ones
# taken from the current directory (the scripts change directory later, so the result is absolute).
corral_config_path() {
  local name="$1"
  if [[ $name != */* ]]; then
    printf '%s\n' "$ZOOCFGDIR/$name"
  elif [[ $name == /* ]]; then
    printf '%s\n' "$name"
  else
    printf '%s\n' "$PWD/${name#./}"
  fi
}

ZOOCFG="$(corral_config_path "${ZOOCFG:-zoo.cfg}")"

ZOO_LOG_DIR="${ZOO_LOG_DIR:-$CORRAL_HOME/logs}"
if [[ $ZOO_LOG_DIR != /* ]]; then
  ZOO_LOG_DIR="$PWD/$ZOO_LOG_DIR"
fi

if [[ -n $JAVA_HOME && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
elif JAVA="$(type -P java)" && [[ -n $JAVA ]]; then
  if [[ -n $JAVA_HOME ]]; then
    echo "Warning: JAVA_HOME=$JAVA_HOME has no bin/java; using $JAVA from PATH." >&2
  fi
else
  if [[ -n $JAVA_HOME ]]; then
    echo "Error: Java not found: JAVA_HOME is set to '$JAVA_HOME', which has no bin/java, and there is no java on PATH." >&2
  else
    echo "Error: Java not found: JAVA_HOME is not set and there is no java on PATH." >&2
  fi
  echo "Corral needs Java 17 or later: install it, or set JAVA_HOME to the directory of a Java 17+ installation." >&2
  exit 1
fi

# lib/* is expanded by java itself (every .jar in lib/), so a plugin jar dropped into lib/ is picked up.
CLASSPATH="$ZOOCFGDIR:$CORRAL_HOME/lib/*${CLASSPATH:+:$CLASSPATH}"
export CLASSPATH

ZK_SERVER_HEAP="${ZK_SERVER_HEAP:-1000}"
ZK_CLIENT_HEAP="${ZK_CLIENT_HEAP:-256}"

# corral_config_value KEY FILE: the value of KEY in a zoo.cfg (java.util.Properties syntax, as the server reads it:
# "key=value", "key: value" or "key value"; # and ! start comments; the last occurrence wins). Empty if absent.
corral_config_value() {
  local key="$1" file="$2" line found=""
  while IFS= read -r line || [[ -n $line ]]; do
    line="${line%$'\r'}"
    line="${line#"${line%%[![:space:]]*}"}"
    [[ -z $line || $line == "#"* || $line == "!"* ]] && continue
    if [[ $line =~ ^([^=:[:space:]]+)[[:space:]]*[=:]?[[:space:]]*(.*)$ && ${BASH_REMATCH[1]} == "$key" ]]; then
      found="${BASH_REMATCH[2]}"
      found="${found%"${found##*[![:space:]]}"}"
    fi
  done <"$file"
  printf '%s\n' "$found"
}

# corral_resolve PATH: zoo.cfg paths relative to the install directory (where the scripts start the server), so
# that "dataDir=data" means <install>/data from whatever directory a script is run.
corral_resolve() {
  if [[ -z $1 || $1 == /* ]]; then
    printf '%s\n' "$1"
  else
    printf '%s\n' "$CORRAL_HOME/${1#./}"
  fi
}

# corral_require_config: stops with a message when the configuration file is missing or unreadable.
corral_require_config() {
  if [[ ! -f $ZOOCFG ]]; then
    echo "Error: configuration file $ZOOCFG not found. Create it (conf/zoo.cfg is the default), or name another" \
      "one: ZOOCFG=<file>, --config <dir>, or a path as the last argument." >&2
    exit 1
  fi
  if [[ ! -r $ZOOCFG ]]; then
    echo "Error: configuration file $ZOOCFG is not readable by user $(id -un 2>/dev/null || echo "$UID")." >&2
    exit 1
  fi
}

# corral_logback NAME: -Dlogback.configurationFile for NAME in ZOOCFGDIR, else in the install's conf/ (a
# configuration directory of one's own need not copy the logging files); nothing if neither has it.
corral_logback() {
  local dir
  for dir in "$ZOOCFGDIR" "$CORRAL_HOME/conf"; do
    if [[ -f "$dir/$1" ]]; then
      printf '%s\n' "-Dlogback.configurationFile=$dir/$1"
      return
    fi
  done
}

# corral_run_tool MAIN ARGS...: runs a command-line tool (shell, inspector, purge) in place of this script, with
# the client heap and flags, and logging as conf/logback-tools.xml says (warnings on stderr, no log files).
corral_run_tool() {
  local main="$1"
  shift
  local flags
  # Word splitting of the *JVMFLAGS variables is intended: they hold several flags.
  # shellcheck disable=SC2206
  flags=("-Xmx${ZK_CLIENT_HEAP}m" $CLIENT_JVMFLAGS $JVMFLAGS)
  local logback
  logback="$(corral_logback logback-tools.xml)"
  if [[ -n $logback ]]; then
    flags+=("$logback")
  fi
  exec "$JAVA" "${flags[@]}" -cp "$CLASSPATH" "$main" "$@"
}
