# The image of one service of this repository; build arguments choose which. Build context: the repository root.
#   docker build --build-arg MODULE=lead_processor --build-arg PORT=9080 -t lead-processor .
#   docker build --build-arg MODULE=twilio_proxy --build-arg PORT=3000 -t twilio-proxy .
# The CDK stacks pass the same arguments (modules/restate-cdk/lib/images.ts).
# Stage 1 installs the workspace with Bun and bundles the module into one file; stage 2 runs that file on Node.

FROM oven/bun:1.4.5 AS build
# MODULE: folder under modules/ holding src/main.ts and a `bundle` script. PORT: the port the service listens on.
ARG MODULE
ARG PORT
RUN test -n "$MODULE" && test -n "$PORT" || { echo "build with --build-arg MODULE=<folder under modules/> --build-arg PORT=<port>" >&2; exit 1; }
WORKDIR /app
# The lockfile covers every workspace, so --frozen-lockfile needs every workspace's package.json.
COPY package.json bun.lockb bunfig.toml tsconfig.json ./
COPY modules/common/package.json modules/common/
COPY modules/lead_processor/package.json modules/lead_processor/
COPY modules/twilio_proxy/package.json modules/twilio_proxy/
COPY modules/sandbox/package.json modules/sandbox/
COPY modules/devstack/package.json modules/devstack/
COPY modules/e2e_tests/package.json modules/e2e_tests/
COPY modules/restate-cdk/package.json modules/restate-cdk/
COPY scripts/package.json scripts/
COPY bench/package.json bench/
RUN bun install --frozen-lockfile
COPY modules/common/src modules/common/src
COPY modules/${MODULE}/src modules/${MODULE}/src
WORKDIR /app/modules/${MODULE}
# The package's bundle script: one dist/main.js (+ source map) with every dependency inlined.
RUN bun run bundle && test -f dist/main.js

FROM node:22-slim AS runtime
ARG MODULE
ARG PORT
ENV NODE_ENV=production \
    PORT=${PORT}
WORKDIR /app
COPY --from=build --chown=node:node /app/modules/${MODULE}/dist ./dist
USER node
EXPOSE ${PORT}
CMD ["node", "--enable-source-maps", "dist/main.js"]
