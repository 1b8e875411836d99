#!/usr/bin/env bash
# Installs (when missing) and starts a local ActiveMQ Artemis broker for the cluster tests: the
# broker distribution from Maven Central (through the Maven wrapper), one instance that requires a
# login, listening on 127.0.0.1 only, with the request queue filemill.requests. Prints the settings
# the tests read as KEY=VALUE lines (FILEMILL_TEST_ARTEMIS_HOME: where its pid is, for the test that
# kills and restarts it by running this script again). Idempotent: a running broker is left running; the password is
# made at random when the instance is created and kept in it (never in the repository).
#
#   FILEMILL_CI_ARTEMIS_HOME  where the broker lives (default /var/tmp/filemill-artemis)
#   FILEMILL_CI_ARTEMIS_PORT  its port (default 61616)
set -euo pipefail
cd "$(dirname "$0")/.."
version=2.40.0
home=${FILEMILL_CI_ARTEMIS_HOME:-/var/tmp/filemill-artemis}
port=${FILEMILL_CI_ARTEMIS_PORT:-61616}
user=filemill
instance=$home/instance
mkdir -p "$home"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

if [ ! -x "$home/apache-artemis-$version/bin/artemis" ]; then
  ./mvnw -B -q dependency:copy -Dartifact="org.apache.activemq:apache-artemis:$version:tar.gz:bin" \
    -DoutputDirectory="$home" -Dmdep.overWriteIfNewer=true >&2
  tar -xzf "$home/apache-artemis-$version-bin.tar.gz" -C "$home"
  rm -f "$home/apache-artemis-$version-bin.tar.gz"
fi
if [ ! -f "$instance/etc/broker.xml" ]; then
  password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  "$home/apache-artemis-$version/bin/artemis" create "$instance" --silent --user "$user" \
    --password "$password" --require-login --host 127.0.0.1 --default-port "$port" --no-web \
    --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
    --queues filemill.requests >&2
  umask 077
  printf '%s\n' "$password" > "$home/password"
fi
password=$(cat "$home/password")
if ! listening; then
  # its own session, so that it outlives this script and the CI step that started it
  setsid "$instance/bin/artemis" run > "$home/broker.log" 2>&1 < /dev/null &
  echo $! > "$home/broker.pid" # the broker's JVM (the script execs it): a test kills it to restart the broker
  for _ in $(seq 1 60); do
    listening && break
    sleep 1
  done
  listening || { echo "artemis did not start; see $home/broker.log" >&2; tail -20 "$home/broker.log" >&2; exit 1; }
fi
echo "FILEMILL_TEST_ARTEMIS_URL=tcp://127.0.0.1:$port"
echo "FILEMILL_TEST_ARTEMIS_USER=$user"
echo "FILEMILL_TEST_ARTEMIS_PASSWORD=$password"
echo "FILEMILL_TEST_ARTEMIS_HOME=$home"
