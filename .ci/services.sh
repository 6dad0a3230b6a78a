#!/usr/bin/env bash
# Services for the integration suite (test/integration): `start` installs Redis from Debian if
# missing, runs it on 127.0.0.1:6399 without persistence; fetches Elasticsearch (the
# integ-test zip from Maven Central) into a cache dir, runs it single-node on 127.0.0.1:9250
# as an unprivileged user; and writes .ci/services.env. `stop` shuts both down. Both are
# idempotent. FerretDB 1.24 (MongoDB protocol) is built from its Go module and runs on
# 127.0.0.1:27027 on its SQLite backend. Apache Kafka (KRaft, one combined broker and
# controller, 127.0.0.1:9192, controller 9193) runs from Maven Central's jars, fetched with a
# generated pom by `mvn dependency:copy-dependencies` into a cache dir.
set -euo pipefail
cd "$(dirname "$0")/.."

REDIS_PORT=6399
STATE_DIR="${TMPDIR:-/tmp}/lognest-ci-redis-${REDIS_PORT}"
ENV_FILE=.ci/services.env

redis_up() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

start_redis() {
  command -v redis-server >/dev/null || apt_install redis-server
  if ! redis_up; then
    mkdir -p "$STATE_DIR"
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$STATE_DIR" \
      --save '' --appendonly no --daemonize yes \
      --pidfile "$STATE_DIR/redis.pid" --logfile "$STATE_DIR/redis.log"
    for _ in $(seq 1 100); do redis_up && break; sleep 0.1; done
    redis_up || { echo "redis-server did not answer on port $REDIS_PORT" >&2; cat "$STATE_DIR/redis.log" >&2; exit 1; }
  fi
  echo "redis: 127.0.0.1:$REDIS_PORT ($(redis-server --version | awk '{print $3}'))"
}

stop_redis() {
  if redis_up; then redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; fi
  for _ in $(seq 1 50); do redis_up || break; sleep 0.1; done
  rm -rf "$STATE_DIR"
}

# Stops the process of a pid file: TERM, then KILL if it is still there after 20 s.
stop_pidfile() {
  if [ -s "$1" ]; then
    local pid; pid="$(cat "$1")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
}

ES_VERSION=8.19.0
ES_PORT=9250
ES_USER=lognest-es
ES_CACHE="${TMPDIR:-/tmp}/lognest-es-cache"
ES_HOME="$ES_CACHE/elasticsearch-$ES_VERSION"
ES_STATE="${TMPDIR:-/tmp}/lognest-ci-es-${ES_PORT}"
ES_URL="http://127.0.0.1:$ES_PORT"

es_up() { curl -fsS -m 2 "$ES_URL/_cluster/health" >/dev/null 2>&1; }

java17_home() {
  local d
  for d in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/*17*; do
    if [ -x "$d/bin/java" ]; then echo "$d"; return; fi
  done
  apt_install openjdk-17-jre-headless
  for d in /usr/lib/jvm/java-17-openjdk-*; do
    if [ -x "$d/bin/java" ]; then echo "$d"; return; fi
  done
  echo "no Java 17 found under /usr/lib/jvm" >&2; exit 1
}

start_elasticsearch() {
  command -v curl >/dev/null || apt_install curl
  if ! es_up; then
    local java_home; java_home="$(java17_home)"
    if [ ! -x "$ES_HOME/bin/elasticsearch" ]; then
      command -v unzip >/dev/null || apt_install unzip
      command -v mvn >/dev/null || apt_install maven
      mkdir -p "$ES_CACHE"
      local zip="$ES_CACHE/elasticsearch-$ES_VERSION.zip"
      [ -s "$zip" ] || JAVA_HOME="$java_home" mvn -q -B dependency:copy \
        "-Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
        "-DoutputDirectory=$ES_CACHE"
      rm -rf "$ES_HOME.tmp" && mkdir -p "$ES_HOME.tmp"
      unzip -q -o "$zip" -d "$ES_HOME.tmp"
      mv "$ES_HOME.tmp/elasticsearch-$ES_VERSION" "$ES_HOME" && rm -rf "$ES_HOME.tmp"
    fi
    rm -rf "$ES_STATE" && mkdir -p "$ES_STATE/data" "$ES_STATE/logs"
    # Elasticsearch refuses to run as root: as root, run it as an unprivileged user.
    local as_user=()
    if [ "$(id -u)" = 0 ]; then
      id -u "$ES_USER" >/dev/null 2>&1 || useradd -r -s /usr/sbin/nologin -M "$ES_USER"
      chown -R "$ES_USER" "$ES_HOME" "$ES_STATE"
      as_user=(runuser -u "$ES_USER" --)
    fi
    # The integ-test zip carries the x-pack-security module: turn it off for plain HTTP.
    local xpack=()
    [ -d "$ES_HOME/modules/x-pack-security" ] && xpack=(-Expack.security.enabled=false)
    "${as_user[@]}" env JAVA_HOME="$java_home" ES_JAVA_HOME="$java_home" \
      ES_JAVA_OPTS="-Xms512m -Xmx512m" \
      "$ES_HOME/bin/elasticsearch" -d -p "$ES_STATE/es.pid" \
      -Ediscovery.type=single-node "${xpack[@]}" \
      -Ehttp.port="$ES_PORT" -Enetwork.host=127.0.0.1 -Etransport.port=9350 \
      -Epath.data="$ES_STATE/data" -Epath.logs="$ES_STATE/logs" \
      -Ecluster.routing.allocation.disk.threshold_enabled=false \
      >"$ES_STATE/stdout.log" 2>&1 || { cat "$ES_STATE/stdout.log" >&2; exit 1; }
    for _ in $(seq 1 180); do es_up && break; sleep 1; done
    es_up || { echo "elasticsearch did not answer on port $ES_PORT" >&2; tail -50 "$ES_STATE"/logs/*.log "$ES_STATE/stdout.log" >&2 || true; exit 1; }
  fi
  curl -fsS -m 120 "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=110s" >/dev/null
  echo "elasticsearch: $ES_URL ($(curl -fsS "$ES_URL/_cat/nodes?h=version" | tr -d "[:space:]"))"
}

stop_elasticsearch() {
  stop_pidfile "$ES_STATE/es.pid"
  rm -rf "$ES_STATE"
}

FERRET_VERSION=v1.24.2
FERRET_PORT=27027
FERRET_CACHE="${TMPDIR:-/tmp}/lognest-ferretdb-cache"
FERRET_BIN="$FERRET_CACHE/ferretdb-$FERRET_VERSION"
FERRET_STATE="${TMPDIR:-/tmp}/lognest-ci-ferretdb-${FERRET_PORT}"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ferret_up() { port_open "$FERRET_PORT"; }

# FerretDB (a MongoDB-protocol server) built from its Go module, on its SQLite backend.
start_ferretdb() {
  if ! ferret_up; then
    if [ ! -x "$FERRET_BIN" ]; then
      command -v go >/dev/null || { echo "go is needed to build FerretDB" >&2; exit 1; }
      local dir; dir="$(go mod download -json "github.com/FerretDB/FerretDB@$FERRET_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
      [ -d "$dir" ] || { echo "go mod download of FerretDB $FERRET_VERSION gave no module directory" >&2; exit 1; }
      rm -rf "$FERRET_CACHE/src" && mkdir -p "$FERRET_CACHE" && cp -r "$dir" "$FERRET_CACHE/src" && chmod -R u+w "$FERRET_CACHE/src"
      echo "$FERRET_VERSION" > "$FERRET_CACHE/src/build/version/version.txt"
      (cd "$FERRET_CACHE/src" && go build -o "$FERRET_BIN.tmp" ./cmd/ferretdb) && mv "$FERRET_BIN.tmp" "$FERRET_BIN"
    fi
    rm -rf "$FERRET_STATE" && mkdir -p "$FERRET_STATE/data"
    nohup "$FERRET_BIN" --handler=sqlite --sqlite-url="file:$FERRET_STATE/data/" \
      --listen-addr="127.0.0.1:$FERRET_PORT" --telemetry=disable --debug-addr=- --log-level=warn \
      >"$FERRET_STATE/ferretdb.log" 2>&1 &
    echo $! > "$FERRET_STATE/ferretdb.pid"
    for _ in $(seq 1 100); do ferret_up && break; sleep 0.1; done
    ferret_up || { echo "ferretdb did not listen on port $FERRET_PORT" >&2; cat "$FERRET_STATE/ferretdb.log" >&2; exit 1; }
  fi
  echo "ferretdb: 127.0.0.1:$FERRET_PORT ($FERRET_VERSION, sqlite backend)"
}

stop_ferretdb() {
  stop_pidfile "$FERRET_STATE/ferretdb.pid"
  rm -rf "$FERRET_STATE"
}

KAFKA_VERSION=4.1.1
KAFKA_PORT=9192
KAFKA_CONTROLLER_PORT=9193
KAFKA_CACHE="${TMPDIR:-/tmp}/lognest-kafka-cache"
KAFKA_LIBS="$KAFKA_CACHE/libs-$KAFKA_VERSION"
KAFKA_STATE="${TMPDIR:-/tmp}/lognest-ci-kafka-${KAFKA_PORT}"

kafka_up() { port_open "$KAFKA_PORT"; }

start_kafka() {
  if ! kafka_up; then
    local java_home; java_home="$(java17_home)"
    if [ ! -s "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]; then
      command -v mvn >/dev/null || apt_install maven
      mkdir -p "$KAFKA_CACHE"
      cat > "$KAFKA_CACHE/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>lognest.ci</groupId><artifactId>kafka-runtime</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
  </dependencies>
</project>
POM
      rm -rf "$KAFKA_LIBS.tmp"
      JAVA_HOME="$java_home" mvn -q -B -f "$KAFKA_CACHE/pom.xml" dependency:copy-dependencies \
        -DincludeScope=runtime "-DoutputDirectory=$KAFKA_LIBS.tmp"
      rm -rf "$KAFKA_LIBS" && mv "$KAFKA_LIBS.tmp" "$KAFKA_LIBS"
    fi
    rm -rf "$KAFKA_STATE" && mkdir -p "$KAFKA_STATE/data"
    cat > "$KAFKA_STATE/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_STATE/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
PROPS
    local classpath="$KAFKA_LIBS/*"
    "$java_home/bin/java" -cp "$classpath" kafka.tools.StorageTool format \
      -t "$("$java_home/bin/java" -cp "$classpath" kafka.tools.StorageTool random-uuid 2>/dev/null)" \
      -c "$KAFKA_STATE/server.properties" >"$KAFKA_STATE/format.log" 2>&1 \
      || { cat "$KAFKA_STATE/format.log" >&2; exit 1; }
    nohup "$java_home/bin/java" -Xms256m -Xmx512m -cp "$classpath" kafka.Kafka "$KAFKA_STATE/server.properties" \
      >"$KAFKA_STATE/kafka.log" 2>&1 &
    echo $! > "$KAFKA_STATE/kafka.pid"
    for _ in $(seq 1 120); do kafka_up && break; sleep 0.5; done
    kafka_up || { echo "kafka did not listen on port $KAFKA_PORT" >&2; tail -50 "$KAFKA_STATE/kafka.log" >&2; exit 1; }
  fi
  echo "kafka: 127.0.0.1:$KAFKA_PORT ($KAFKA_VERSION, KRaft)"
}

stop_kafka() {
  stop_pidfile "$KAFKA_STATE/kafka.pid"
  rm -rf "$KAFKA_STATE"
}

case "${1:-}" in
  start)
    start_redis
    start_elasticsearch
    start_ferretdb
    start_kafka
    echo "export LOGNEST_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT" > "$ENV_FILE"
    echo "export LOGNEST_TEST_ELASTICSEARCH_URL=$ES_URL" >> "$ENV_FILE"
    echo "export LOGNEST_TEST_MONGODB_URL=mongodb://127.0.0.1:$FERRET_PORT/" >> "$ENV_FILE"
    echo "export LOGNEST_TEST_KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT" >> "$ENV_FILE"
    ;;
  stop)
    stop_redis
    stop_elasticsearch
    stop_ferretdb
    stop_kafka
    rm -f "$ENV_FILE"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
