#!/usr/bin/env python3
# bench/bench_poll.py — polling many feeds on loopback: starts the fixture
# HTTP server (tests/fixtures/httpd.py), imports N generated feeds
# (/many/N.xml, 20 items each) into a fresh state directory, and times one
# `sentinel feeds poll --no-articles` over all of them, then a second poll
# (all 304s... the generated feeds carry no validators, so it re-reads them
# and finds nothing new). Prints wall time, feeds/s, items and the poll's
# peak RSS. Never part of the tests.
#   bench/bench_poll.py BUILD/sentinel SOURCE_ROOT [N]
import os, resource, subprocess, sys, tempfile, time

def main():
    sentinel, root = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    tmp = tempfile.mkdtemp(prefix='sentinel-bench-poll-')
    port_file = os.path.join(tmp, 'port')
    srv = subprocess.Popen([sys.executable, os.path.join(root, 'tests/fixtures/httpd.py'), '--root', root,
                            '--port-file', port_file])
    try:
        for _ in range(100):
            if os.path.exists(port_file):
                break
            time.sleep(0.1)
        base = 'http://127.0.0.1:%s' % open(port_file).read()
        opml = os.path.join(tmp, 'many.opml')
        with open(opml, 'w') as f:
            f.write('<?xml version="1.0"?><opml version="2.0"><body><outline text="Bench">\n')
            for i in range(n):
                f.write('<outline type="rss" text="f%d" xmlUrl="%s/many/%d.xml"/>\n' % (i, base, i))
            f.write('</outline></body></opml>\n')
        env = dict(os.environ, no_proxy='127.0.0.1,localhost')
        state = os.path.join(tmp, 'state')
        subprocess.run([sentinel, 'feeds', '--state', state, 'import', opml], check=True, env=env,
                       stderr=subprocess.DEVNULL)
        for label in ('first poll', 'second poll'):
            t0 = time.time()
            p = subprocess.run([sentinel, 'feeds', '--state', state, 'poll', '--all', '--no-articles', '--delay', '0',
                                '--per-host', '32'], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
            wall = time.time() - t0
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print('%-12s %d feeds in %.2f s (%.0f feeds/s), peak RSS %.1f MB; %s' %
                  (label, n, wall, n / wall, rss, p.stderr.strip().splitlines()[-1]))
    finally:
        srv.terminate()
        srv.wait()
        subprocess.run(['rm', '-rf', tmp])

if __name__ == '__main__':
    main()
