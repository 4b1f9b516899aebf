# syntax=docker/dockerfile:1
# Prana: multi-stage build. The runtime image holds the compiled JavaScript and production
# dependencies only, runs as the non-root user "node", and is health-checked over gRPC.

# 1. Build: install everything (TypeScript is a dev dependency) and compile.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# 2. Production dependencies only.
FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. Runtime.
FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    PRANA_GRPC_ADDRESS=0.0.0.0:50051
WORKDIR /app
# Files stay owned by root: the service user can read them, not change them.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY scripts/healthcheck.mjs ./scripts/healthcheck.mjs
# The contract, for clients that want the schema (buf curl --schema, code generation).
COPY proto ./proto
USER node
EXPOSE 50051
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "scripts/healthcheck.mjs"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
