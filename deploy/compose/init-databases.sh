#!/bin/bash
# Runs once, when the postgres container initialises an empty data directory
# (/docker-entrypoint-initdb.d). The same layout as the CloudNativePG cluster on Kubernetes: one
# role per service owning its database, and a debezium role that may replicate and, as a member of
# every service role, read the outbox tables and create the ponte_outbox_<db> publications.
set -euo pipefail
: "${PONTE_DB_PASSWORD:?}" "${DEBEZIUM_DB_PASSWORD:?}"
for db in vault consent payment collection webhook; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v role="$db" -v password="$PONTE_DB_PASSWORD" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
SQL
done
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v password="$DEBEZIUM_DB_PASSWORD" <<'SQL'
CREATE ROLE debezium LOGIN REPLICATION PASSWORD :'password' IN ROLE vault, consent, payment, collection, webhook;
SQL
