#!/bin/sh
# Re-captures the Nova filter goldens in src/test/resources/nova-golden/filters from real Nova 26
# (Debian's python3-nova, driven through ../shared/nova-oracle/host_states.py by nova_filters.py).
# The cases come from FilterCases with the fixed seeds listed in FilterGoldensTest.SETS.
# Usage: src/test/oracle/capture-nova-filters.sh
set -eu
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
/usr/bin/python3 -c 'import nova' || { echo "python3-nova is missing: run ../shared/nova-oracle/install.sh" >&2; exit 1; }
mvn -q -o -Dtest=FilterGoldensTest#capture -Dnova.golden.capture=true -Dsurefire.failIfNoSpecifiedTests=false test
ls -l src/test/resources/nova-golden/filters
