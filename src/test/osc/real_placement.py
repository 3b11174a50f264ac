#!/usr/bin/python3
"""The real OpenStack Placement (Debian python3-placement 8.0.0) on 127.0.0.1, for OscPlacementTest.

    /usr/bin/python3 real_placement.py STATE_DIR

Writes STATE_DIR/placement.conf (SQLite in STATE_DIR, auth_strategy = noauth2, candidates not
randomized, and Placement's own `sync_on_startup`, which runs the migrations of `placement-manage db
sync` when the app loads), then serves Placement's WSGI app with the stdlib's single-threaded wsgiref
server on a free port. Its first stdout line is `URL=http://127.0.0.1:PORT`; it serves until killed.
Placement's own log goes to STATE_DIR/placement.log.

Run it with Debian's /usr/bin/python3, whose dist-packages hold placement. PYTHONHASHSEED should be
pinned by the caller: Placement builds allocation candidates in a Python set.
"""
import logging
import os
import sys
from wsgiref import simple_server


def write_conf(state):
    conf = os.path.join(state, 'placement.conf')
    with open(conf, 'w') as f:
        f.write('[DEFAULT]\n'
                'debug = False\n'
                'log_file = %s\n'
                '\n'
                '[api]\n'
                'auth_strategy = noauth2\n'
                '\n'
                '[placement_database]\n'
                'connection = sqlite:///%s\n'
                'sync_on_startup = True\n'
                '\n'
                '[placement]\n'
                'randomize_allocation_candidates = False\n'
                % (os.path.join(state, 'placement.log'), os.path.join(state, 'placement.sqlite')))


class QuietHandler(simple_server.WSGIRequestHandler):
    def log_message(self, fmt, *args):  # no line per request on stderr
        pass


def main():
    state = os.path.abspath(sys.argv[1])
    os.makedirs(state, exist_ok=True)
    write_conf(state)
    # placement.wsgi reads placement.conf from this directory
    os.environ['OS_PLACEMENT_CONFIG_DIR'] = state
    from placement.wsgi import init_application
    app = init_application()
    logging.getLogger('placement').setLevel(logging.WARNING)
    server = simple_server.make_server('127.0.0.1', 0, app, handler_class=QuietHandler)
    print('URL=http://127.0.0.1:%d' % server.server_port, flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main()
