# The operator's image: `node dist/main.js` as an unprivileged user, production dependencies
# only. test/integration/deploy.test.ts runs dist/main.js as this file describes (user, env,
# command, production node_modules) since no image is built in the tests.

# The Node.js major version the tests run on (test/env/with-node pins its release).
ARG NODE_VERSION=26

# Compile TypeScript with the dev dependencies.
FROM node:${NODE_VERSION}-trixie-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Production dependencies only; no install scripts run (none of them needs one).
FROM node:${NODE_VERSION}-trixie-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# Runtime: no npm, no compiler, no writes. Everything is owned by root: the operator's user can
# read it, not change it, and it works with readOnlyRootFilesystem.
FROM node:${NODE_VERSION}-trixie-slim
LABEL org.opencontainers.image.title="cognito-operator" \
      org.opencontainers.image.description="Manages Amazon Cognito from Kubernetes objects" \
      org.opencontainers.image.licenses="Apache-2.0"
# npm, corepack and yarn are not needed at run time; removing them drops their CVEs from scans.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack /opt/yarn-* \
    /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg
WORKDIR /app
COPY --from=deps /app/package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /src/dist ./dist
# HOME: the user has no passwd entry, and without HOME the AWS SDK's shared-config lookup throws
# (uv_os_homedir ENOENT) and the process dies. /tmp is the one writable place (an emptyDir in
# the Deployment); the SDK only reads there.
# --enable-source-maps: stack traces name the TypeScript lines (dist/ carries the maps).
# --max-semi-space-size=1: a 1 MiB young generation. Measured with `npm run bench` (50 pools +
# 50 app clients): RSS idle 138 → 119 MiB, peak 202 → 133 MiB, steady 210 → 138 MiB, for
# 5.5 → 5.8 CPU seconds to converge.
ENV NODE_ENV=production \
    HOME=/tmp \
    NODE_OPTIONS="--enable-source-maps --max-semi-space-size=1"
# A numeric user, so that runAsNonRoot can be verified without a passwd lookup.
USER 65532:65532
# Exec form: node is PID 1 and receives SIGTERM itself (src/main.ts stops cleanly on it). The
# operator starts no child processes, so nothing needs reaping and no init such as tini.
# --no-opt --no-maglev (V8 flags, refused in NODE_OPTIONS): no optimizing compilers, so their
# code in the node binary is never paged in; bytecode and Sparkplug remain, and the operator's
# work is I/O. Measured with `npm run bench` (50 + 50): RSS idle 86 → 76 MiB, peak 103 → 92,
# steady 109 → 91, with the example stack 131 → 107; CPU to converge 3.5 → 3.6 s.
# --memory-saver-mode: V8 grows the heap less between collections. Measured with
# `npm run bench` (300 + 300): RSS peak 143 → 91 MiB, steady 96 → 83, idle 76 → 73; CPU to
# converge within the runs' spread (9.7–12.4 s against 10.3–11.4). A cap of two malloc arenas
# (MALLOC_ARENA_MAX=2) on top of it changed nothing (peak 90, steady 87), so it is not set.
# --no-node-snapshot: node bootstraps from its own JavaScript instead of deserializing its
# startup snapshot, whose pages in the binary would stay resident for nothing after the start.
# Measured loading dist/operator.js: RSS 69.5 → 62.8 MiB (file-backed 43.5 → 39.3, anonymous
# 26.0 → 23.5). --lite-mode, --jitless and --no-sparkplug on top of it: within 1.5 MiB either way.
ENTRYPOINT ["node", "--no-opt", "--no-maglev", "--memory-saver-mode", "--no-node-snapshot", "dist/main.js"]
