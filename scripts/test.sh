#!/usr/bin/env bash
# The README's test command: installs what the tests need, builds, runs every test project.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
dotnet build ModelMesh.sln -c Release -nologo -v quiet
set +e
dotnet test ModelMesh.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee /tmp/modelmesh-test.log
status=${PIPESTATUS[0]}
set -e

# One closing line in the plain form CI reads: "N passed, N failed".
passed=$( (grep -E '^ +Passed: +[0-9]+$' /tmp/modelmesh-test.log || true) | awk '{s+=$2} END {print s+0}')
failed=$( (grep -E '^ +Failed: +[0-9]+$' /tmp/modelmesh-test.log || true) | awk '{s+=$2} END {print s+0}')
skipped=$( (grep -E '^ +Skipped: +[0-9]+$' /tmp/modelmesh-test.log || true) | awk '{s+=$2} END {print s+0}')
# Name every failed test with the first lines of its error, so the tail of a CI log says what broke.
if [ "$failed" -gt 0 ]; then
  echo "Failed tests:"
  (grep -E -A 6 '^ +Failed [A-Za-z_]' /tmp/modelmesh-test.log || true) | cut -c1-400
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
