#!/usr/bin/env bash
# Side-by-side benchmark: Corral against Apache ZooKeeper 3.9.3, on this machine, in one run.
#
#   bench/run.sh [--quick] [--no-build] [--heap SIZE] [--only w1,w2,...] [--budget-min N] [--corral-persistence P]
#
#   --quick        short windows, fewer sessions, 100k znodes for memory: a few minutes (default: full, ~30 min)
#   --no-build     use the jars already in server/target and bench/target
#   --heap SIZE    -Xmx of both servers (default 1g quick, 2g full)
#   --only LIST    run only these workloads (create delete set get exists mixed watch session ephemeral memory
#                  restart ensemble failover; "ensemble" runs ensemble-create/-set/-get/-mixed)
#   --budget-min N hard bound on the whole run in minutes (default 15 quick, 35 full); workloads that no
#                  longer fit are recorded as skipped
#   --corral-persistence P   persistence.provider for Corral (default: its own default, in memory today); with
#                  "file", Corral also gets forceSync=yes and the table stops flagging writes as not comparable
#   BENCH_MVN_ARGS extra Maven arguments for the build (e.g. -o)
#   BENCH_ARGS     extra LoadGenerator options for every workload (e.g. "--duration-s 2 --sessions 4")
#   BENCH_SERVERS  which servers to run (default "zookeeper corral"; "corral" alone to profile it)
#   BENCH_ENSEMBLE_WORKLOADS  the ensemble workloads of --only ensemble (default "create set get mixed")
#   CORRAL_JVM_ARGS extra JVM options for Corral's servers only, e.g. JFR recordings (one file per server
#                  in the directory, which must exist) to profile a workload:
#                  CORRAL_JVM_ARGS="-XX:StartFlightRecording=settings=profile,filename=/tmp/corral-jfr"
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
SERVERS=${BENCH_SERVERS:-zookeeper corral}
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
    read -r -a extra <<<"${CORRAL_JVM_ARGS:-}"
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

# ------------------------------------------------------------------------------------------------ restart
# Restart: the server that the memory phase filled with K znodes is stopped (SIGTERM) and started again on the
# same files; the figure is the time from launching the JVM to srvr reporting that it serves, checked by the
# znode count in mntr. Both servers fsync their logs (ZooKeeper's default, Corral's file backend).
restart_same() {  # restart_same: restarts SERVER_KIND on the last server's directory, appends the result line
  local dir="$TMP_ROOT/$SERVER_KIND-$SERVER_SEQ" kind=$SERVER_KIND port=$SERVER_PORT main cp extra=()
  local before; before=$(four_letter "$port" mntr | awk '$1 == "zk_znode_count" {print $2}')
  stop_server
  SERVER_LOG="$RUN_DIR/logs/$SERVER_SEQ-$kind-restart.log"
  if [ "$kind" = zookeeper ]; then
    main=org.apache.zookeeper.server.ZooKeeperServerMain; cp=$ZK_CP
    extra=(-Dlogback.configurationFile="$BENCH/conf/logback-zookeeper.xml")
  else
    main=io.corral.server.Main; cp=$CORRAL_CP
    read -r -a extra <<<"${CORRAL_JVM_ARGS:-}"
  fi
  local t0; t0=$(date +%s%N)
  (cd "$dir" && exec java -Xmx"$HEAP" -XX:+UseG1GC "${extra[@]+"${extra[@]}"}" -cp "$cp" "$main" "$dir/zoo.cfg") \
    >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!; SERVER_KIND=$kind; PIDS+=("$SERVER_PID")
  local srvr ms="" deadline=$((SECONDS + 600))
  while [ $SECONDS -lt $deadline ] && kill -0 "$SERVER_PID" 2>/dev/null; do
    srvr=$(four_letter "$port" srvr)
    if grep -q "Mode:" <<<"$srvr"; then ms=$(( ($(date +%s%N) - t0) / 1000000 )); break; fi
    sleep 0.05
  done
  local after; after=$(four_letter "$port" mntr | awk '$1 == "zk_znode_count" {print $2}')
  if [ -z "$ms" ]; then
    emit "$kind" restart failed "did not serve again within 600 s"
  elif [ "${after:-0}" != "${before:-x}" ]; then
    emit "$kind" restart failed "served after ${ms} ms with ${after:-?} znodes where ${before:-?} were before the stop"
  else
    printf '{"time":"%s","server":"%s","workload":"restart","mode":"%s","status":"ok","restart_ms":%s,"znodes":%s}\n' \
      "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$kind" "$MODE" "$ms.0" "$after" >>"$RESULTS"
    log "$kind restarted with $after znodes, serving after $ms ms"
  fi
  stop_server
}

# ----------------------------------------------------------------------------------------------- ensemble
# A 3-server ensemble on 127.0.0.1 of one kind at a time: the request workloads with clients spread over the
# members (the client picks a member per session), then leader failover: the load generator kills the leader
# with SIGKILL and times the next successful write.
ENSEMBLE_PIDS=(); ENSEMBLE_PORTS=()
start_ensemble() {  # start_ensemble KIND
  local kind=$1 id dir main cp extra=() servers="" qp ep cp_port
  ENSEMBLE_PIDS=(); ENSEMBLE_PORTS=(); SERVER_SEQ=$((SERVER_SEQ + 1))
  for id in 1 2 3; do
    ENSEMBLE_PORTS+=("$(free_port)")
    qp=$(free_port); ep=$(free_port)
    servers+="server.$id=127.0.0.1:$qp:$ep;127.0.0.1:${ENSEMBLE_PORTS[$((id - 1))]}"$'\n'
  done
  if [ "$kind" = zookeeper ]; then
    main=org.apache.zookeeper.server.quorum.QuorumPeerMain; cp=$ZK_CP
    extra=(-Dlogback.configurationFile="$BENCH/conf/logback-zookeeper.xml")
  else
    main=io.corral.server.Main; cp=$CORRAL_CP
    read -r -a extra <<<"${CORRAL_JVM_ARGS:-}"
  fi
  for id in 1 2 3; do
    dir="$TMP_ROOT/$kind-ens$SERVER_SEQ-$id"; mkdir -p "$dir/data"; echo "$id" >"$dir/data/myid"
    write_config "$kind" "$dir" "${ENSEMBLE_PORTS[$((id - 1))]}"
    printf 'initLimit=10\nsyncLimit=5\n%s' "$servers" >>"$dir/zoo.cfg"
    (cd "$dir" && exec java -Xmx"$HEAP" -XX:+UseG1GC "${extra[@]+"${extra[@]}"}" -cp "$cp" "$main" "$dir/zoo.cfg") \
      >"$RUN_DIR/logs/$SERVER_SEQ-$kind-ensemble-$id.log" 2>&1 &
    ENSEMBLE_PIDS+=("$!"); PIDS+=("$!")
  done
  local _ modes
  for _ in $(seq 1 600); do
    modes=""
    for id in 1 2 3; do modes+=$(four_letter "${ENSEMBLE_PORTS[$((id - 1))]}" srvr | awk '/^Mode:/ {print $2}')" "; done
    if [ "$(grep -o leader <<<"$modes" | wc -l)" = 1 ] && [ "$(grep -o follower <<<"$modes" | wc -l)" = 2 ]; then
      log "$kind ensemble serving: pids ${ENSEMBLE_PIDS[*]}, client ports ${ENSEMBLE_PORTS[*]}, modes $modes"
      SERVER_KIND=$kind
      return 0
    fi
    sleep 0.2
  done
  log "$kind ensemble did not elect a leader (modes: $modes)"
  stop_ensemble
  return 1
}

stop_ensemble() {
  local p
  for p in "${ENSEMBLE_PIDS[@]+"${ENSEMBLE_PIDS[@]}"}"; do stop_pid "$p"; forget_pid "$p"; done
  ENSEMBLE_PIDS=()
}

ensemble_connect() {
  local id out=""
  for id in 0 1 2; do out+="${out:+,}127.0.0.1:${ENSEMBLE_PORTS[$id]}"; done
  printf '%s' "$out"
}

ensemble_leader_pid() {
  local id
  for id in 0 1 2; do
    if four_letter "${ENSEMBLE_PORTS[$id]}" srvr | grep -q "Mode: leader"; then printf '%s' "${ENSEMBLE_PIDS[$id]}"; return 0; fi
  done
  return 1
}

run_ensemble_workload() {  # run_ensemble_workload LABEL WORKLOAD NEED_S LIMIT_S [extra LoadGenerator options]
  local label=$1 workload=$2 need=$3 limit=$4; shift 4
  if [ -n "$ONLY" ] && ! grep -qw "$label" <<<"${ONLY//,/ }" && ! grep -qw ensemble <<<"${ONLY//,/ }"; then return 0; fi
  local left=$((DEADLINE_S - SECONDS))
  if [ "$left" -lt "$need" ]; then
    emit "$SERVER_KIND" "$label" skipped "time budget of $BUDGET_MIN min used up"; return 0
  fi
  [ "$limit" -le "$left" ] || limit=$left
  local rc=0 lines_before out="$TMP_ROOT/loadgen.out"
  lines_before=$(wc -l <"$RESULTS")
  # shellcheck disable=SC2206
  local extra_args=(${BENCH_ARGS:-})
  timeout --kill-after=10 "$limit" java -Xms256m -Xmx2g -XX:+UseG1GC -Djute.maxbuffer=16777216 \
    -Dzookeeper.sasl.client=false -Dlogback.configurationFile="$BENCH/conf/logback-client.xml" \
    -cp "$BENCH_CP" io.corral.bench.LoadGenerator "--$MODE" --server "$SERVER_KIND" --label "$label" \
    --connect "$(ensemble_connect)" --workload "$workload" --out "$RESULTS" "$@" "${extra_args[@]+"${extra_args[@]}"}" \
    >"$out" 2>>"$RUN_DIR/logs/loadgen-$SERVER_KIND.err" &
  local lg=$!
  PIDS+=("$lg")
  wait "$lg" || rc=$?
  forget_pid "$lg"
  cat "$out" | tee -a "$RUN_DIR/logs/loadgen.out"
  [ "$(wc -l <"$RESULTS")" -gt "$lines_before" ] || emit "$SERVER_KIND" "$label" failed "load generator exited $rc without a result"
}

# ------------------------------------------------------------------------------------------------- main
[ "$BUILD" = 1 ] && build
classpaths
: >"$RESULTS"
printf '# Failures and server log excerpts (%s mode)\n' "$MODE" >"$FAILURES"
log "mode $MODE, -Xmx$HEAP for both servers, budget $BUDGET_MIN min, results in $RUN_DIR"
log "machine: $(nproc) cores, $(free -m | awk '/^Mem:/{print $2}') MB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
preflight_corral || log "Corral does not start; running anyway so that the ZooKeeper side and the failure are recorded"

for kind in $SERVERS; do
  start_server "$kind" || { for w in $OPS_WORKLOADS; do emit "$kind" "$w" failed "server did not start"; done; continue; }
  for w in $OPS_WORKLOADS; do
    run_workload "$w" "$OPS_NEED_S" "$OPS_LIMIT_S"
  done
  stop_server
done
for kind in $SERVERS; do
  if [ -z "$ONLY" ] || grep -qw -e memory -e restart <<<"${ONLY//,/ }"; then
    start_server "$kind" || { emit "$kind" memory failed "server did not start"; continue; }
    # restart needs the memory phase's znodes, even when only restart was asked for.
    ONLY_SAVED=$ONLY; [ -n "$ONLY" ] && ONLY="$ONLY,memory"
    run_workload memory "$MEMORY_NEED_S" "$MEMORY_LIMIT_S"
    ONLY=$ONLY_SAVED
    if [ -z "$ONLY" ] || grep -qw restart <<<"${ONLY//,/ }"; then restart_same; else stop_server; fi
  fi
done
ENSEMBLE_WORKLOADS=${BENCH_ENSEMBLE_WORKLOADS:-create set get mixed}
for kind in $SERVERS; do
  if [ -n "$ONLY" ] && ! grep -qw -e ensemble -e failover <<<"${ONLY//,/ }"; then break; fi
  start_ensemble "$kind" || { emit "$kind" failover failed "ensemble did not start"; continue; }
  for w in $ENSEMBLE_WORKLOADS; do
    run_ensemble_workload "ensemble-$w" "$w" "$OPS_NEED_S" "$OPS_LIMIT_S"
  done
  if [ -z "$ONLY" ] || grep -qw failover <<<"${ONLY//,/ }"; then
    leader=$(ensemble_leader_pid) || leader=""
    if [ -n "$leader" ]; then
      run_ensemble_workload failover failover 70 120 --leader-pid "$leader"
    else
      emit "$kind" failover failed "no leader found before the kill"
    fi
  fi
  stop_ensemble
done

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
