#!/usr/bin/env bash
# Starts the machine's PostgreSQL server for the test suite and makes sure the test role exists.
# Prints the connection URL on its last line. Idempotent: running it twice is harmless.
# Installs the server from Debian's packages when it is missing (needs root, as in CI).
set -euo pipefail

ROLE=${CIIC_PG_ROLE:-ciic}
PASSWORD=${CIIC_PG_PASSWORD:-ciic-test}
PORT=${CIIC_PG_PORT:-5432}

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "PostgreSQL server not found; installing it from Debian's packages" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$VERSION main"; then
  pg_createcluster "$VERSION" main >&2
fi
if ! pg_lsclusters -h | grep -q "^$VERSION main.*online"; then
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" main start >&2
fi

for _ in $(seq 1 30); do
  su postgres -c "psql -p $PORT -tAc 'select 1'" >/dev/null 2>&1 && break
  sleep 0.5
done

su postgres -c "psql -p $PORT -v ON_ERROR_STOP=1 -q" >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END
\$\$;
-- Tests drop their databases WITH (FORCE), which ends the server's own sessions on them too
-- (an autovacuum worker, say); that takes this built-in role.
GRANT pg_signal_backend TO $ROLE;
SQL
if ! su postgres -c "psql -p $PORT -tAc \"select 1 from pg_database where datname = '$ROLE'\"" | grep -q 1; then
  su postgres -c "createdb -p $PORT -O $ROLE $ROLE" >&2
fi
echo "postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/$ROLE"
