# VNTX production image: one image for web (uvicorn, ASGI), worker and beat (celery).
#   docker build -t vntx .        (docker-compose.yml builds and runs it)
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # /app comes first on the path, so the code, templates, static and locale folders are
    # read from /app whichever process (uvicorn, celery, manage.py) starts.
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=marketplace.settings \
    VNTX_VAR_DIR=/data \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media \
    # Server processes of the web container (uvicorn reads it as its --workers default).
    # Each holds a database pool of DATABASE_POOL_MAX_SIZE connections: keep the sum over
    # every process below PostgreSQL's max_connections (docs/operations.md).
    WEB_CONCURRENCY=2

# gettext for compilemessages at build time.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 1000 vntx \
    && useradd --system --uid 1000 --gid vntx --home-dir /app --shell /usr/sbin/nologin vntx

WORKDIR /app

# Dependencies first, in their own layer: rebuilt only when pyproject.toml changes.
COPY pyproject.toml README.md ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
RUN pip install --no-deps . \
    && DEBUG=false SECRET_KEY=build-time-dummy-key-never-used-at-run-time ALLOWED_HOSTS=build.invalid \
        python manage.py compilemessages --ignore=.venv --ignore=var --verbosity 0 \
    && DEBUG=false SECRET_KEY=build-time-dummy-key-never-used-at-run-time ALLOWED_HOSTS=build.invalid \
        python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /data/media \
    && chown -R vntx:vntx /data

USER vntx
VOLUME ["/data"]
EXPOSE 8000

# Probes /healthz as a proxy would (an allowed host name, HTTPS forwarded), so that neither
# ALLOWED_HOSTS nor SECURE_SSL_REDIRECT turns the probe away; 503 (database down) fails it.
HEALTHCHECK --interval=15s --timeout=10s --start-period=60s --retries=5 \
    CMD ["python", "-c", "import os, urllib.request as r; h = os.environ.get('ALLOWED_HOSTS', 'localhost').split(',')[0].strip().lstrip('*.') or 'localhost'; r.urlopen(r.Request('http://127.0.0.1:8000/healthz', headers={'Host': h, 'X-Forwarded-Proto': 'https'}), timeout=8)"]

# uvicorn rather than daphne: daphne serves from one process, uvicorn runs WEB_CONCURRENCY
# worker processes (and restarts one that dies). HTTP and websockets alike; the channel layer
# (Redis) joins the processes. Django's ASGI handler does not speak the lifespan protocol.
# Its messages and access log go through settings.LOGGING (JSON lines in production); only
# the supervising parent process, which does not load Django, writes a few plain lines.
CMD ["uvicorn", "marketplace.asgi:application", "--host", "0.0.0.0", "--port", "8000", "--lifespan", "off"]
