# Shared by the scripts of deploy/ (sourced, never run): where the stack
# keeps its state, its ports, and how to run a command as root or as PostgreSQL's owner.
# shellcheck shell=bash
# shellcheck disable=SC2034  # the variables are for the scripts that source this file

checkout=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Everything the stack writes: the database cluster, logs, pid files, the page cache,
# collected static files, media, generated secrets and configuration (gitignored).
stack=${STACK_DIR:-$checkout/var/stack}
mkdir -p "$stack"
stack=$(cd "$stack" && pwd)

# Ports (override them to run a second stack beside the first, as the tests do).
http_port=${STACK_HTTP_PORT:-8080}
app_port=${STACK_APP_PORT:-8001}
pg_port=${STACK_PG_PORT:-55439}
redis_port=${STACK_REDIS_PORT:-6380}
tls_port=${STACK_TLS_PORT:-443}
domain=${PORTAL_DOMAIN:-localhost}

python=${STACK_PYTHON:-$checkout/.venv/bin/python}
pg_data=$stack/postgresql
pg_socket=$stack/run/postgresql

is_root() { [ "$(id -u)" -eq 0 ]; }

as_root() {
    if is_root; then "$@"; else sudo "$@"; fi
}

# PostgreSQL refuses to run as root: when we are root, its cluster belongs to "postgres".
as_pg() {
    if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

pg_bin() {
    local bin
    bin=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$bin" ] && [ -x "$bin/initdb" ] && echo "$bin"
}

# The pid in a pid file, if that process is alive.
running_pid() {
    local pid
    [ -s "$1" ] || return 1
    pid=$(cat "$1")
    kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# Signal the process of a pid file and wait (up to $3 seconds) until it is gone.
stop_pid() {
    local file=$1 signal=$2 seconds=${3:-30} pid
    pid=$(running_pid "$file") || return 0
    kill "-$signal" "$pid"
    for _ in $(seq $((seconds * 10))); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$file"; return 0; }
        sleep 0.1
    done
    echo "process $pid ($file) did not stop within ${seconds}s" >&2
    return 1
}

nginx_cmd() {
    nginx -p "$stack/nginx" -c "$stack/nginx/nginx.conf" -e "$stack/log/nginx-error.log" "$@"
}

# A PostgreSQL client tool (pg_dump, pg_restore) of the newest installed version: it must be
# at least as new as the server it talks to. PG_BIN names another directory.
pg_tool() {
    local dir
    for dir in ${PG_BIN:-} $(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -rV); do
        if [ -x "$dir/$1" ]; then
            echo "$dir/$1"
            return 0
        fi
    done
    command -v "$1"
}

# The app's environment for a command outside the stack's own scripts: what the caller
# exported (DATABASE_URL and the rest), or else the stack's rendered stack.env.
load_app_env() {
    if [ -z "${DATABASE_URL:-}" ] && [ -f "$stack/stack.env" ]; then
        set -a
        # shellcheck source=/dev/null
        . "$stack/stack.env"
        set +a
    fi
}
