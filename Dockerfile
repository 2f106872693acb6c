# One image for every Eventline app; docker-compose picks the app with its command.
# Stage 1 builds every app to JavaScript (`npm run build`); stage 2 ships only that output and the production
# dependencies, runs as the unprivileged `node` user, and probes the app's /health/live.
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund && npm run -s build \
 && mkdir /out \
 && for app in dist/apps/*/; do cp -r "$app". /out/; done

FROM node:24-bookworm-slim
ENV NODE_ENV=production HTTP_HOST=0.0.0.0 INGEST_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /out/package.json /out/package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /out/ ./
COPY infra/docker/healthcheck.js ./healthcheck.js
USER node
# HEALTH_PORT: the port the app serves /health/live on (each service sets it in docker-compose.yml).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD ["node", "healthcheck.js"]
CMD ["node", "apps/cli/src/main.js", "--help"]
