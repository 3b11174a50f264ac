#!/bin/sh
# Captures real Nova 26's answers (../shared/nova-oracle/host_states.py) into cases.json and expected.json
# here. Needs Debian's python3-nova (see ../shared/nova-oracle/README.md). Run from anywhere:
#   sh src/test/resources/nova-golden/regenerate.sh
# Then review the diff: a change in expected.json is a change in what Nova answers (a new Nova, or new
# cases), a change in cases.json alone is a change in our host states or the case generator.
set -e
cd "$(dirname "$0")/../../../.."
/usr/bin/python3 -c 'import nova' || { echo "real Nova is not installed: see ../shared/nova-oracle/README.md" >&2; exit 1; }
mvn -q -o -Dtest=NovaGoldenTest#capture -Dnova.golden.capture=true -Dsurefire.failIfNoSpecifiedTests=false test
echo "wrote $(pwd)/src/test/resources/nova-golden/cases.json and expected.json"
