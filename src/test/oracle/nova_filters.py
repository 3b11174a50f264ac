#!/usr/bin/python3
"""Nova 26's own filters on many host-state cases in one process, each filter on every host of its case.

    /usr/bin/python3 nova_filters.py CASES.json > ANSWERS.json

CASES.json is {"cases": [case, ...]}, each case in the format of the oracle's host_states.py (see its
docstring; NOVA_ORACLE_DIR says where it is, default ../shared/nova-oracle beside the project). Each filter
of the case's config.enabled_filters runs alone on all the case's hosts (not chained), so every filter is
judged on every host; the host states and the request are built once per case with host_states.py's own
functions. The answer is {"answers": [{"filters": {name: [hosts kept, in order]},
"errors": {name: "what Nova raised"}} or {"error": "..."}, ...]}.

Two additions to host_states.py, both made with Nova's own functions, as nova-api makes them:
- the flavor's pci_passthrough:alias becomes the request's PCI requests (nova.pci.request, with the
  [pci] alias of config.conf.pci.alias and the hw:pci_numa_affinity_policy of the flavor or image);
- request.pci_requests adds requests such as an SR-IOV port's:
  [{"count": 1, "spec": [{"physical_network": "physnet1", "dev_type": "type-VF"}], "numa_policy": null}].
- request.image.id sets the image's id (IsolatedHostsFilter compares it with isolated_images).
config.conf.DEFAULT sets options of nova.conf's [DEFAULT] (default_availability_zone). Options set in one
case are cleared before the next.
"""
import importlib.util
import json
import os
import sys
import traceback
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.environ.get('NOVA_ORACLE_DIR') or os.path.join(HERE, '..', '..', '..', '..', 'shared', 'nova-oracle')
_spec = importlib.util.spec_from_file_location('host_states', os.path.join(ORACLE, 'host_states.py'))
hs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hs)

from nova import objects  # noqa: E402
from nova.pci import request as pci_request  # noqa: E402
from nova.virt import hardware  # noqa: E402

_request_spec = hs.request_spec


def request_spec(r):
    spec = _request_spec(r)
    policy = hardware.get_pci_numa_policy_constraint(spec.flavor, spec.image)
    reqs = pci_request.get_pci_requests_from_flavor(spec.flavor, affinity_policy=policy)
    for p in r.get('pci_requests', []):
        reqs.requests.append(objects.InstancePCIRequest(
            count=p.get('count', 1), spec=p['spec'], request_id=p.get('request_id', str(uuid.uuid4())),
            # a port's request takes the port's policy, else the flavor's or image's (neutron.py
            # create_resource_requests: numa_policy = port_numa_policy or affinity_policy)
            numa_policy=p.get('numa_policy') or policy, alias_name=None))
    spec.pci_requests = reqs
    if 'id' in r.get('image', {}):  # IsolatedHostsFilter compares the image's id
        spec.image.id = r['image']['id']
    return spec


hs.request_spec = request_spec


def error_text(e):
    return '%s: %s' % (type(e).__name__, e)


def answer(case):
    cfg = dict(case.get('config', {}))
    conf = dict(cfg.get('conf', {}))
    defaults = conf.pop('DEFAULT', {})  # host_states.py sets options of named groups only
    cfg['conf'] = conf
    names = cfg.get('enabled_filters', list(hs.CONF.filter_scheduler.enabled_filters))
    out = {'filters': {}, 'errors': {}}
    for opt, val in defaults.items():
        hs.CONF.set_override(opt, val)
    try:
        for grp, opts in conf.items():  # as host_states.run sets them
            for opt, val in opts.items():
                hs.CONF.set_override(opt, val, grp)
        try:
            hosts = [hs.host_state(h) for h in case['hosts']]
            spec = hs.request_spec(case['request'])
        except Exception as e:  # Nova refuses the request itself (an invalid extra spec or image property)
            return {'error': error_text(e)}
        for name in names:
            if name not in hs.FILTERS:
                return {'error': '%s: not a filter of this Nova' % name}
            try:
                kept = hs.FILTERS[name]().filter_all(list(hosts), spec)
                out['filters'][name] = [h.host for h in (kept or [])]
            except Exception as e:  # Nova raised inside the filter
                out['errors'][name] = error_text(e)
    finally:
        for grp, opts in conf.items():
            for opt in opts:
                hs.CONF.clear_override(opt, grp)
        for opt in defaults:
            hs.CONF.clear_override(opt)
    return out


def main():
    cases = json.load(open(sys.argv[1]))['cases']
    answers = []
    for c in cases:
        try:
            answers.append(answer(c))
        except Exception as e:
            answers.append({'error': error_text(e), 'trace': traceback.format_exc()})
    json.dump({'answers': answers}, sys.stdout, sort_keys=True)


if __name__ == '__main__':
    main()
