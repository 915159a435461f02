# Dev container of the lead processor: Node.js 22 + Bun 1.4.5, git, curl and the AWS CLI v2 (for `aws sso login`
# before `bun run fetch-env`). The repository is mounted at /workspaces/lead-processor by docker-compose.yml;
# dependencies are installed by the postCreate command (`bun install`), not baked into the image.
FROM oven/bun:1.4.5 AS bun

FROM node:22-bookworm
COPY --from=bun /usr/local/bin/bun /usr/local/bin/bun
RUN ln -s /usr/local/bin/bun /usr/local/bin/bunx \
    && apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl git jq less unzip \
    && rm -rf /var/lib/apt/lists/* \
    && curl -fsSL "https://awscli.amazonaws.com/awscli-exe-linux-$(uname -m).zip" -o /tmp/awscliv2.zip \
    && unzip -q /tmp/awscliv2.zip -d /tmp \
    && /tmp/aws/install \
    && rm -rf /tmp/aws /tmp/awscliv2.zip \
    && bun --version && node --version && aws --version

# The Restate CLI (`restate whoami`, `restate invocations …`) and the workspace tools come from node_modules.
ENV PATH=/workspaces/lead-processor/node_modules/.bin:/workspaces/lead-processor/modules/sandbox/node_modules/.bin:$PATH
WORKDIR /workspaces/lead-processor
CMD ["sleep", "infinity"]
