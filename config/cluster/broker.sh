#!/bin/sh
# An ActiveMQ Artemis broker for filemill, as .ci/artemis.sh makes one for the tests: login required,
# no web console, only the core protocol, the request queue created. Run once on the broker machine
# (Java 17+), with the distribution from Maven Central:
#   org.apache.activemq:apache-artemis:2.40.0:tar.gz:bin
# The password is asked for on the terminal, never written here. Then start it with
#   /var/lib/filemill-broker/bin/artemis run        (or its artemis-service script)
set -eu
ARTEMIS_HOME=${ARTEMIS_HOME:-/opt/apache-artemis-2.40.0}
printf 'password for the broker user filemill: '
stty -echo; read -r password; stty echo; echo
"$ARTEMIS_HOME/bin/artemis" create /var/lib/filemill-broker --user filemill --password "$password" \
  --require-login --host 0.0.0.0 --no-web --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor \
  --no-hornetq-acceptor --queues filemill.requests
