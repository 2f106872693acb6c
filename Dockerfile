# One image for every Eventline app; docker-compose picks the app with its command.
# npm ci runs `prepare`, which generates the contract types from schemas/, so the sources come first.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund
ENV HTTP_HOST=0.0.0.0 INGEST_HOST=0.0.0.0
