"""Gunicorn settings for `make serve` and production (docs/deploy.md).

Every value can be changed from the environment without editing this file:
PORT / BIND, WEB_CONCURRENCY (worker processes), GUNICORN_THREADS, GUNICORN_TIMEOUT
(seconds), FORWARDED_ALLOW_IPS (the load balancer addresses whose X-Forwarded-* headers
gunicorn trusts).
"""

import multiprocessing
import os

bind = os.environ.get("BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Two processes per core plus one, at most 8 by default: pages are short database reads.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
# Reports for large rounds take well under a second (docs/performance.md); 30 s is generous.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Restart each worker now and then, so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Access and error logs to standard output and error, for the platform to collect.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Invitation and resume links carry their secret in the path: the logger writes them as
# "[token]" (the server keeps only hashes of resume links; its logs must not undo that).
# No query strings either.
logger_class = "partnership_site.gunicorn_logging.RedactingLogger"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "partnership_site.wsgi:application"
