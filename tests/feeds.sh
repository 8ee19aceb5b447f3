#!/usr/bin/env bash
# tests/feeds.sh — feeds and fetching end to end, against the fixture HTTP
# server (tests/fixtures/httpd.py) started here on 127.0.0.1 on a free port:
# `sentinel feeds add/import/list/export/poll` on good feeds in all three
# formats, 304s, a redirect and a redirect loop, 404/410/500 and 429 with
# Retry-After, a slow drip past the time-out, 200 MB past the size cap
# (with and without Content-Length), gzip, wrong and missing charsets,
# malformed XML, an entity bomb, external entities (which must never be
# fetched), a page with no article, robots.txt, the User-Agent, per-host
# limits and delay, a proxy from the environment, and OPML import with a
# malformed outline and a dead feed. Every case checks the outcome and the
# feed's health record (`feeds list --format jsonl`).
#   tests/feeds.sh BUILD/sentinel SOURCE_ROOT
set -u
bin=$1
root=$2
tmp=$(mktemp -d)
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { local name=$1; shift; if "$@"; then ok; else bad "$name"; fi; }

python3 "$root/tests/fixtures/httpd.py" --root "$root" --port-file "$tmp/port" --log "$tmp/requests" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
if [ ! -s "$tmp/port" ]; then echo "skipped: the fixture HTTP server did not start"; echo "feeds: 0 passed, 1 failed"; exit 1; fi
base="http://127.0.0.1:$(cat "$tmp/port")"
export no_proxy='127.0.0.1,localhost' NO_PROXY='127.0.0.1,localhost'
state="$tmp/state"
S() { "$bin" feeds --state "$state" "$@"; }
health() { S list --format jsonl >"$tmp/list.jsonl"; }
# assert URL-SUFFIX PYTHON-CONDITION-ON-f
field() {
    python3 - "$tmp/list.jsonl" "$1" "$2" <<'PY'
import json, sys
recs = {r['url']: r for r in map(json.loads, open(sys.argv[1]))}
f = [r for u, r in recs.items() if u.endswith(sys.argv[2])]
assert len(f) == 1, (sys.argv[2], list(recs))
f = f[0]
if not eval(sys.argv[3]):
    print('  health of %s: %s' % (sys.argv[2], json.dumps(f)))
    sys.exit(1)
PY
}

# --- adding
S add "$base/feeds/rss.xml" --category World; check "add exits 0" test $? -eq 0
S add "$base/feeds/rss.xml" 2>"$tmp/err"; check "adding twice exits 0" test $? -eq 0
grep -q "already in the list" "$tmp/err"; check "adding twice says so" test $? -eq 0
S add "ftp://example.com/feed" 2>/dev/null; check "a non-http URL exits 2" test $? -eq 2
for u in feeds/rdf.xml feeds/atom.xml redirect loop/a status/404 status/410 status/500 status/429 slow huge \
         huge-undeclared gzip/rss.xml charset/cp1251-undeclared.xml charset/latin1-undeclared.xml \
         charset/latin1-declared.xml charset/cp1251.xml charset/latin1-says-utf8.xml bad/malformed.xml bad/bomb.xml bad/xxe.xml bad/notfeed.xml noarticle.html; do
    S add "$base/$u" || bad "add $u"
done
health
field /feeds/rss.xml "f['status'] == 'new' and f['category'] == 'World' and f['last_success'] is None"
check "a new feed's record" test $? -eq 0

# --- the first poll: items only, no article pages
S poll --no-articles --delay 0 --timeout 3 --per-host 8 >"$tmp/poll1.jsonl" 2>"$tmp/err"
check "poll exits 0 whatever the feeds do" test $? -eq 0
grep -q "feeds poll: 23 feeds" "$tmp/err"; check "poll summary counts every feed" test $? -eq 0
health
field /feeds/rss.xml "f['status'] == 'ok' and f['kind'] == 'rss' and f['items_last'] == 4 and f['new_last'] == 4 and f['etag'] == '\"fixture-v1\"' and f['failures'] == 0 and f['last_success'] and f['interval'] == 1200"
check "rss: ok, 4 items, ETag kept, new items shorten the interval" test $? -eq 0
field /feeds/rdf.xml "f['status'] == 'ok' and f['kind'] == 'rdf' and f['items_last'] == 2 and f['title'] == 'Kyiv Ledger'"
check "rdf: ok, 2 items, title taken" test $? -eq 0
field /feeds/atom.xml "f['status'] == 'ok' and f['kind'] == 'atom' and f['items_last'] == 2"
check "atom: ok, 2 items" test $? -eq 0
field /redirect "f['status'] == 'ok' and f['items_last'] == 4"
check "a redirect is followed" test $? -eq 0
field /loop/a "f['status'] == 'error' and 'redirects' in f['last_error'] and f['failures'] == 1"
check "a redirect loop is an error" test $? -eq 0
field /status/404 "f['status'] == 'error' and f['last_error'] == 'HTTP 404' and f['failures'] == 1"
check "404 is an error" test $? -eq 0
field /status/410 "f['status'] == 'dead' and f['last_error'] == 'HTTP 410'"
check "410 Gone is dead" test $? -eq 0
field /status/500 "f['status'] == 'error' and f['last_error'] == 'HTTP 500' and f['next_poll'] > f['last_attempt']"
check "500 is an error, backed off" test $? -eq 0
python3 - "$tmp/list.jsonl" <<'PY'
import json, sys, datetime
f = [r for r in map(json.loads, open(sys.argv[1])) if r['url'].endswith('/status/429')][0]
t = lambda s: datetime.datetime.fromisoformat(s.replace('Z', '+00:00'))
assert f['status'] == 'error' and 'retry after 120 s' in f['last_error'], f
assert (t(f['next_poll']) - t(f['last_attempt'])).total_seconds() >= 120, f
PY
check "429: Retry-After honoured" test $? -eq 0
field /slow "f['status'] == 'error' and 'timed out' in f['last_error']"
check "a slow drip times out" test $? -eq 0
field /huge "f['status'] == 'error' and 'larger than' in f['last_error']"
check "200 MB with Content-Length is refused at the cap" test $? -eq 0
field /huge-undeclared "f['status'] == 'error' and 'larger than' in f['last_error']"
check "200 MB without Content-Length is cut at the cap" test $? -eq 0
field /gzip/rss.xml "f['status'] == 'ok' and f['kind'] == 'atom' and f['items_last'] == 2"
check "gzip: decoded" test $? -eq 0
for c in cp1251-undeclared latin1-undeclared latin1-declared cp1251; do
    field "/charset/$c.xml" "f['status'] == 'ok' and f['items_last'] == 1"
    check "charset $c: read" test $? -eq 0
done
field /charset/cp1251-undeclared.xml "f['title'] == 'Новости Кавказа'"
check "windows-1251 by the HTTP charset: the title reads" test $? -eq 0
field /charset/latin1-undeclared.xml "f['title'] == 'Le Monde du Sahel, édition du soir'"
check "ISO-8859-1 undeclared: the title reads" test $? -eq 0
field /charset/cp1251.xml "f['title'] == 'Новости Кавказа'"
check "windows-1251 declared: the title reads" test $? -eq 0
field /charset/latin1-says-utf8.xml "f['status'] == 'ok' and f['title'] == 'Le Monde du Sahel, édition du soir' and 'declared UTF-8' in f['last_error']"
check "ISO-8859-1 declared as UTF-8: read as windows-1252, and said so" test $? -eq 0
field /bad/malformed.xml "f['status'] == 'ok' and 'malformed XML at line 4' in f['last_error']"
check "malformed XML: recovered, and said so" test $? -eq 0
field /bad/bomb.xml "f['status'] == 'error' and 'entity bomb' in f['last_error']"
check "an entity bomb is refused" test $? -eq 0
field /bad/xxe.xml "f['status'] == 'error' and 'entities' in f['last_error']"
check "external entities are refused" test $? -eq 0
grep -q entity-probe "$tmp/requests"; check "no external entity was ever fetched" test $? -eq 1
field /bad/notfeed.xml "f['status'] == 'error' and 'not a feed' in f['last_error']"
check "well-formed XML that is not a feed" test $? -eq 0
field /noarticle.html "f['status'] == 'error' and 'not a feed' in f['last_error']"
check "an HTML page is not a feed" test $? -eq 0

# --- the second poll: 304s, no new items, back-off grows
S poll --all --no-articles --delay 0 --timeout 3 --per-host 8 >"$tmp/poll2.jsonl" 2>"$tmp/err"
check "second poll exits 0" test $? -eq 0
health
field /feeds/rss.xml "f['status'] == 'not-modified' and f['new_last'] == 0 and f['items_total'] == 4 and f['failures'] == 0"
check "second poll: 304 not modified, nothing new" test $? -eq 0
grep -c . "$tmp/poll2.jsonl" >"$tmp/n"; check "a 304 writes no articles" test "$(cat "$tmp/n")" -eq 0
field /feeds/rdf.xml "f['status'] == 'not-modified' and f['new_last'] == 0 and f['items_total'] == 2 and f['interval'] == 1800"
check "no new items: the interval grows" test $? -eq 0
field /status/404 "f['status'] == 'dead' or f['failures'] == 2"
check "404 twice: two failures" test $? -eq 0

# --- articles: pages fetched, robots.txt obeyed
state="$tmp/state2"
S add "$base/feeds/articles.xml" && S add "$base/feeds/private.xml" && S add "$base/feeds/noarticle.xml"
S poll --delay 0 --timeout 5 >"$tmp/arts.jsonl" 2>"$tmp/err"
check "poll with articles exits 0" test $? -eq 0
python3 - "$tmp/arts.jsonl" <<'PY'
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
assert len(r) == 3, [x.get('url') for x in r]
titles = sorted(x['title'] for x in r)
assert titles[0].startswith('Armenia') and titles[1].startswith('First aid') and titles[2].startswith('Geneva'), titles
assert all(x['text'] and x['english'] for x in r)
PY
check "new items' pages fetched and extracted" test $? -eq 0
grep -q "2 article pages failed" "$tmp/err"; check "the robots-disallowed page and the page with no article fail" test $? -eq 0
health
field /feeds/noarticle.xml "f['status'] == 'ok' and f['new_last'] == 1"
check "a feed whose item has no article is itself healthy" test $? -eq 0
grep -q '^/noarticle.html' "$tmp/requests"; check "the page with no article was fetched" test $? -eq 0
grep -q '^/private/' "$tmp/requests"; check "nothing under /private/ was requested" test $? -eq 1
grep -q '^/robots.txt' "$tmp/requests"; check "robots.txt was read" test $? -eq 0
S poll --all --delay 0 >"$tmp/arts2.jsonl" 2>/dev/null
check "the same items are not written twice" test ! -s "$tmp/arts2.jsonl"

# --- politeness: the User-Agent, per-host limits, the delay between requests
cut -f3 "$tmp/requests" | sort -u >"$tmp/agents"
check "every request names Sentinel in its User-Agent" test "$(grep -vc '^Sentinel/' "$tmp/agents")" -eq 0
state="$tmp/state-polite"
for i in 1 2 3 4 5 6 7 8; do S add "$base/many/$i.xml"; done
stats() { python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1] + "/stats").read().decode())' "$base"; }
stats >/dev/null
S poll --no-articles --delay 0 --per-host 1 >/dev/null 2>&1
check "--per-host 1: never two requests in flight" test "$(stats)" -eq 1
S poll --all --no-articles --delay 0 --per-host 3 >/dev/null 2>&1
check "--per-host 3: at most three in flight" test "$(stats)" -le 3
: >"$tmp/requests"
S poll --all --no-articles --delay 0.2 --per-host 8 >/dev/null 2>&1
python3 - "$tmp/requests" <<'PY'
import sys
t = sorted(float(l.split('\t')[1]) for l in open(sys.argv[1]) if l.startswith('/many/'))
assert len(t) == 8, t
# The server sees arrivals, which scheduling on a loaded machine can shift
# one by one; over seven gaps of 0.2 s the whole span still shows the
# client's waits (without --delay it is a few milliseconds).
assert t[-1] - t[0] >= 7 * 0.2 - 0.3, t
PY
check "--delay 0.2: eight requests to one host are spread over at least 7 x 0.2 s" test $? -eq 0

# --- the proxy from the environment
state="$tmp/state-proxy"
S add "http://feeds.invalid/feeds/rss.xml"
http_proxy="$base" HTTP_PROXY="$base" S poll --no-articles --delay 0 >/dev/null 2>&1
health
field feeds.invalid/feeds/rss.xml "f['status'] == 'ok' and f['items_last'] == 4"
check "http_proxy from the environment is used" test $? -eq 0
grep -q '^PROXY http://feeds.invalid/feeds/rss.xml' "$tmp/requests"; check "the request went through the proxy" test $? -eq 0

# --- OPML import, with a malformed outline and a dead feed; export
state="$tmp/state3"
cat >"$tmp/list.opml" <<EOF
<?xml version="1.0"?>
<opml version="2.0"><head><title>t</title></head><body>
<outline text="Caucasus">
<outline type="rss" text="RSS" xmlUrl="$base/feeds/rss.xml"/>
<outline type="rss" text="Broken" xmlUrl="not a url"/>
<outline type="rss" text="Dead" xmlUrl="$base/status/404"/>
</outline>
<outline type="rss" text="Atom" category="Wires" xmlUrl="$base/feeds/atom.xml"/>
</body></opml>
EOF
S import --check --delay 0 --timeout 3 "$tmp/list.opml" 2>"$tmp/err"
check "import with problems exits 1" test $? -eq 1
grep -q "list.opml:5: xmlUrl is not an http(s) URL" "$tmp/err"; check "the malformed outline is reported with its line" test $? -eq 0
grep -q "list.opml:6: $base/status/404: error feed: HTTP 404" "$tmp/err"; check "the dead feed is reported with its line" test $? -eq 0
grep -q "3 feeds imported" "$tmp/err"; check "the others still import" test $? -eq 0
health
field /feeds/rss.xml "f['category'] == 'Caucasus' and f['status'] == 'ok'"
check "imported feed keeps its folder as category, checked ok" test $? -eq 0
field /feeds/atom.xml "f['category'] == 'Wires'"
check "imported feed keeps its category attribute" test $? -eq 0
S export >"$tmp/out.opml"; check "export exits 0" test $? -eq 0
python3 - "$tmp/out.opml" <<'PY'
import sys, xml.etree.ElementTree as ET
t = ET.parse(sys.argv[1])
folders = {o.get('text'): [c.get('xmlUrl') for c in o] for o in t.getroot().find('body') if o.get('xmlUrl') is None}
assert sorted(folders) == ['Caucasus', 'Wires'], folders
assert len(folders['Caucasus']) == 2 and folders['Wires'][0].endswith('/feeds/atom.xml'), folders
PY
check "export: OPML with one folder per category" test $? -eq 0
S list >"$tmp/table"; check "list as a table exits 0" test $? -eq 0
grep -q "last error .*HTTP 404" "$tmp/table"; check "the table shows the last error" test $? -eq 0

# --- a damaged state file
printf '# sentinel feeds 1\nheader\nnot\ta\tfeed\n' >"$tmp/state3/feeds.tsv"
S list 2>"$tmp/err"; check "a damaged feed list exits 1" test $? -eq 1
grep -q "feeds.tsv:3: damaged line" "$tmp/err"; check "the damaged line is named" test $? -eq 0

echo "feeds: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
