# Lognest: a build stage with the toolchain for native modules, and a slim runtime stage that
# runs as the unprivileged `node` user. The same image serves the embedded default (data in
# /data) and the scale-out stack (docker-compose.yml: Elasticsearch, MongoDB, Redis).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY bench ./bench
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production PORT=8000 LOGNEST_DATA_DIR=/data LOGNEST_UPLOADS_DIR=/uploads
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY package.json ./
COPY views ./views
COPY public ./public
# The app's files stay root-owned (read-only to the process); only its data dirs are writable.
RUN mkdir -p /data /uploads /files && chown -R node:node /data /uploads /files
USER node
VOLUME ["/data", "/uploads", "/files"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
