#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432, trust auth, database "test") and Redis (127.0.0.1:6379) are
# up for the storage tests. The project's machines start both before a session; a laptop or a bare
# CI machine may have neither, so install them from Debian's packages and start them here.
set -euo pipefail

up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
apt_updated=0
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  [ "$apt_updated" = 1 ] || { apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

if ! up 6379; then
  echo "ensure-services: starting Redis on 127.0.0.1:6379"
  need redis-server redis-server
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
fi

if ! up 5432; then
  echo "ensure-services: starting PostgreSQL on 127.0.0.1:5432"
  if ls /etc/postgresql/*/main >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
  if ! up 5432; then
    need pg_ctlcluster postgresql
    bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    data=/tmp/engage-ci-pgdata
    if [ ! -d "$data" ]; then
      install -d -o postgres "$data"
      su postgres -c "$bin/initdb -D $data -A trust -U postgres" >/dev/null
    fi
    install -d -o postgres /var/run/postgresql
    su postgres -c "$bin/pg_ctl -D $data -o '-h 127.0.0.1 -p 5432' -l $data/log -w start" >/dev/null
  fi
fi

for i in $(seq 1 30); do up 5432 && up 6379 && break; sleep 1; done
psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE test" >/dev/null
echo "ensure-services: PostgreSQL and Redis are up"
