#!/usr/bin/env bash
# Installs what the tests need on a fresh machine: Debian packages for the real peers the tests talk to
# (python3-grpcio and protobuf for interop, redis-server, promtool, nodejs + npm for the storage servers) and the
# storage servers the storage tests start (s3rver, Azurite: npm packages pinned by
# tests/ModelMesh.Storage.Tests/servers/package-lock.json, installed into its git-ignored node_modules). ONNX Runtime
# comes with its NuGet package (src/ModelMesh.Onnx). npm is for tests only. Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(python3-grpcio python3-protobuf python3-numpy python3-onnx protobuf-compiler redis-server prometheus)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

servers="$(cd "$(dirname "$0")/.." && pwd)/tests/ModelMesh.Storage.Tests/servers"
if [ ! -f "$servers/node_modules/s3rver/bin/s3rver.js" ] || [ ! -f "$servers/node_modules/azurite/dist/src/blob/main.js" ]; then
  echo "Installing s3rver and Azurite into $servers/node_modules"
  (cd "$servers" && npm ci --no-audit --no-fund --loglevel=error)
fi
