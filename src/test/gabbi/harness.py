#!/usr/bin/env python3
"""Placement 8.0.0's functional gabbi suites, over HTTP, against `serve --empty` or the real thing.

For each YAML file in gabbits/: start a fresh server, create its fixture's data through the API
(fixtures.py), run the file's tests in order with gabbi, stop the server. Then print
``gabbi: P passed, F failed, S skipped of T`` and a table per file, and exit 1 when a test fails
that known-failures.txt does not list.

    run.sh                          # against `serve` (target/classes + the Maven classpath)
    run.sh --target oracle          # against Placement 8.0.0 (shared/placement-oracle)
    run.sh --target oracle --write-oracle-passes
    run.sh granular.yaml usage      # some files only
    run.sh -v                       # each failure's message too

Results also go to target/gabbi/<target>.json.
"""

import argparse
import concurrent.futures
import json
import os
import socket
import subprocess
import sys
import time
import traceback
import unittest
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
GABBITS = os.path.join(HERE, 'gabbits')
KNOWN_FAILURES = os.path.join(HERE, 'known-failures.txt')
ORACLE_PASSES = os.path.join(HERE, 'oracle-passes.txt')
ORACLE_SCRIPT = os.environ.get(
    'PLACEMENT_ORACLE', os.path.join(ROOT, '..', 'shared', 'placement-oracle', 'start_oracle.sh'))

# Suites about deployment configuration (policy rules, scope enforcement, CORS), which the issue
# leaves out: `serve` has one token and no policy engine. Their tests are counted as skipped.
OUT_OF_SCOPE = {
    'cors.yaml': 'CORS middleware configuration',
}
for _f in os.listdir(GABBITS):
    if _f.endswith(('-policy.yaml', '-legacy-rbac.yaml', '-secure-rbac.yaml')):
        OUT_OF_SCOPE[_f] = 'policy rules / RBAC scope configuration'

sys.path.insert(0, HERE)


def test_id(file_name, test_name):
    return '%s :: %s' % (file_name, test_name)


# ---------------------------------------------------------------- servers

def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def wait_up(url, proc=None, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError('server exited with %s' % proc.returncode)
        try:
            req = urllib.request.Request(url + '/', headers={'x-auth-token': 'admin'})
            with urllib.request.urlopen(req, timeout=2):
                return
        except Exception:
            time.sleep(0.05)
    raise RuntimeError('server at %s did not come up' % url)


class OurServer:
    """`Launcher serve --empty` in a JVM of its own."""

    def __init__(self, classpath, log_path):
        self.classpath = classpath
        self.log_path = log_path
        self.proc = None

    def __enter__(self):
        port = free_port()
        self.url = 'http://127.0.0.1:%d' % port
        # Small, short-lived JVM: C1 only and the serial collector start fastest.
        cmd = ['java', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xss1m', '-Xmx256m',
               '-cp', self.classpath, 'dev.placementstudio.Launcher',
               'serve', '--empty', '--host', '127.0.0.1', '--port', str(port)]
        self.log = open(self.log_path, 'w')
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        wait_up(self.url, self.proc)
        return self

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


class OracleServer:
    """The real Placement 8.0.0, started fresh (wiped database) by start_oracle.sh."""

    def __init__(self, slot):
        self.env = dict(os.environ, ORACLE_PORT=str(18770 + slot),
                        ORACLE_STATE='/tmp/gabbi-oracle-%d' % slot)

    def __enter__(self):
        out = subprocess.run([ORACLE_SCRIPT, '--fresh'], env=self.env, check=True,
                             capture_output=True, text=True).stdout
        self.url = out.split('URL=')[1].split()[0]
        wait_up(self.url)
        return self

    def __exit__(self, *exc):
        pass  # the next --fresh restarts it; stop() at the end

    def stop(self):
        subprocess.run([ORACLE_SCRIPT, '--stop'], env=self.env, capture_output=True)


# ---------------------------------------------------------------- running one file

class Recorder(unittest.TestResult):
    """Keeps one outcome per gabbi test: passed, failed or skipped, with the failure's text."""

    def __init__(self):
        super().__init__()
        self.outcomes = []

    def _add(self, test, outcome, detail=''):
        name = getattr(test, 'test_data', {}).get('name', str(test))
        self.outcomes.append((name, outcome, detail))

    def addSuccess(self, test):
        self._add(test, 'passed')

    def addFailure(self, test, err):
        self._add(test, 'failed', self._exc_info_to_string(err, test))

    def addError(self, test, err):
        self._add(test, 'failed', self._exc_info_to_string(err, test))

    def addSkip(self, test, reason):
        self._add(test, 'skipped', reason)

    def addExpectedFailure(self, test, err):
        self._add(test, 'passed', 'xfail as expected')

    def addUnexpectedSuccess(self, test):
        self._add(test, 'failed', 'xfail test passed')


def run_file(path, make_server):
    """Runs one YAML file against a fresh server; returns [(test name, outcome, detail)]."""
    from gabbi import runner, suitemaker, utils
    import fixtures

    data = utils.load_yaml(yaml_file=path)
    base = os.path.splitext(os.path.basename(path))[0]
    try:
        with make_server() as server:
            fixtures.BASE_URL = server.url
            host, port = server.url[len('http://'):].rsplit(':', 1)
            suite = suitemaker.test_suite_from_dict(
                unittest.defaultTestLoader, base, data, GABBITS, host, int(port), fixtures, None,
                handlers=runner.initialize_handlers([]), test_loader_name='gabbi-harness')
            result = Recorder()
            suite.run(result)
    except Exception:
        detail = 'server or fixture failed: ' + traceback.format_exc()
        return [(t['name'], 'failed', detail) for t in data['tests']]
    # A fixture failure is reported as an error on the first test plus a skip of every test.
    seen = {}
    fixture_error = None
    for name, outcome, detail in result.outcomes:
        if outcome == 'skipped' and detail == 'fixture failure':
            outcome, detail = 'failed', 'fixture failed: ' + (fixture_error or '')
        elif outcome == 'failed' and fixture_error is None:
            fixture_error = detail
        if name not in seen or outcome == 'failed':
            seen[name] = (outcome, detail)
    return [(t['name'],) + seen.get(t['name'], ('failed', 'not run')) for t in data['tests']]


_slot = None


def _init_worker(slots):
    global _slot
    _slot = slots.get()


def worker(path, target, classpath, log_dir):
    name = os.path.basename(path)
    if target == 'ours':
        make = lambda: OurServer(classpath, os.path.join(log_dir, name + '.server.log'))
    else:
        make = lambda: OracleServer(_slot)
    t0 = time.time()
    return name, run_file(path, make), time.time() - t0


def stop_oracles(jobs):
    for slot in range(jobs):
        OracleServer(slot).stop()


# ---------------------------------------------------------------- lists

def read_known_failures(target):
    """known-failures.txt: groups of `TARGET: file.yaml :: test name` lines (TARGET ours or oracle), each
    group under a `#` reason. Returns the entries for `target`."""
    known, reason = {}, None
    if not os.path.exists(KNOWN_FAILURES):
        return known
    for n, line in enumerate(open(KNOWN_FAILURES, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line.strip():
            reason = None
        elif line.startswith('#'):
            reason = ((reason + ' ') if reason else '') + line.lstrip('# ').strip()
        else:
            if not reason:
                sys.exit('%s:%d: entry without a reason comment above it' % (KNOWN_FAILURES, n))
            entry_target, _, tid = line.partition(':')
            if entry_target not in ('ours', 'oracle') or not tid.strip():
                sys.exit('%s:%d: expected "ours: file.yaml :: test" or "oracle: ..."' % (KNOWN_FAILURES, n))
            if entry_target == target:
                known[tid.strip()] = reason
    return known


def read_list(path):
    if not os.path.exists(path):
        return None
    return {l.rstrip('\n') for l in open(path, encoding='utf-8') if l.strip() and not l.startswith('#')}


def default_classpath():
    cp_file = os.path.join(ROOT, 'target', 'gabbi', 'classpath.txt')
    if not os.path.exists(cp_file):
        os.makedirs(os.path.dirname(cp_file), exist_ok=True)
        subprocess.run(['mvn', '-q', 'dependency:build-classpath', '-Dmdep.outputFile=' + cp_file],
                       cwd=ROOT, check=True)
    return os.path.join(ROOT, 'target', 'classes') + os.pathsep + open(cp_file).read().strip()


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('files', nargs='*', help='YAML files (names or stems) to run; default all')
    ap.add_argument('--target', choices=('ours', 'oracle'), default='ours')
    ap.add_argument('-j', '--jobs', type=int, default=2)
    ap.add_argument('--classpath', help='classpath of `serve` (default: target/classes + Maven deps)')
    ap.add_argument('--write-oracle-passes', action='store_true',
                    help='(with --target oracle) save the passing tests to oracle-passes.txt')
    ap.add_argument('-v', '--verbose', action='store_true', help='print each failure')
    args = ap.parse_args()

    files = sorted(f for f in os.listdir(GABBITS) if f.endswith('.yaml'))
    if args.files:
        want = {os.path.basename(f) if f.endswith('.yaml') else f + '.yaml' for f in args.files}
        unknown = want - set(files)
        if unknown:
            sys.exit('no such gabbi file: %s' % ', '.join(sorted(unknown)))
        files = [f for f in files if f in want]

    from gabbi import utils
    results = {}
    to_run = []
    for f in files:
        if f in OUT_OF_SCOPE:
            tests = utils.load_yaml(yaml_file=os.path.join(GABBITS, f))['tests']
            results[f] = ([(t['name'], 'skipped', 'out of scope: ' + OUT_OF_SCOPE[f]) for t in tests], 0.0)
        else:
            to_run.append(f)

    log_dir = os.path.join(ROOT, 'target', 'gabbi', args.target)
    os.makedirs(log_dir, exist_ok=True)
    classpath = None
    if args.target == 'ours':
        classpath = args.classpath or os.environ.get('GABBI_CLASSPATH') or default_classpath()

    import multiprocessing
    slots = multiprocessing.Manager().Queue()
    for i in range(args.jobs):
        slots.put(i)
    t0 = time.time()
    try:
        with concurrent.futures.ProcessPoolExecutor(args.jobs, initializer=_init_worker,
                                                    initargs=(slots,)) as pool:
            futures = [pool.submit(worker, os.path.join(GABBITS, f), args.target, classpath, log_dir)
                       for f in to_run]
            for fut in concurrent.futures.as_completed(futures):
                name, outcomes, secs = fut.result()
                results[name] = (outcomes, secs)
    finally:
        if args.target == 'oracle':
            stop_oracles(args.jobs)
    wall = time.time() - t0

    known = read_known_failures(args.target)
    oracle_passes = read_list(ORACLE_PASSES)
    counts = {'passed': 0, 'failed': 0, 'skipped': 0}
    unexpected, known_hit, oracle_regressions, fixed = [], [], [], []
    report = {}
    print('%-46s %6s %6s %7s %6s %7s' % ('file', 'passed', 'failed', 'skipped', 'total', 'secs'))
    for f in files:
        outcomes, secs = results[f]
        c = {'passed': 0, 'failed': 0, 'skipped': 0}
        for name, outcome, detail in outcomes:
            tid = test_id(f, name)
            c[outcome] += 1
            report[tid] = {'outcome': outcome, 'detail': detail}
            if outcome == 'failed':
                (known_hit if tid in known else unexpected).append((tid, detail))
                if oracle_passes is not None and tid in oracle_passes:
                    oracle_regressions.append(tid)
            elif outcome == 'passed' and tid in known:
                fixed.append(tid)
        for k in counts:
            counts[k] += c[k]
        print('%-46s %6d %6d %7d %6d %7.1f' % (f, c['passed'], c['failed'], c['skipped'], len(outcomes), secs))

    with open(os.path.join(ROOT, 'target', 'gabbi', args.target + '.json'), 'w') as out:
        json.dump(report, out, indent=1, sort_keys=True)
    if args.write_oracle_passes:
        if args.target != 'oracle' or args.files:
            sys.exit('--write-oracle-passes needs --target oracle and all files')
        with open(ORACLE_PASSES, 'w', encoding='utf-8') as out:
            out.write('# Tests that pass against the real Placement 8.0.0 in this harness\n'
                      '# (run.sh --target oracle --write-oracle-passes). One `file :: test` a line.\n')
            for tid in sorted(t for t, r in report.items() if r['outcome'] == 'passed'):
                out.write(tid + '\n')

    if args.verbose:
        for tid, detail in unexpected + known_hit:
            print('\n--- FAILED %s%s\n%s' % (tid, ' (known)' if tid in known else '', detail.strip()[-3000:]))
    if known_hit:
        print('\nknown failures (%d), listed in known-failures.txt' % len(known_hit))
    if fixed:
        print('\nlisted as known failures but passed now (remove them from known-failures.txt):')
        for tid in fixed:
            print('  ' + tid)
    if oracle_regressions:
        print('\npass against the real Placement but fail here (%d):' % len(oracle_regressions))
        for tid in oracle_regressions:
            print('  ' + tid)
    if unexpected:
        print('\nunexpected failures (%d):' % len(unexpected))
        for tid, _ in unexpected:
            print('  ' + tid)
    total = sum(counts.values())
    print('\ngabbi: %d passed, %d failed, %d skipped of %d (%s, %d files run, %.0fs)'
          % (counts['passed'], counts['failed'], counts['skipped'], total, args.target, len(to_run), wall))
    return 1 if unexpected else 0


if __name__ == '__main__':
    sys.exit(main())
