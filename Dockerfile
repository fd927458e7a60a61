# The diplograph API image: gunicorn serving api:create_app(), config from the environment,
# and the explorer page at / (built with npm in a first stage; the image has no Node.js).
FROM node:20-slim AS explorer
WORKDIR /src/explorer
COPY explorer/package.json explorer/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY explorer/build.mjs ./
COPY explorer/src ./src
RUN npm run build

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY loaders ./loaders
COPY api ./api
COPY --from=explorer /src/api/static/explorer ./api/static/explorer
COPY diplograph ./diplograph
COPY config.yaml ./config.yaml
COPY examples ./examples
RUN pip install --no-cache-dir . && useradd --create-home diplograph && mkdir -p /app/data \
    && chown diplograph /app/data
USER diplograph
EXPOSE 5000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5000/api/v1/health')"
CMD ["diplograph", "serve", "--host", "0.0.0.0", "--port", "5000", "--workers", "2"]
