#!/usr/bin/env bash
# Side-by-side benchmark: Corral against Apache ZooKeeper 3.9.3, on this machine, in one run.
#
#   bench/run.sh [--quick] [--no-build] [--heap SIZE] [--only w1,w2,...] [--budget-min N] [--corral-persistence P]
#
#   --quick        short windows, fewer sessions, 100k znodes for memory: a few minutes (default: full, ~30 min)
#   --no-build     use the jars already in server/target and bench/target
#   --heap SIZE    -Xmx of both servers (default 1g quick, 2g full)
#   --only LIST    run only these workloads (create delete set get exists mixed watch session ephemeral memory)
#   --budget-min N hard bound on the whole run in minutes (default 15 quick, 35 full); workloads that no
#                  longer fit are recorded as skipped
#   --corral-persistence P   persistence.provider for Corral (default: its own default, in memory today); with
#                  "file", Corral also gets forceSync=yes and the table stops flagging writes as not comparable
#   BENCH_MVN_ARGS extra Maven arguments for the build (e.g. -o)
#   BENCH_ARGS     extra LoadGenerator options for every workload (e.g. "--duration-s 2 --sessions 4")
#
# The servers run one at a time, never both under load: ZooKeeper then Corral for the request workloads (one
# server process each, workloads in order), then ZooKeeper then Corral again on fresh processes for memory.
# Both get the same -Xmx, G1, tickTime 2000, 127.0.0.1 only, unlimited connections, each in its own temporary
# directory; ZooKeeper fsyncs its transaction log (forceSync=yes, its default). Every process this script starts
# is stopped by PID when it exits, however it exits. Output: bench/target/runs/<time>-<mode>/ holds
# results.jsonl (one JSON line per server and workload), table.md, the server logs and failures.md.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
COMMAND_LINE="bench/run.sh $*"
ROOT="$(dirname "$BENCH")"
MODE=full
BUILD=1
HEAP=""
ONLY=""
BUDGET_MIN=""
CORRAL_PERSISTENCE=""
OPS_WORKLOADS="create delete set get exists mixed watch session ephemeral"

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE=quick ;;
    --full) MODE=full ;;
    --no-build) BUILD=0 ;;
    --heap) HEAP="$2"; shift ;;
    --only) ONLY="$2"; shift ;;
    --budget-min) BUDGET_MIN="$2"; shift ;;
    --corral-persistence) CORRAL_PERSISTENCE="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

if [ "$MODE" = quick ]; then
  HEAP=${HEAP:-1g}; BUDGET_MIN=${BUDGET_MIN:-15}
  OPS_LIMIT_S=180; MEMORY_LIMIT_S=300; OPS_NEED_S=20; MEMORY_NEED_S=60; WINDOW_S=7
else
  HEAP=${HEAP:-2g}; BUDGET_MIN=${BUDGET_MIN:-35}
  OPS_LIMIT_S=600; MEMORY_LIMIT_S=1200; OPS_NEED_S=60; MEMORY_NEED_S=300; WINDOW_S=40
fi
START_S=$SECONDS
DEADLINE_S=$((START_S + BUDGET_MIN * 60))

RUN_DIR="$BENCH/target/runs/$(date +%Y%m%d-%H%M%S)-$MODE"
RESULTS="$RUN_DIR/results.jsonl"
FAILURES="$RUN_DIR/failures.md"
mkdir -p "$RUN_DIR/logs"
TMP_ROOT="$(mktemp -d "${TMPDIR:-/tmp}/corral-bench.XXXXXX")"

# ---------------------------------------------------------------------------------------------- processes
PIDS=()      # every process started here that may still run
SERVER_PID=""; SERVER_PORT=""; SERVER_LOG=""; SERVER_KIND=""; SERVER_SEQ=0

stop_pid() {  # stop_pid PID: SIGTERM, then SIGKILL after 15 s; only ever a PID this script started
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

forget_pid() {
  local keep=() p
  for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  PIDS=("${keep[@]+"${keep[@]}"}")
}

cleanup() {
  local p
  for p in "${PIDS[@]+"${PIDS[@]}"}"; do stop_pid "$p"; done
  rm -rf "$TMP_ROOT"
}
trap cleanup EXIT
trap 'echo "run.sh: interrupted" >&2; exit 130' INT TERM

log() { printf '[%s %4ds] %s\n' "$(date +%H:%M:%S)" $((SECONDS - START_S)) "$*"; }

free_port() {
  python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'
}

four_letter() {  # four_letter PORT WORD: the server's answer, empty if none within 3 s
  (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf '%s' "$2" >&3 && timeout 3 cat <&3) 2>/dev/null || true
}

# Appends a result line for a workload that produced none itself (skipped, killed, todo).
emit() {  # emit SERVER WORKLOAD STATUS NOTE
  local note; note=$(printf '%s' "$4" | tr '"\\\n' "'/ ")
  printf '{"time":"%s","server":"%s","workload":"%s","mode":"%s","status":"%s","note":"%s"}\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" "$2" "$MODE" "$3" "$note" >>"$RESULTS"
}

# ------------------------------------------------------------------------------------------------- build
build() {
  local modules=api,protocol,auth-plugins,persistence-plugins,server,bench attempt
  for attempt in 1 2 3; do
    log "building $modules (attempt $attempt)"
    # shellcheck disable=SC2086
    if (cd "$ROOT" && mvn -B -q ${BENCH_MVN_ARGS:-} package -DskipTests -pl "$modules") >"$RUN_DIR/logs/build.log" 2>&1; then
      return 0
    fi
    tail -n 30 "$RUN_DIR/logs/build.log" >&2
    [ "$attempt" -lt 3 ] && { log "build failed; others may be mid-edit, retrying in 30 s"; sleep 30; }
  done
  echo "run.sh: build failed three times, see $RUN_DIR/logs/build.log" >&2
  exit 1
}

classpaths() {
  local server_jar
  server_jar=$(ls "$ROOT"/server/target/corral-server-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)
  [ -n "$server_jar" ] && [ -d "$ROOT/server/target/lib" ] || { echo "run.sh: no server jar; build first" >&2; exit 1; }
  [ -s "$BENCH/target/bench.classpath" ] || { echo "run.sh: no bench/target/bench.classpath; build first" >&2; exit 1; }
  CORRAL_CP="$ROOT/server/target/lib/*:$server_jar"
  ZK_CP="$(cat "$BENCH/target/bench.classpath")"
  BENCH_CP="$(ls "$BENCH"/target/corral-bench-*.jar | head -1):$ZK_CP"
}

# ----------------------------------------------------------------------------------------------- servers
write_config() {  # write_config KIND DIR PORT: the same zoo.cfg keys for both, plus ZooKeeper-only ones
  cat >"$2/zoo.cfg" <<CFG
tickTime=2000
clientPort=$3
clientPortAddress=127.0.0.1
dataDir=$2/data
maxClientCnxns=0
4lw.commands.whitelist=*
CFG
  if [ "$1" = zookeeper ]; then
    # forceSync=yes is ZooKeeper's default, spelled out: every transaction is fsynced before it is acknowledged.
    printf 'forceSync=yes\nadmin.enableServer=false\n' >>"$2/zoo.cfg"
  elif [ -n "$CORRAL_PERSISTENCE" ]; then
    # Hook for durable storage: the same fsync-before-acknowledge promise as ZooKeeper's.
    printf 'persistence.provider=%s\nforceSync=yes\n' "$CORRAL_PERSISTENCE" >>"$2/zoo.cfg"
  fi
}

start_server() {  # start_server KIND: sets SERVER_PID, SERVER_PORT, SERVER_LOG
  SERVER_KIND=$1; SERVER_SEQ=$((SERVER_SEQ + 1))
  local dir="$TMP_ROOT/$1-$SERVER_SEQ" main cp extra=()
  mkdir -p "$dir/data"
  SERVER_PORT=$(free_port)
  SERVER_LOG="$RUN_DIR/logs/$SERVER_SEQ-$1.log"
  write_config "$1" "$dir" "$SERVER_PORT"
  if [ "$1" = zookeeper ]; then
    main=org.apache.zookeeper.server.ZooKeeperServerMain; cp=$ZK_CP
    extra=(-Dlogback.configurationFile="$BENCH/conf/logback-zookeeper.xml")
  else
    main=io.corral.server.Main; cp=$CORRAL_CP
  fi
  (cd "$dir" && exec java -Xmx"$HEAP" -XX:+UseG1GC "${extra[@]+"${extra[@]}"}" -cp "$cp" "$main" "$dir/zoo.cfg") \
    >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  local srvr
  for _ in $(seq 1 300); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    if [ "$(four_letter "$SERVER_PORT" ruok)" = imok ]; then
      # ZooKeeper answers imok before it serves requests; srvr says so until it does.
      srvr=$(four_letter "$SERVER_PORT" srvr)
      if [ -n "$srvr" ] && ! grep -q "not currently serving" <<<"$srvr"; then
        log "$1 pid $SERVER_PID serving on 127.0.0.1:$SERVER_PORT (-Xmx$HEAP, log $SERVER_LOG)"
        return 0
      fi
    fi
    sleep 0.2
  done
  log "$1 did not start; last lines of $SERVER_LOG:"; tail -n 30 "$SERVER_LOG" >&2
  printf '\n## %s did not start\n\nLast lines of %s:\n\n```\n%s\n```\n' "$1" "$SERVER_LOG" \
    "$(tail -n 30 "$SERVER_LOG")" >>"$FAILURES"
  stop_server
  return 1
}

# Corral is being worked on while benchmarks run: a tree that builds may still not start. Before spending the
# budget on ZooKeeper, make sure Corral starts; if it does not and this script built it, rebuild after a pause.
preflight_corral() {
  local attempt
  for attempt in 1 2 3 4; do
    if start_server corral; then stop_server; return 0; fi
    [ "$BUILD" = 1 ] && [ $((DEADLINE_S - SECONDS)) -gt 600 ] || return 1
    log "Corral does not start (attempt $attempt); someone may be mid-edit: rebuilding in 60 s"
    sleep 60
    build
  done
  return 1
}

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  stop_pid "$SERVER_PID"; forget_pid "$SERVER_PID"
  log "$SERVER_KIND pid $SERVER_PID stopped"
  SERVER_PID=""
}

server_healthy() {
  [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null && [ "$(four_letter "$SERVER_PORT" ruok)" = imok ]
}

# Saves what the server logged while a workload went wrong, for failures.md and the report.
record_failure() {  # record_failure WORKLOAD FROM_LINE WHY
  {
    printf '\n## %s / %s: %s\n\nServer log %s, lines from %s (warnings, errors, last lines):\n\n```\n' \
      "$SERVER_KIND" "$1" "$3" "$SERVER_LOG" "$2"
    tail -n +"$2" "$SERVER_LOG" | grep -E -m 40 'WARN|ERROR|Exception|at [a-z]+\.' || true
    echo '---- last 15 lines ----'
    tail -n 15 "$SERVER_LOG"
    printf '```\n'
  } >>"$FAILURES"
  log "$SERVER_KIND / $1: $3 (server log excerpt in $FAILURES)"
}

# ---------------------------------------------------------------------------------------------- workloads
run_workload() {  # run_workload WORKLOAD NEED_S LIMIT_S [extra LoadGenerator options]
  local workload=$1 need=$2 limit=$3; shift 3
  if [ -n "$ONLY" ] && ! grep -qw "$workload" <<<"${ONLY//,/ }"; then return 0; fi
  local left=$((DEADLINE_S - SECONDS))
  if [ "$left" -lt "$need" ]; then
    emit "$SERVER_KIND" "$workload" skipped "time budget of $BUDGET_MIN min used up"
    log "$SERVER_KIND / $workload: skipped, ${left}s left of the budget"; return 0
  fi
  [ "$limit" -le "$left" ] || limit=$left
  if ! server_healthy; then
    record_failure "$workload" 1 "server not answering ruok before the workload; restarting it"
    stop_server; start_server "$SERVER_KIND" || { emit "$SERVER_KIND" "$workload" failed "server would not restart"; return 0; }
  fi
  local from_line lines_before rc=0 out="$TMP_ROOT/loadgen.out"
  from_line=$(($(wc -l <"$SERVER_LOG") + 1)); lines_before=$(wc -l <"$RESULTS" 2>/dev/null || echo 0)
  [ "$workload" = memory ] && set -- "$@" --server-pid "$SERVER_PID"
  # shellcheck disable=SC2206
  local extra_args=(${BENCH_ARGS:-})
  timeout --kill-after=10 "$limit" java -Xms256m -Xmx2g -XX:+UseG1GC -Djute.maxbuffer=16777216 \
    -Dzookeeper.sasl.client=false -Dlogback.configurationFile="$BENCH/conf/logback-client.xml" \
    -cp "$BENCH_CP" io.corral.bench.LoadGenerator "--$MODE" --server "$SERVER_KIND" \
    --connect "127.0.0.1:$SERVER_PORT" --workload "$workload" --out "$RESULTS" "$@" "${extra_args[@]+"${extra_args[@]}"}" \
    >"$out" 2>>"$RUN_DIR/logs/loadgen-$SERVER_KIND.err" &
  local lg=$!
  PIDS+=("$lg")
  wait "$lg" || rc=$?
  forget_pid "$lg"
  cat "$out" | tee -a "$RUN_DIR/logs/loadgen.out"
  if [ "$(wc -l <"$RESULTS")" -eq "$lines_before" ]; then
    local why="load generator exited $rc without a result"
    [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] && why="killed after the ${limit}s bound (hung)"
    emit "$SERVER_KIND" "$workload" failed "$why"
  fi
  if ! tail -n 1 "$RESULTS" | grep -q '"status":"ok"'; then
    record_failure "$workload" "$from_line" "$(tail -n 1 "$RESULTS" | grep -o '"status":"[a-z]*"') rc=$rc"
  fi
  kill -0 "$SERVER_PID" 2>/dev/null || record_failure "$workload" "$from_line" "server process died"
}

# Ensemble, restart and failover figures need replication and durable storage, which Corral does not have yet.
# Each hook records a "todo" line so that the table says so; fill them in when those land.
todo_hooks() {
  # TODO(ensemble): start 3 ZooKeeper servers (server.N lines, their own dataDir/myid), then 3 Corral servers,
  #   run the request workloads against the ensemble (clients spread over the members), as in the standalone phase.
  emit both ensemble todo "3-server ensemble throughput/latency: Corral has no replication yet"
  # TODO(restart): with persistence.provider=file and forceSync, load K znodes, stop the server by PID, start it
  #   again and time until srvr says it serves and a getData of the last znode succeeds.
  emit both restart todo "restart/recovery time with K znodes: Corral has no durable storage yet"
  # TODO(failover): in a 3-server ensemble, kill the leader by PID while the mixed workload runs; time until
  #   writes succeed again, and count session expiries and lost watches.
  emit both failover todo "leader failover time under load: Corral has no replication yet"
}

# ------------------------------------------------------------------------------------------------- main
[ "$BUILD" = 1 ] && build
classpaths
: >"$RESULTS"
printf '# Failures and server log excerpts (%s mode)\n' "$MODE" >"$FAILURES"
log "mode $MODE, -Xmx$HEAP for both servers, budget $BUDGET_MIN min, results in $RUN_DIR"
log "machine: $(nproc) cores, $(free -m | awk '/^Mem:/{print $2}') MB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
preflight_corral || log "Corral does not start; running anyway so that the ZooKeeper side and the failure are recorded"

for kind in zookeeper corral; do
  start_server "$kind" || { for w in $OPS_WORKLOADS; do emit "$kind" "$w" failed "server did not start"; done; continue; }
  for w in $OPS_WORKLOADS; do
    run_workload "$w" "$OPS_NEED_S" "$OPS_LIMIT_S"
  done
  stop_server
done
for kind in zookeeper corral; do
  if [ -z "$ONLY" ] || grep -qw memory <<<"${ONLY//,/ }"; then
    start_server "$kind" || { emit "$kind" memory failed "server did not start"; continue; }
    run_workload memory "$MEMORY_NEED_S" "$MEMORY_LIMIT_S"
    stop_server
  fi
done
todo_hooks

{
  printf '# Corral vs Apache ZooKeeper 3.9.3 (%s mode)\n\n' "$MODE"
  printf -- '- date: %s; %s cores, %s MB RAM; load average at the end %s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" \
    "$(nproc)" "$(free -m | awk '/^Mem:/{print $2}')" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf -- '- java: %s\n' "$(java -version 2>&1 | head -1)"
  printf -- '- both servers: -Xmx%s -XX:+UseG1GC, tickTime=2000, maxClientCnxns=0, 127.0.0.1; ZooKeeper forceSync=yes;'\
' Corral persistence: %s\n' "$HEAP" "${CORRAL_PERSISTENCE:-default (in memory)}"
  printf -- '- command: %s%s; took %d s\n\n' "${BENCH_ARGS:+BENCH_ARGS=\"$BENCH_ARGS\" }" "$COMMAND_LINE" \
    $((SECONDS - START_S))
  java -cp "$BENCH_CP" io.corral.bench.Report "$RESULTS" ${CORRAL_PERSISTENCE:+--corral-persistence "$CORRAL_PERSISTENCE"}
} >"$RUN_DIR/table.md"
echo
cat "$RUN_DIR/table.md"
echo
log "results: $RESULTS; table: $RUN_DIR/table.md; failures and log excerpts: $FAILURES"
