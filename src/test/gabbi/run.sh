#!/usr/bin/env bash
# Placement 8.0.0's gabbi suites over HTTP against `serve` (or, with --target oracle, against the
# real Placement). Needs python3-gabbi (Debian) and a compiled tree (mvn compile). See harness.py.
set -euo pipefail
# Debian's python3-gabbi lives in the system interpreter's dist-packages, which a pyenv or venv
# python3 earlier on PATH does not see.
py=python3
if ! "$py" -c 'import gabbi' 2>/dev/null && [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; fi
exec "$py" "$(dirname "$0")/harness.py" "$@"
