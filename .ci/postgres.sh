#!/usr/bin/env bash
# Installs (when missing) and starts a local PostgreSQL server for the job repository test, with a
# database and user "filemill"; prints the settings the test reads. Idempotent. Needs root (apt).
set -euo pipefail
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(pg_lsclusters --no-header | awk 'NR==1 {print $1}')
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $2}')
if [ -z "$version" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  cluster=main
  pg_createcluster "$version" "$cluster" >/dev/null
fi
pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='filemill'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE USER filemill PASSWORD 'filemill'\""
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='filemill'\"" | grep -q 1 \
  || su postgres -c "createdb -O filemill filemill"
echo "FILEMILL_TEST_POSTGRES_URL=jdbc:postgresql://localhost:5432/filemill"
