#!/usr/bin/env bash
# Installs what the tests need on a fresh machine: Debian packages for the real peers the tests talk to
# (python3-grpcio and protobuf for interop, redis-server, promtool). ONNX Runtime comes with its NuGet
# package (src/ModelMesh.Onnx). Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(python3-grpcio python3-protobuf python3-numpy python3-onnx protobuf-compiler redis-server prometheus)
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
