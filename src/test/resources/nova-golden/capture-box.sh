#!/bin/sh
# Captures whole boot sequences as real Nova 26 runs them (../shared/nova-oracle/nova_box.py) into
# box/box-SEED.json here (and box/NAME.json for each scenario written by hand in box-hand/): the scenario NovaBoxGoldenTest's generator (BoxScenarios) draws from SEED and
# what Nova did with it, trimmed to what the replay compares. Needs Debian's python3-nova (see
# ../shared/nova-oracle/README.md); about 30-60 s a scenario, two at a time. Run from anywhere:
#   sh src/test/resources/nova-golden/capture-box.sh [COUNT]      (default 34: seeds 101 .. 100+COUNT)
# Existing files are kept; add -Dnova.box.recapture=true to MAVEN_ARGS to capture them all again (after
# a change of the generator, or for a new Nova). Review the diff: the goldens are Nova's answers.
set -e
cd "$(dirname "$0")/../../../.."
/usr/bin/python3 -c 'import nova' || { echo "real Nova is not installed: see ../shared/nova-oracle/README.md" >&2; exit 1; }
mvn -q -o -Dtest='NovaBoxGoldenTest#capture' -Dnova.box.capture=true -Dnova.box.count="${1:-34}" $MAVEN_ARGS \
    -Dsurefire.failIfNoSpecifiedTests=false test
echo "wrote $(ls src/test/resources/nova-golden/box/*.json | wc -l) goldens in $(pwd)/src/test/resources/nova-golden/box/"
