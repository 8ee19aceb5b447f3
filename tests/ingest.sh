#!/usr/bin/env bash
# tests/ingest.sh — end-to-end tests of `sentinel ingest`: the HTML page
# fixtures as a directory, WARC files written here (plain, gzip per record,
# with requests, redirects, 404s, images, chunked and gzip bodies, a
# syndicated copy, a WET conversion record), a damaged WARC, JSON Lines
# with a bad record, text files, stdin (text and gzip WARC), pages without
# an article, the progress lines, usage errors, and `sentinel code` skipping
# the copies and the non-English articles ingest marked.
#   tests/ingest.sh BUILD/sentinel SOURCE_ROOT
set -u
bin=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check NAME COMMAND...
    local name=$1; shift
    if "$@"; then ok; else bad "$name"; fi
}
py() { python3 - "$@"; }

# --- the page fixtures as a directory
"$bin" ingest --progress off "$root/tests/fixtures/html" >"$tmp/dir.jsonl" 2>"$tmp/err"
check "a directory with .json files that are not JSON Lines exits 1" test $? -eq 1
py "$tmp/dir.jsonl" "$root/tests/fixtures/html" <<'PY'
import json, sys, glob, os
recs = [json.loads(l) for l in open(sys.argv[1])]
recs = [r for r in recs if r['origin'].endswith('.html')]  # the fixture scripts are read as texts too
want = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(sys.argv[2], '[0-9]*.json')))]
with_text = [w for w in want if w.get('text')]
assert len(recs) == len(with_text), (len(recs), len(with_text))
by_title = {r['title']: r for r in recs}
for w in with_text:
    r = by_title[w['title']]
    assert r['text'] == w['text'], w['title']
    if w['published_from'] != 'url':  # files have no URL to read a date from
        assert r['published'] == w['published'], (w['title'], r['published'], w['published'])
foreign = [r for r in recs if not r['english']]
assert sorted(r['lang'] for r in foreign) == ['ar', 'fr', 'ru', 'uk'], [(r['lang'], r['title']) for r in foreign]
assert all(r['lang_reliable'] for r in foreign)
assert all(r['english'] for r in recs if r['lang'] == 'en')
for r in recs:
    for k in ('id', 'url', 'canonical_url', 'title', 'byline', 'source', 'published', 'published_from', 'lang',
              'lang_declared', 'lang_reliable', 'english', 'content_hash', 'origin', 'captions', 'text'):
        assert k in r, k
PY
check "directory: every fixture's article, languages flagged" test $? -eq 0
grep -q "4 pages without an article" "$tmp/err"; check "summary counts the pages without an article" test $? -eq 0

# --- WARC files
py "$tmp" "$root/tests/fixtures/html/05-amp-mogadishu-hotel.html" <<'PY'
import gzip, io, sys, os
out, page = sys.argv[1], open(sys.argv[2], 'rb').read()
story = ("Gunmen stormed a hotel near the presidential palace in Mogadishu on Friday after a car bomb exploded at its "
         "gate, police said. A police officer at the scene said at least six people had been killed, including two "
         "guards, and that security forces were clearing the building floor by floor. The Islamist group said in a "
         "radio broadcast that its fighters had carried out the attack.")
def html(title, body):
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s</title></head><body><nav><a href="/">Home</a>'
            '</nav><article><h1>%s</h1><p>%s</p></article><footer>&copy; 2015</footer></body></html>' % (title, title, body)).encode()
def http(status, ctype, body, extra=b''):
    return (b'HTTP/1.1 ' + status + b'\r\nContent-Type: ' + ctype + b'\r\n' + extra +
            b'Content-Length: %d\r\n\r\n' % len(body) + body)
def record(kind, uri, block, ctype=b'application/http; msgtype=response'):
    h = (b'WARC/1.0\r\nWARC-Type: ' + kind + b'\r\nWARC-Target-URI: ' + uri + b'\r\nWARC-Date: 2015-03-27T14:00:00Z\r\n'
         b'WARC-Record-ID: <urn:uuid:x>\r\nContent-Type: ' + ctype + b'\r\nContent-Length: %d\r\n\r\n' % len(block))
    return h + block + b'\r\n\r\n'
def chunked(b):
    return b''.join(b'%x\r\n' % len(b[i:i+100]) + b[i:i+100] + b'\r\n' for i in range(0, len(b), 100)) + b'0\r\n\r\n'
recs = [
  record(b'warcinfo', b'', b'software: test\r\n', b'application/warc-fields'),
  record(b'request', b'https://news.example/a', b'GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n', b'application/http; msgtype=request'),
  record(b'response', b'https://levant-wire.example/amp/2015/mogadishu-hotel.html', http(b'200 OK', b'text/html; charset=utf-8', page)),
  record(b'response', b'https://news.example/old', http(b'301 Moved', b'text/html', b'<a href="/new">moved</a>')),
  record(b'response', b'https://news.example/missing', http(b'404 Not Found', b'text/html', html('Not found', 'Sorry, no such page on this site.'))),
  record(b'response', b'https://news.example/photo.jpg', http(b'200 OK', b'image/jpeg', b'\xff\xd8\xff\xe0' + b'\0' * 500)),
  record(b'response', b'https://wire.example/hotel-copy?utm_source=rss',
         http(b'200 OK', b'text/html', chunked(gzip.compress(html('Hotel attack in Somali capital', 'MOGADISHU (Sentinel Wire) - ' + story))),
              b'Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n')),
  record(b'response', b'https://other.example/talks',
         http(b'200 OK', b'text/html; charset=windows-1251', html('Talks', 'Переговоры в Женеве возобновились в понедельник, впервые с декабря прошлого года, заявили посредники от ООН.').decode().encode('cp1251').replace(b'utf-8', b'windows-1251'))),
  record(b'resource', b'https://blog.example/post', html('A blog post', 'Delegations from Tbilisi, Sukhumi and Tskhinvali met again in Geneva on Monday, the first round since December, mediators from the United Nations and the OSCE said.'), b'text/html'),
  record(b'conversion', b'https://wet.example/page', b'Thousands of villagers have fled fighting between government forces and rebels in the Jebel Marra area of Darfur, aid agencies said on Thursday.', b'text/plain'),
]
open(os.path.join(out, 'a.warc'), 'wb').write(b''.join(recs))
with open(os.path.join(out, 'a.warc.gz'), 'wb') as f:
    for r in recs:
        f.write(gzip.compress(r))   # one member per record, as Common Crawl writes them
open(os.path.join(out, 'damaged.warc'), 'wb').write(recs[2] + b'this is not a WARC record\r\n\r\n' + recs[8])
open(os.path.join(out, 'cut.warc'), 'wb').write(recs[2][:len(recs[2]) // 2])
PY
for f in a.warc a.warc.gz; do
    "$bin" ingest --progress off "$tmp/$f" >"$tmp/$f.jsonl" 2>"$tmp/err"
    check "$f exits 0" test $? -eq 0
    py "$tmp/$f.jsonl" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
assert len(recs) == 5, [r['url'] for r in recs]
amp, copy, ru, blog, wet = recs
assert amp['url'] == 'https://levant-wire.example/2015/mogadishu-hotel.html', amp['url']  # rel=canonical, not the AMP URL
assert amp['published'] == '2015-03-27T13:40:00Z' and amp['published_from'] == 'json-ld'
assert 'duplicate_of' not in amp
assert copy['duplicate_of'] == amp['id'] and copy['duplicate_kind'] == 'near', copy
assert copy['canonical_url'] == 'https://wire.example/hotel-copy'
assert ru['lang'] == 'ru' and ru['english'] is False and 'Переговоры' in ru['text']
assert blog['title'] == 'A blog post' and blog['english'] is True
assert wet['url'] == 'https://wet.example/page' and 'Jebel Marra' in wet['text'] and wet['title'] is None
assert amp['origin'].endswith('#3'), amp['origin']
PY
    check "$f: HTML responses, a chunked gzip copy marked near-duplicate, charset, resource, WET" test $? -eq 0
done

"$bin" ingest --progress off "$tmp/damaged.warc" >"$tmp/out" 2>"$tmp/err"
check "a damaged WARC exits 1" test $? -eq 1
grep -q "damaged.warc: record 2: does not start with a WARC/" "$tmp/err"; check "the damaged record is named" test $? -eq 0
check "records before the damage are kept" test "$(wc -l <"$tmp/out")" -eq 1
"$bin" ingest --progress off "$tmp/cut.warc" >"$tmp/out" 2>"$tmp/err"
check "a cut WARC exits 1" test $? -eq 1
grep -q "ends inside the record" "$tmp/err"; check "a cut WARC says where" test $? -eq 0

# --- stdin: a gzip WARC, and text
gzip -c "$tmp/a.warc" | "$bin" ingest --progress off - >"$tmp/out" 2>"$tmp/err"
check "stdin gzip WARC exits 0" test $? -eq 0
check "stdin gzip WARC gives its articles" test "$(wc -l <"$tmp/out")" -eq 5
printf 'Russia will sign a treaty with South Ossetia on March 18, officials in Moscow said on Monday.\n' |
    "$bin" ingest --progress off --url 'https://news.example/t?utm_campaign=x' - >"$tmp/out" 2>"$tmp/err"
check "stdin text exits 0" test $? -eq 0
py "$tmp/out" <<'PY'
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
assert len(r) == 1 and r[0]['canonical_url'] == 'https://news.example/t' and r[0]['source'] == 'news.example', r
assert r[0]['text'].startswith('Russia will sign') and r[0]['english'] is True
PY
check "stdin text: one article with its canonical URL" test $? -eq 0

# --- JSON Lines, with a bad record and a copy
cat >"$tmp/in.jsonl" <<'EOF'
{"id":"a1","url":"https://x.example/1","text":"Talks resumed in Geneva on Monday after a pause of three months, mediators said, and the delegations agreed to meet again in June to discuss the return of displaced people.","published":"2015-03-16"}
{"id":"a2", "text": broken}
{"id":"a3","url":"https://www.x.example/1/?utm_source=tw","text":"Another text."}
{"id":"a4","text":"Talks resumed in Geneva on Monday after a pause of three months, mediators said, and the delegations agreed to meet again in June to discuss the return of displaced people."}
EOF
"$bin" ingest --progress off "$tmp/in.jsonl" >"$tmp/out" 2>"$tmp/err"
check "JSON Lines with a bad record exits 1" test $? -eq 1
grep -q "in.jsonl:2:[0-9]*: malformed JSON" "$tmp/err"; check "bad record named file:line:col" test $? -eq 0
py "$tmp/out" <<'PY'
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
assert [x['id'] for x in r] == ['a1', 'a3', 'a4'], r
assert r[0]['published'] == '2015-03-16T00:00:00Z'
assert r[1]['duplicate_of'] == 'a1' and r[1]['duplicate_kind'] == 'url'
assert r[2]['duplicate_of'] == 'a1' and r[2]['duplicate_kind'] == 'exact'
PY
check "JSON Lines: ids kept, URL and exact copies marked" test $? -eq 0
"$bin" ingest --progress off --no-dedup "$tmp/in.jsonl" 2>/dev/null | grep -c duplicate_of >"$tmp/n"
check "--no-dedup marks nothing" test "$(cat "$tmp/n")" -eq 0

# --- sentinel code skips copies and other languages
"$bin" code "$tmp/a.warc.jsonl" >"$tmp/events" 2>"$tmp/err"
check "code on ingest output exits 0" test $? -eq 0
grep -q "skipped 1 copies of other articles and 1 articles not in English" "$tmp/err"
check "code skips the copy and the Russian article" test $? -eq 0
grep -q '"article_id":"'"$(python3 -c 'import json,sys; print([json.loads(l) for l in open(sys.argv[1])][1]["id"])' "$tmp/a.warc.jsonl")"'"' "$tmp/events"
check "no event comes from the copy" test $? -eq 1

# --- pages and texts without an article; binary; missing files
printf '<html><body><nav><a href="/">Home</a></nav><p>Hi.</p></body></html>' >"$tmp/empty.html"
"$bin" ingest --progress off "$tmp/empty.html" >"$tmp/out" 2>"$tmp/err"
check "a page without an article exits 0" test $? -eq 0
grep -q "no article text" "$tmp/err"; check "a page without an article is reported" test $? -eq 0
check "a page without an article writes nothing" test ! -s "$tmp/out"
head -c 2000 /dev/urandom >"$tmp/junk.bin"; printf '\0\0' >>"$tmp/junk.bin"
"$bin" ingest --progress off --type text "$tmp/junk.bin" >/dev/null 2>"$tmp/err"
check "binary text input exits 1" test $? -eq 1
grep -q "binary" "$tmp/err"; check "binary input is named" test $? -eq 0
"$bin" ingest --progress off "$tmp/nope.html" "$tmp/empty.html" >/dev/null 2>"$tmp/err"
check "a missing input exits 1" test $? -eq 1
grep -q "nope.html: No such file" "$tmp/err"; check "a missing input is named" test $? -eq 0
printf 'not gzip at all' >"$tmp/bad.html.gz"
"$bin" ingest --progress off "$tmp/bad.html.gz" >/dev/null 2>"$tmp/err"
check "a .gz that is not gzip is read as it is" test $? -eq 0

# --- progress lines without a terminal
"$bin" ingest --interval 0.000001 "$tmp/a.warc" >/dev/null 2>"$tmp/err"
check "progress run exits 0" test $? -eq 0
check "summary lines every interval" test "$(grep -c '^sentinel: ingest: [0-9]* articles, ' "$tmp/err")" -ge 2
grep -q '^sentinel: ingest: 5 articles (1 duplicates, 1 not English)' "$tmp/err"; check "final summary" test $? -eq 0
if command -v script >/dev/null 2>&1; then
    script -qc "'$bin' ingest '$tmp/a.warc.gz' >/dev/null" /dev/null >"$tmp/tty" 2>&1
    grep -q "articles/s" "$tmp/tty"; check "on a terminal the summary still ends the output" test $? -eq 0
fi

# --- usage
"$bin" ingest --format csv "$tmp/a.warc" >/dev/null 2>&1; check "--format csv exits 2" test $? -eq 2
"$bin" ingest >/dev/null 2>&1; check "no input exits 2" test $? -eq 2
"$bin" ingest --help >/dev/null 2>&1; check "ingest --help exits 0" test $? -eq 0

echo "ingest-cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
