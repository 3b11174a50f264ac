#!/usr/bin/python3
"""Many host_states.py cases in one Nova import (importing Nova costs ~3 s, a case ~10 ms).

    /usr/bin/python3 host_states_batch.py ORACLE_DIR CASES.json     # CASES.json: a JSON array of cases

Prints a JSON array: host_states.py's answer per case, or {"error": "..."} where Nova refused the case
(an unknown filter or weigher) or raised. Nova's config overrides are reset between cases, so no case
sees another's options.
"""
import importlib.util
import json
import os
import sys

oracle, cases_file = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location('host_states', os.path.join(oracle, 'host_states.py'))
hs = importlib.util.module_from_spec(spec)
sys.argv = [os.path.join(oracle, 'host_states.py')]
spec.loader.exec_module(hs)
out = []
for case in json.load(open(cases_file)):
    try:
        out.append(hs.run(case))
    except SystemExit as e:
        out.append({'error': str(e)})
    except Exception as e:  # a weigher or filter raising is an answer too
        out.append({'error': '%s: %s' % (type(e).__name__, e)})
    finally:
        hs.CONF.reset()
json.dump(out, sys.stdout, sort_keys=True)
