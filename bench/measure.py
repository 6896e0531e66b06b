"""The measurements of bench/run, against a running stack (bench/run starts one).

    python bench/measure.py PAGES_JSON

PAGES_JSON is bench/pages.py's output. The stack is found through the environment bench/run
sets (STACK_DIR, STACK_APP_PORT, STACK_HTTP_PORT, STACK_PG_PORT); durations come from
BENCH_REQUESTS, BENCH_DURATION, BENCH_LOAD_DURATION, BENCH_MIXED_REQUESTS.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

STACK = Path(os.environ["STACK_DIR"])
APP = f"127.0.0.1:{os.environ['STACK_APP_PORT']}"
PROXY = f"127.0.0.1:{os.environ['STACK_HTTP_PORT']}"
PG_PORT = os.environ["STACK_PG_PORT"]
REQUESTS = int(os.environ.get("BENCH_REQUESTS", 100))
DURATION = int(os.environ.get("BENCH_DURATION", 10))
LOAD_DURATION = int(os.environ.get("BENCH_LOAD_DURATION", 60))
MIXED_REQUESTS = int(os.environ.get("BENCH_MIXED_REQUESTS", 1000))
TICK = os.sysconf("SC_CLK_TCK")
STATIC_FILE = "bench-30k.html"


def fetch(server, host, path):
    """One request; returns (status, headers, body)."""
    request = urllib.request.Request(f"http://{server}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


# The gunicorn workers and what the kernel counts for them ------------------------------------


def workers(pidfile=None):
    master = int((pidfile or STACK / "run" / "gunicorn.pid").read_text())
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return master, [int(pid) for pid in children]


def cpu_ticks(pids):
    total = 0
    for pid in pids:
        # Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total


def memory_kb(pid):
    """Resident and proportional (shared pages split between their users) set sizes."""
    rss = pss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif line.startswith("Pss:"):
            pss = int(line.split()[1])
    return rss, pss


# PostgreSQL's own count of statements (pg_stat_statements, deploy/postgresql.conf) -----------


def psql(sql):
    command = [
        *(["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []),
        *[str(next(Path("/usr/lib/postgresql").glob("*/bin/psql")))],
        *["-h", str(STACK / "run" / "postgresql"), "-p", PG_PORT, "-U", "postgres", "-d", "gzm"],
        *["-qtAc", sql],
    ]
    return subprocess.run(command, check=True, capture_output=True, text=True, cwd="/").stdout


def statements():
    total = psql(
        "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_roles r"
        " ON r.oid = s.userid WHERE r.rolname = 'gzm'"
    )
    return int(total.strip() or 0)


def advance_generation():
    """What a publish does to the app cache (portal/freshness.py): INCR of the content
    generation in Redis, said in Redis's own protocol."""
    prefix = os.environ.get("CACHE_KEY_PREFIX", "gzm")
    key = f"{prefix}:1:portal:content-generation".encode()
    url = os.environ["CACHE_URL"].split("//", 1)[1].split("/", 1)[0]
    redis_host, redis_port = url.rsplit(":", 1)
    command = b"*2\r\n$4\r\nINCR\r\n$%d\r\n%s\r\n" % (len(key), key)
    with socket.create_connection((redis_host, int(redis_port)), timeout=5) as connection:
        connection.sendall(command)
        connection.recv(64)


# wrk ------------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def wrk(server, targets, connections, seconds):
    """Run wrk over ``targets`` ([host, path] pairs, taken in turn); returns its figures."""
    lines = ["local targets = {"]
    lines += [f"  {{{json.dumps(host)}, {json.dumps(path)}}}," for host, path in targets]
    lines += [
        "}",
        "local i = 0",
        "request = function()",
        "  i = i % #targets + 1",
        '  return wrk.format("GET", targets[i][2], {["Host"] = targets[i][1]})',
        "end",
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write("\n".join(lines) + "\n")
    try:
        threads = str(min(connections, os.cpu_count() or 1))
        output = subprocess.run(
            [
                *["wrk", "-t", threads, "-c", str(connections), "-d", f"{seconds}s"],
                *["--latency", "-s", script.name, f"http://{server}/"],
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        os.unlink(script.name)
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for percentile in ("50", "99"):
        found = re.search(rf"\s{percentile}%\s+([\d.]+)(us|ms|s|m)\b", output)
        figures[f"p{percentile}"] = float(found.group(1)) * UNITS[found.group(2)] if found else 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    figures["errors"] = (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(n) for n in socket.groups()) if socket else 0
    )
    figures["requests"] = int(re.search(r"(\d+) requests in", output).group(1))
    return figures


# The measurements -------------------------------------------------------------------------------


def per_page(label, host, path):
    master, pids = workers()
    # Warm: every worker keeps what it has read of the app cache in its own memory.
    for _ in range(3 * len(pids) + 3):
        status, _headers, body = fetch(APP, host, path)
    psql("SELECT pg_stat_statements_reset()")
    queries_before = statements()
    ticks_before = cpu_ticks(pids)
    started = time.monotonic()
    for _ in range(REQUESTS):
        fetch(APP, host, path)
    wall = (time.monotonic() - started) * 1000 / REQUESTS
    cpu = (cpu_ticks(pids) - ticks_before) * 1000 / TICK / REQUESTS
    queries = (statements() - queries_before) / REQUESTS
    if workers()[1] != pids:
        print(f"  ({label}: a worker was replaced during the measurement)", file=sys.stderr)

    # Cold: the app's own cache emptied before every request, as right after a publish.
    cold_requests = max(10, REQUESTS // 5)
    cold_ticks = 0
    for _ in range(cold_requests):
        advance_generation()
        ticks = cpu_ticks(pids)
        fetch(APP, host, path)
        cold_ticks += cpu_ticks(pids) - ticks
    cold = cold_ticks * 1000 / TICK / cold_requests

    uncached = wrk(APP, [(host, path)], 4, DURATION)
    fetch(PROXY, host, path)
    _status, headers, _body = fetch(PROXY, host, path)
    cache_status = headers.get("X-Cache-Status", "-")
    cached = wrk(PROXY, [(host, path)], 64, DURATION)
    return {
        "label": label,
        "status": status,
        "kb": len(body) / 1024,
        "cpu_ms": cpu,
        "cold_cpu_ms": cold,
        "wall_ms": wall,
        "queries": queries,
        "uncached_rps": uncached["rps"],
        "cache": cache_status,
        "cached_rps": cached["rps"],
        "cached_errors": cached["errors"],
        "cache_control": headers.get("Cache-Control", ""),
    }


def bakerydemo_home(worker_count):
    """Wagtail's bakerydemo home page, served by gunicorn with as many sync workers as the
    portal, measured the same way (CPU of the worker processes per request). BAKERYDEMO_DIR
    is a checkout with its data loaded; BAKERYDEMO_PYTHON its virtualenv's python
    (default: BAKERYDEMO_DIR/.venv/bin/python). Returns None when it is not set up."""
    directory = os.environ.get("BAKERYDEMO_DIR")
    if not directory:
        return None
    python = os.environ.get("BAKERYDEMO_PYTHON") or str(Path(directory) / ".venv/bin/python")
    pidfile = STACK / "run" / "bakerydemo.pid"
    port = free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
        "DJANGO_SECRET_KEY": "bench-only",
        "SECURE_SSL_REDIRECT": "false",
        "DJANGO_ALLOWED_HOSTS": "*",
    }
    for name in ("DATABASE_URL", "CACHE_URL", "REDIS_URL"):
        environment.pop(name, None)
    if os.environ.get("BAKERYDEMO_DATABASE_URL"):
        environment["DATABASE_URL"] = os.environ["BAKERYDEMO_DATABASE_URL"]
    server = subprocess.Popen(
        [
            *[python, "-m", "gunicorn", "bakerydemo.wsgi", "-w", str(worker_count)],
            *["-b", f"127.0.0.1:{port}", "--pid", str(pidfile)],
        ],
        cwd=directory,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    address = f"127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if fetch(address, "localhost", "/")[0] == 200 and pidfile.exists():
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            print("  (bakerydemo did not answer 200 on /)", file=sys.stderr)
            return None
        for _ in range(3):
            _status, _headers, body = fetch(address, "localhost", "/")
        _master, pids = workers(pidfile)
        ticks_before = cpu_ticks(pids)
        started = time.monotonic()
        for _ in range(REQUESTS):
            fetch(address, "localhost", "/")
        wall = (time.monotonic() - started) * 1000 / REQUESTS
        cpu = (cpu_ticks(pids) - ticks_before) * 1000 / TICK / REQUESTS
        uncached = wrk(address, [("localhost", "/")], 4, DURATION)
        return {"cpu_ms": cpu, "wall_ms": wall, "kb": len(body) / 1024, "rps": uncached["rps"]}
    finally:
        server.terminate()
        server.wait(timeout=30)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def static_rps(host):
    page = Path(STACK / "static" / STATIC_FILE)
    paragraph = "<p>Inicjatywa lokalna: mieszkańcy i gmina razem realizują zadanie publiczne.</p>\n"
    page.write_text("<!doctype html><html lang=pl><body>\n" + paragraph * 400 + "</body></html>\n")
    host = host.split(":")[0]
    return wrk(PROXY, [(host, f"/static/{STATIC_FILE}")], 64, DURATION)["rps"], page.stat().st_size


def mixed_memory(pages):
    targets = [(host, path) for _label, host, path in pages]

    def one(index):
        host, path = targets[index % len(targets)]
        return fetch(APP, host, path)[0]

    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(one, range(MIXED_REQUESTS)))
    master, pids = workers()
    return statuses, memory_kb(master), [memory_kb(pid) for pid in pids]


def main():
    if not shutil.which("wrk"):
        sys.exit("bench: wrk is missing (apt-get install wrk)")
    pages = json.loads(Path(sys.argv[1]).read_text())
    print(
        f"\n{REQUESTS} sequential requests per page for CPU and SQL, {DURATION} s per wrk run"
        f" ({os.cpu_count()} CPUs, {len(workers()[1])} gunicorn workers)\n",
        flush=True,
    )
    results = []
    for label, host, path in pages:
        print(f"  measuring {label} …", file=sys.stderr, flush=True)
        results.append(per_page(label, host, path))
    static, static_size = static_rps(pages[0][1])
    print("  measuring bakerydemo's home …", file=sys.stderr, flush=True)
    bakery = bakerydemo_home(len(workers()[1]))
    bakery_cpu = bakery["cpu_ms"] if bakery else None

    header = (
        f"{'page':<30} {'st':>3} {'KB':>6} {'CPU ms':>7} {'÷ bakery':>8} {'cold ms':>7}"
        f" {'wall ms':>7}"
        f" {'SQL':>5} {'app r/s c4':>10} {'cache':>6} {'nginx r/s c64':>13} {'÷ static':>8}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r['label']:<30} {r['status']:>3} {r['kb']:>6.1f} {r['cpu_ms']:>7.1f}"
            f" {ratio(r['cpu_ms'], bakery_cpu):>8} {r['cold_cpu_ms']:>7.1f}"
            f" {r['wall_ms']:>7.1f} {r['queries']:>5.1f} {r['uncached_rps']:>10.1f}"
            f" {r['cache']:>6} {r['cached_rps']:>13.0f} {r['cached_rps'] / static:>8.2f}"
        )
    if bakery:
        print(
            f"{'bakerydemo home (gunicorn)':<30} {200:>3} {bakery['kb']:>6.1f}"
            f" {bakery['cpu_ms']:>7.1f} {1:>8.2f} {'':>7} {bakery['wall_ms']:>7.1f} {'':>5}"
            f" {bakery['rps']:>10.1f}"
        )
    label = f"static {static_size // 1024} KB HTML (nginx)"
    print(f"{label:<30} {'':>69} {static:>13.0f} {1:>8.2f}")
    print("\nCache-Control sent by the app (through nginx):")
    for r in results:
        print(f"  {r['label']:<30} {r['cache_control'] or '(none)'}")

    cacheable = [
        (host, path)
        for (label, host, path), r in zip(pages, results, strict=True)
        if r["cache"] == "HIT"
    ]
    if cacheable:
        load = wrk(PROXY, cacheable, 64, LOAD_DURATION)
        print(
            f"\nLoad through the cache, {LOAD_DURATION} s at 64 connections over the"
            f" {len(cacheable)} cached pages: {load['rps']:.0f} req/s, {load['requests']} requests,"
            f" {load['errors']} errors, p50 {load['p50']:.2f} ms, p99 {load['p99']:.2f} ms"
        )
    else:
        print("\nLoad through the cache: skipped, no page was a cache HIT")

    statuses, master, worker_memory = mixed_memory(pages)
    failed = sum(1 for status in statuses if status >= 500)
    print(
        f"\nMemory after {len(statuses)} mixed requests straight to gunicorn (search included,"
        f" {failed} failed; workers are not recycled during the bench):"
    )
    print(f"  master  RSS {master[0] / 1024:6.1f} MB  PSS {master[1] / 1024:6.1f} MB")
    for rss, pss in worker_memory:
        print(f"  worker  RSS {rss / 1024:6.1f} MB  PSS {pss / 1024:6.1f} MB")
    if not bakery:
        print("\nbakerydemo comparison: off (BAKERYDEMO_DIR is not set, or it did not start)")


def ratio(value, reference):
    return f"{value / reference:.2f}" if reference else "-"


if __name__ == "__main__":
    main()
