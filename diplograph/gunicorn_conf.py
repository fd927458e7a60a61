"""gunicorn settings for ``diplograph serve`` and the Docker image (bind and workers come
from the command line).  Loaded with ``--config python:diplograph.gunicorn_conf``."""

# A deep neighbourhood or k paths on a large Neo4j graph can take seconds; a worker stuck
# far longer than that is restarted rather than left to hold a slot.
timeout = 60
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then (jittered, so not all at once) to bound slow leaks.
max_requests = 20_000
max_requests_jitter = 2_000
# Request-line and header limits: a query string longer than this is no dashboard's.
limit_request_line = 8190
limit_request_fields = 64
limit_request_field_size = 8190
# The access log shows method, path and status; headers (where the API key travels) never.
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
