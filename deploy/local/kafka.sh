#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft) for development and the integration tiers.
# The broker's jars come from Maven Central (resolved once by Maven, then cached); it listens on 127.0.0.1 only.
#
#   deploy/local/kafka.sh start   # fetch if needed, format storage if needed, start, wait until it answers
#   deploy/local/kafka.sh stop    # stop the broker started from the same data folder
#   deploy/local/kafka.sh status  # prints "running" or "stopped"
#
# Environment (all optional):
#   KAFKA_PORT          client port (default 9092); the controller listens on KAFKA_PORT+1
#   KAFKA_DATA_DIR      storage, pid and log (default <repo>/.data/kafka)
#   KAFKA_CACHE_DIR     where the jars are cached (default ~/.cache/cvl-kafka)
#   KAFKA_START_TIMEOUT seconds to wait for the broker (default 90)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
port="${KAFKA_PORT:-9092}"
controller_port=$((port + 1))
data_dir="${KAFKA_DATA_DIR:-$repo/.data/kafka}"
cache_dir="${KAFKA_CACHE_DIR:-$HOME/.cache/cvl-kafka}"
kafka_version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/kafka/pom.xml")"
libs_dir="$cache_dir/$kafka_version/libs"
timeout_s="${KAFKA_START_TIMEOUT:-90}"
pid_file="$data_dir/kafka.pid"
log_file="$data_dir/kafka.out"

say() { printf '[kafka] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

fetch() {
  if [ -f "$libs_dir/.complete" ]; then return; fi
  command -v java >/dev/null || die "Java 17+ is required to run the Kafka broker (apt-get install openjdk-17-jre-headless)."
  command -v mvn >/dev/null || die "Maven is required to fetch the Kafka broker from Maven Central (apt-get install maven)."
  say "fetching Apache Kafka $kafka_version from Maven Central into $libs_dir"
  mkdir -p "$libs_dir"
  mvn -q -B -f "$here/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$libs_dir" || die "Maven could not fetch the Kafka jars."
  touch "$libs_dir/.complete"
}

is_running() {
  [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

write_config() {
  mkdir -p "$data_dir/logs"
  cat > "$data_dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$data_dir/logs
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
PROPS
  cat > "$data_dir/log4j2.properties" <<'LOG'
status = error
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = ${sys:kafka.logs.dir}/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.file.ref = FILE
logger.kafka.name = kafka
logger.kafka.level = INFO
LOG
}

start() {
  if is_running; then say "already running (pid $(cat "$pid_file")) on 127.0.0.1:$port"; return; fi
  if port_open; then die "127.0.0.1:$port is already taken by another process; set KAFKA_PORT or KAFKA_BROKERS."; fi
  fetch
  write_config
  local cp="$libs_dir/*"
  if [ ! -f "$data_dir/logs/meta.properties" ]; then
    local cluster_id
    cluster_id="$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
    say "formatting storage in $data_dir (cluster $cluster_id)"
    java -cp "$cp" -Dlog4j2.configurationFile="$data_dir/log4j2.properties" -Dkafka.logs.dir="$data_dir" \
      kafka.tools.StorageTool format -t "$cluster_id" -c "$data_dir/server.properties" >/dev/null \
      || die "could not format Kafka storage in $data_dir"
  fi
  say "starting broker on 127.0.0.1:$port (log: $log_file)"
  nohup java -Xms256m -Xmx768m -cp "$cp" \
    -Dlog4j2.configurationFile="$data_dir/log4j2.properties" -Dkafka.logs.dir="$data_dir" \
    kafka.Kafka "$data_dir/server.properties" >"$log_file" 2>&1 &
  echo $! > "$pid_file"
  local waited=0
  until port_open; do
    is_running || { tail -n 30 "$log_file" >&2 || true; die "the broker exited during start-up"; }
    [ "$waited" -ge "$timeout_s" ] && { tail -n 30 "$log_file" >&2 || true; die "the broker did not answer within ${timeout_s}s"; }
    sleep 1; waited=$((waited + 1))
  done
  say "ready on 127.0.0.1:$port after ${waited}s"
}

stop() {
  if ! is_running; then say "not running"; rm -f "$pid_file"; return; fi
  local pid; pid="$(cat "$pid_file")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  rm -f "$pid_file"
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if is_running; then echo running; else echo stopped; fi ;;
  fetch) fetch ;;
  *) echo "usage: $0 start|stop|status|fetch" >&2; exit 2 ;;
esac
