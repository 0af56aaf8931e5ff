# The gdlens worker and CLI image, with the built panel plugin inside for the compose stack's
# plugin-dist job. One stage keeps it simple and correct; it is a local-stack image, not a slim
# production one.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund \
 && npm run build \
 && npm run build -w plugin
ENV NODE_ENV=production
ENTRYPOINT ["node", "/app/ingest/dist/cli/main.js"]
