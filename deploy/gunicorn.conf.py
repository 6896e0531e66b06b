"""gunicorn for the portal, behind nginx (deploy/nginx/). docs/deployment.md explains the choices.

deploy/run starts it as ``.venv/bin/gunicorn -c deploy/gunicorn.conf.py portal.wsgi`` with the
stack's environment; the values below that differ between machines come from it. (Not as
``python -m gunicorn``: a new master started by USR2 would then run gunicorn/__main__.py as a
script, with gunicorn's ``http`` package shadowing the standard library's.)
"""

import multiprocessing
import os
from pathlib import Path

_state = Path(os.environ.get("STACK_DIR", Path(__file__).resolve().parent.parent / "var/stack"))

# Only nginx talks to gunicorn, over the loopback interface (a second app server would bind
# its private address instead).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# X-Forwarded-Proto is believed from nginx on this machine only.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Sync workers: one request at a time per process. Django and Wagtail are blocking code, and
# nginx reads the whole request before passing it on and takes the whole answer into its
# buffers, so a worker is busy only while the page is built, never while a slow client sends
# or receives. Threads or greenlets would pay off only for long waits on other services; the
# one there is (search) is bounded by SEARCH_TIMEOUT and paid once per breaker window.
worker_class = "sync"
# A page spends most of its time on the CPU (templates, StreamField rendering) and a little
# waiting on PostgreSQL and Redis: a few more workers than cores keep the cores busy during
# those waits (the classic 2 × cores + 1). Each worker also holds one persistent database
# connection (DATABASE_CONN_MAX_AGE), which is what limits the count on a shared database.
# Cached pages never reach gunicorn, so this serves the cache's misses only.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))

# The app is imported once in the master and the workers are forked from it: they share the
# memory of the imported code, start in milliseconds when one is replaced (max_requests
# below), and an import error stops the start instead of looping workers. The price: HUP no
# longer loads new code; deploy/reload replaces the master instead (USR2, then QUIT).
preload_app = True

# A request that takes longer than this is a bug or a stuck connection: the worker is killed
# and replaced (nginx waits 40 s, proxy.conf, so the 502 comes from here).
timeout = 30
graceful_timeout = 30
# Replace each worker after about a thousand requests, so slow growth of memory (caches of
# templates, compiled regexes, fragmentation) never builds up; the jitter keeps the workers
# from restarting all at once. (The benchmark turns it off with GUNICORN_MAX_REQUESTS=0 to
# watch the workers' memory grow.)
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = max_requests // 5
# The workers' heartbeat files live in memory: a busy disk must not make them look dead.
# (gunicorn makes them there with mkstemp, as in any temporary directory.)
_memory = "/dev/shm"  # noqa: S108
worker_tmp_dir = _memory if os.path.isdir(_memory) else None

pidfile = str(_state / "run" / "gunicorn.pid")
# No gunicornc control socket (gunicorn ≥ 25): its default path is one per user, shared by
# every stack that user runs, and a master leaving after deploy/reload removes its
# successor's. Signals and the pid file do the job.
control_socket_disable = True
accesslog = str(_state / "log" / "gunicorn-access.log")
errorlog = str(_state / "log" / "gunicorn-error.log")
loglevel = "info"
# The time a request took (ms) and the host, so the slow pages and sites can be found.
access_log_format = '%(h)s %(t)s "%({host}i)s" "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
proc_name = "gzm-portal"


def pre_fork(server, worker):
    """No connection opened while the master imported the app may be shared by a worker."""
    from django.db import connections

    connections.close_all()
