# The freshdesk-mcp image: the static binary on an empty base. Build it with
#
#   go run ./build image
#
# which cross-compiles the binary (CGO_ENABLED=0, -trimpath, version stamped)
# into a build context of its own and runs docker, podman or buildah on this
# file; the image build itself needs no Go toolchain and no base image.
#
# Stdio (the default) exposes nothing: an MCP client starts it with
#   docker run -i --rm -e FRESHDESK_DOMAIN -e FRESHDESK_API_KEY freshdesk-mcp
#
# HTTP mode: pass --http 0.0.0.0:8080 and publish the port (-p 8080:8080).
# Beyond loopback the server requires --auth-tokens. Probes (no auth):
#   /healthz  liveness
#   /readyz   readiness
# There is no shell, so no HEALTHCHECK: use the orchestrator's HTTP probes.
#
# The binary carries its CA roots (golang.org/x/crypto/x509roots/fallback)
# and time zones (time/tzdata), so TLS to Freshdesk needs no host files.
FROM scratch

ARG VERSION=dev
ARG REVISION=unknown
# No LICENSE file is in the repository yet; set this when one is added.
ARG LICENSES=NOASSERTION

LABEL org.opencontainers.image.title="freshdesk-mcp" \
      org.opencontainers.image.description="MCP server for Freshdesk" \
      org.opencontainers.image.source="https://github.com/freshdesk-mcp/freshdesk-mcp" \
      org.opencontainers.image.url="https://github.com/freshdesk-mcp/freshdesk-mcp" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="${LICENSES}"

# Owned by root and not writable by the user it runs as.
COPY freshdesk-mcp /freshdesk-mcp

# Numeric, because a scratch image has no /etc/passwd to resolve a name.
USER 65532:65532

ENTRYPOINT ["/freshdesk-mcp"]
