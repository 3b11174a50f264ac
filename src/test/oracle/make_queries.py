#!/usr/bin/env python3
"""Writes queries.json for a Placement dump: hand-written queries for every feature of
GET /allocation_candidates at 1.39 and its error cases, plus seeded random combinations.

Usage: make_queries.py DUMP.json OUT.json [--random N] [--seed S]
"""
import argparse, json, random

p = argparse.ArgumentParser()
p.add_argument('dump'); p.add_argument('out')
p.add_argument('--random', type=int, default=30); p.add_argument('--seed', type=int, default=1)
a = p.parse_args()
m = json.load(open(a.dump))
rps = m['resource_providers']
rnd = random.Random(a.seed)
rcs = sorted({rc for r in rps for rc in r['inventories']})
traits = sorted({t for r in rps for t in r['traits']})
aggs = sorted({g for r in rps for g in r['aggregates']})
roots = [r for r in rps if not r.get('parent_provider_uuid')]
children = [r for r in rps if r.get('parent_provider_uuid')]
NOAGG = '11111111-2222-3333-4444-555555555555'
qs = []
def q(name, query): qs.append({'name': name, 'query': query})

# hand-written: every feature once
base = ','.join('%s:1' % rc for rc in rcs[:2]) if rcs else 'VCPU:1'
one = rcs[0] if rcs else 'VCPU'
q('one_class', 'resources=%s:1' % one)
q('two_classes', 'resources=' + base)
for rc in rcs:
    q('class_' + rc.lower(), 'resources=%s:1' % rc)
if traits:
    t = traits[0]
    q('required', 'resources=%s&required=%s' % (base, t))
    q('forbidden', 'resources=%s&required=!%s' % (base, t))
    q('required_any', 'resources=%s&required=in:%s' % (base, ','.join(traits[:3])))
    q('required_repeated', 'resources=%s&required=in:%s&required=!%s' % (base, ','.join(traits[:2]), traits[-1]))
    q('root_required', 'resources=%s&root_required=%s' % (base, t))
    q('root_forbidden', 'resources=%s&root_required=!%s' % (base, traits[-1]))
if aggs:
    q('member_of', 'resources=%s&member_of=%s' % (base, aggs[0]))
    q('member_of_in', 'resources=%s&member_of=in:%s' % (base, ','.join(aggs[:2] + [NOAGG])))
    q('member_of_not', 'resources=%s&member_of=!%s' % (base, aggs[0]))
    q('member_of_not_in', 'resources=%s&member_of=!in:%s' % (base, ','.join(aggs[:2])))
    q('member_of_twice', 'resources=%s&member_of=%s&member_of=%s' % (base, aggs[0], aggs[-1]))
    q('member_of_granular', 'resources1=%s:1&member_of1=%s' % (one, aggs[0]))
q('member_of_unknown', 'resources=%s&member_of=%s' % (base, NOAGG))
q('in_tree_root', 'resources=%s&in_tree=%s' % (base, roots[0]['uuid']))
if children:
    c = children[0]
    q('in_tree_child', 'resources=%s&in_tree=%s' % (base, c['uuid']))
    crc = next(iter(c['inventories']), one)
    q('in_tree_granular', 'resources1=%s:1&in_tree1=%s' % (crc, c['uuid']))
q('in_tree_unknown', 'resources=%s&in_tree=%s' % (base, NOAGG))
q('granular_one', 'resources1=%s' % base)
if len(rcs) >= 2:
    q('granular_two_none', 'resources1=%s:1&resources2=%s:1&group_policy=none' % (rcs[0], rcs[1]))
    q('granular_two_isolate', 'resources1=%s:1&resources2=%s:1&group_policy=isolate' % (rcs[0], rcs[0]))
    q('granular_same_none', 'resources1=%s:1&resources2=%s:1&group_policy=none' % (rcs[0], rcs[0]))
    q('unsuffixed_plus_granular', 'resources=%s:1&resources_G=%s:1' % (rcs[0], rcs[1]))
    q('named_suffixes', 'resources_A=%s:1&resources_B=%s:1&group_policy=none' % (rcs[0], rcs[1]))
if traits and children:
    ct = next((t for c in children for t in c['traits']), traits[0])
    crc = next((rc for c in children if ct in c['traits'] for rc in c['inventories']), one)
    q('same_subtree_resourceless', 'resources_X=%s:1&required_Y=%s&same_subtree=_X,_Y&group_policy=none' % (crc, ct))
    q('same_subtree_two', 'resources_X=%s:1&resources_Y=%s:1&same_subtree=_X,_Y&group_policy=none' % (crc, one))
q('limit_1', 'resources=%s&limit=1' % base)
q('limit_3', 'resources=%s:1&limit=3' % one)
q('big_amount', 'resources=%s:100000000' % one)
# errors
q('err_unknown_trait', 'resources=%s&required=CUSTOM_NOPE' % base)
q('err_unknown_class', 'resources=CUSTOM_NOPE:1')
q('err_no_group_policy', 'resources1=%s:1&resources2=%s:1' % (one, one))
q('err_amount_zero', 'resources=%s:0' % one)
q('err_amount_negative', 'resources=%s:-2' % one)
q('err_amount_text', 'resources=%s:two' % one)
q('err_badly_formed', 'resources=%s' % one)
q('err_empty_resources', 'resources=')
q('err_unknown_param', 'resources=%s:1&colour=blue' % one)
q('err_bad_suffix', 'resources_!=%s:1' % one)
q('err_group_policy_value', 'resources=%s:1&group_policy=sometimes' % one)
q('err_limit_zero', 'resources=%s:1&limit=0' % one)
q('err_limit_text', 'resources=%s:1&limit=ten' % one)
q('err_member_of_bad_uuid', 'resources=%s:1&member_of=not-a-uuid' % one)
q('err_member_of_no_in', 'resources=%s:1&member_of=%s,%s' % (one, NOAGG, NOAGG))
q('err_in_tree_bad_uuid', 'resources=%s:1&in_tree=xyz' % one)
q('err_required_empty', 'resources=%s:1&required=' % one)
q('err_required_conflict', 'resources=%s:1&required=%s,!%s' % (one, traits[0] if traits else 'COMPUTE_NODE', traits[0] if traits else 'COMPUTE_NODE'))
q('err_in_forbidden', 'resources=%s:1&required=in:!%s' % (one, traits[0] if traits else 'COMPUTE_NODE'))
q('err_same_subtree_unknown', 'resources_A=%s:1&same_subtree=_A,_B' % one)
q('err_same_subtree_empty', 'resources_A=%s:1&same_subtree=_A,' % one)
q('err_resourceless_not_in_subtree', 'resources_A=%s:1&required_B=COMPUTE_NODE&group_policy=none' % one)
q('err_only_resourceless', 'required=COMPUTE_NODE')
q('err_no_groups', 'limit=5')
q('err_root_required_twice', 'resources=%s:1&root_required=COMPUTE_NODE&root_required=COMPUTE_NODE' % one)
q('err_root_required_in', 'resources=%s:1&root_required=in:COMPUTE_NODE' % one)
q('err_root_required_conflict', 'resources=%s:1&root_required=COMPUTE_NODE,!COMPUTE_NODE' % one)
q('err_root_required_unknown', 'resources=%s:1&root_required=CUSTOM_NOPE' % one)

# seeded random combinations
def amount(rc):
    inv = rnd.choice([r['inventories'][rc] for r in rps if rc in r['inventories']])
    hi = max(1, inv['max_unit'])
    return rnd.choice([1, 1, 2, inv.get('step_size', 1), min(hi, 4), hi, max(1, hi // 2)])
def res(k):
    return ','.join('%s:%d' % (c, amount(c)) for c in rnd.sample(rcs, min(k, len(rcs))))
def texpr():
    if rnd.random() < 0.2 and len(traits) >= 2: return 'in:' + ','.join(rnd.sample(traits, 2))
    return ','.join(('!' if rnd.random() < 0.3 else '') + t for t in rnd.sample(traits, min(len(traits), rnd.randint(1, 2))))
def aexpr():
    r = rnd.random()
    if r < 0.25 and len(aggs) >= 2: return 'in:' + ','.join(rnd.sample(aggs, 2))
    if r < 0.4: return '!' + rnd.choice(aggs)
    return rnd.choice(aggs)
for i in range(a.random):
    parts, sfx = [], []
    if rnd.random() < 0.75:
        parts.append('resources=' + res(rnd.randint(1, 3)))
        if traits and rnd.random() < 0.3: parts.append('required=' + texpr())
        if aggs and rnd.random() < 0.25: parts.append('member_of=' + aexpr())
    for g in range(rnd.choice([0, 1, 1, 2, 2, 3])):
        s = rnd.choice(['1', '2', '_A', '_B', '_NET'])
        if s in sfx: continue
        sfx.append(s)
        if rnd.random() < 0.85: parts.append('resources%s=%s' % (s, res(rnd.randint(1, 2))))
        if traits and rnd.random() < 0.4: parts.append('required%s=%s' % (s, texpr()))
        if aggs and rnd.random() < 0.2: parts.append('member_of%s=%s' % (s, aexpr()))
    if len(sfx) > 1 or rnd.random() < 0.2:
        parts.append('group_policy=' + rnd.choice(['none', 'isolate']))
    if len(sfx) >= 2 and rnd.random() < 0.3:
        parts.append('same_subtree=' + ','.join(rnd.sample(sfx, 2)))
    if traits and rnd.random() < 0.1: parts.append('root_required=' + rnd.choice(traits))
    if rnd.random() < 0.15: parts.append('limit=%d' % rnd.randint(1, 5))
    if not parts: parts.append('resources=%s:1' % one)
    q('random_%03d' % i, '&'.join(parts))
json.dump(qs, open(a.out, 'w'), indent=1)
print(len(qs), 'queries')
