#!/usr/bin/env bash
# tests/store.sh — end-to-end tests of the event store through the CLI:
# `sentinel ingest --db` over the merge fixtures (30 outlets reporting the
# bombing of Gori must give one event; the hedged and historical reports
# stay apart), idempotent re-ingestion, the default store path, `events`
# filters and formats, `articles`, `stats`, `export` (GDELT Events and
# Mentions read back with Python's csv module: column count and per-column
# types, names checked against ../shared/reference when present; ACLED,
# GeoJSON, JSON Lines), `recode` twice, and bad input: a file that is not
# a store is refused and left as it is, bad options exit 2.
#   tests/store.sh BUILD/sentinel SOURCE_ROOT
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$2" && pwd)
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
db=$tmp/s.db
fx=$root/tests/fixtures/merge

# --- ingest, code, merge and store in one go
"$bin" ingest --progress off --db "$db" "$fx/gori.jsonl" "$fx/hedged.jsonl" >"$tmp/out" 2>"$tmp/err"
check "ingest --db exits 0" test $? -eq 0
check "ingest --db writes nothing to stdout" test ! -s "$tmp/out"
check "ingest --db reports what it stored" grep -q "41 new articles" "$tmp/err"
"$bin" events --db "$db" --format jsonl >"$tmp/ev.jsonl"
check "events --format jsonl exits 0" test $? -eq 0
py "$tmp/ev.jsonl" "$fx/gori.jsonl" <<'PY' && ok || bad "merge: one Gori event from 30 outlets; hedged and historical apart"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
gori = [e for e in ev if e["code"] == "195" and e["modality"] == "asserted" and not e["historical"]
        and e["date"] == "2008-08-09"]
assert len(gori) == 1, gori
g = gori[0]
assert g["num_sources"] == 30 and g["num_articles"] == 30 and g["num_mentions"] == 30, g
assert g["source"]["code"] == "RUSMIL" and g["target"]["code"] == "GEO", g
assert g["location"]["name"] == "Gori" and g["location"]["country"] == "GEO", g
assert g["date_precision"] == "day" and g["first_seen"] == "2008-08-10", g
others = [e for e in ev if e is not g]
mods = sorted(e["modality"] for e in others if not e["historical"])
assert mods == ["claimed", "denied", "negated", "speculative", "speculative", "threatened"], mods
claimed = [e for e in others if e["modality"] == "claimed"]
assert claimed[0]["num_sources"] == 3, claimed
hist = [e for e in others if e["historical"]]
assert sorted(e["date"][:4] for e in hist) == ["1920", "1991", "1993"], hist
assert all(e["num_sources"] == 1 for e in hist)
PY
"$bin" stats --db "$db" >"$tmp/stats1"
"$bin" ingest --progress off --db "$db" "$fx/gori.jsonl" "$fx/hedged.jsonl" 2>"$tmp/err2"
check "re-ingest exits 0" test $? -eq 0
"$bin" stats --db "$db" >"$tmp/stats2"
check "re-ingesting the same input changes nothing" cmp -s "$tmp/stats1" "$tmp/stats2"
check "re-ingest says all were stored already" grep -q "0 new articles, 41 already stored" "$tmp/err2"
check "stats counts the 41 articles" grep -qx "articles *41" "$tmp/stats1"
check "stats counts 42 mentions... or more" grep -qE "^mentions +4[1-9]$" "$tmp/stats1"
# --format jsonl with --db also writes the records
"$bin" ingest --progress off --db "$tmp/echo.db" --format jsonl "$fx/hedged.jsonl" >"$tmp/echo" 2>/dev/null
check "ingest --db --format jsonl writes the records too" test "$(wc -l <"$tmp/echo")" -eq 11

# --- the default store
mkdir -p "$tmp/home"
SENTINEL_HOME=$tmp/home "$bin" ingest --progress off --db "$tmp/home/sentinel.db" "$fx/hedged.jsonl" 2>/dev/null
SENTINEL_HOME=$tmp/home "$bin" stats >"$tmp/hs"
check "without --db, \$SENTINEL_HOME/sentinel.db" grep -qx "articles *11" "$tmp/hs"
mkdir -p "$tmp/cwd"
(cd "$tmp/cwd" && "$bin" stats >/dev/null 2>"$tmp/nostore")
check "a read command without a store: exit 1" test $? -eq 1
check "saying there is no store" grep -q "no store there" "$tmp/nostore"
check "and making none" test ! -e "$tmp/cwd/sentinel.db"
(cd "$tmp/cwd" && "$bin" ingest --progress off --db sentinel.db "$fx/hedged.jsonl" 2>/dev/null &&
    "$bin" stats | grep -qx "articles *11")
check "without --db or SENTINEL_HOME, ./sentinel.db" test $? -eq 0

# --- queries
n() { "$bin" events --db "$db" --format jsonl "$@" | wc -l; }
check "--actor code prefix" test "$(n --actor SUN)" -eq 1
check "--actor name" test "$(n --actor Soviet)" -eq 1
check "--code root" test "$(n --code 19)" -eq 10
check "--plover and --quad" test "$(n --plover ASSAULT --quad 4)" -eq 10
check "--modality" test "$(n --modality claimed)" -eq 1
check "--country" test "$(n --country GEO)" -eq 10
check "--country none" test "$(n --country UKR)" -eq 0
check "--bbox" test "$(n --bbox 44.0,41.9,44.2,42.1)" -eq 10
check "--bbox elsewhere" test "$(n --bbox 30,45,31,46)" -eq 0
check "--near" test "$(n --near 41.98,44.12,10)" -eq 10
check "--from/--to" test "$(n --from 2008-08-01 --to 2008-08-31)" -eq 7
check "--min-sources" test "$(n --min-sources 3)" -eq 2
check "--text over the evidence" test "$(n --text denied)" -eq 1
check "--limit" test "$(n --limit 2)" -eq 2
check "--source and --target (a dyad)" test "$(n --source RUSMIL --target GEO)" -eq 9
check "--source alone" test "$(n --source SUN)" -eq 1
check "--actor in lower case is a name" test "$(n --actor georgian)" -eq 10
"$bin" events --db "$db" --explain --source RUS --target GEO --from 2008-01-01 --to 2008-12-31 >"$tmp/plan"
check "--explain: a dyad query starts from the dyad index" grep -q "USING INDEX events_dyad" "$tmp/plan"
"$bin" events --db "$db" --explain --code 19 --country GEO >"$tmp/plan"
check "--explain: a root query starts from the root index" grep -q "USING INDEX events_root" "$tmp/plan"
"$bin" events --db "$db" --explain --bbox 44,41,45,42 >"$tmp/plan"
check "--explain: a box query goes through the R*Tree" grep -q "events_rtree" "$tmp/plan"
"$bin" events --db "$db" --format csv --min-sources 30 >"$tmp/ev.csv"
py "$tmp/ev.csv" <<'PY' && ok || bad "events --format csv reads back"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert len(rows) == 1 and rows[0]["num_sources"] == "30" and rows[0]["location"] == "Gori", rows
PY
"$bin" events --db "$db" --format tsv --min-sources 30 | awk -F'\t' 'NR==2 && $19==30 {f=1} END {exit !f}'
check "events --format tsv" test $? -eq 0
"$bin" events --db "$db" --min-sources 30 >"$tmp/table"
check "events table" grep -q "RUSMIL.*Gori.*30  30  30" "$tmp/table"
"$bin" articles --db "$db" --format jsonl >"$tmp/arts"
check "articles lists 41" test "$(wc -l <"$tmp/arts")" -eq 41
"$bin" articles --db "$db" >/dev/null
check "articles table" test $? -eq 0

# --- exports
"$bin" export --db "$db" --format gdelt --mentions "$tmp/mentions.tsv" -o "$tmp/events.tsv"
check "export gdelt exits 0" test $? -eq 0
py "$tmp/events.tsv" "$tmp/mentions.tsv" "$root/../shared/reference" <<'PY' && ok || bad "GDELT round trip with Python's csv"
import csv, os, sys
ev = list(csv.reader(open(sys.argv[1], newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))
me = list(csv.reader(open(sys.argv[2], newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))
assert len(ev) == 10, len(ev)
assert all(len(r) == 61 for r in ev), [len(r) for r in ev]
assert all(len(r) == 16 for r in me), [len(r) for r in me]
assert len(me) == 41, len(me)
ref = sys.argv[3]
types_e = types_m = None
if os.path.exists(os.path.join(ref, "gdelt2-event-fields.csv")):
    rd = list(csv.DictReader(open(os.path.join(ref, "gdelt2-event-fields.csv"))))
    types_e = [r["type"] for r in rd]
    rm = list(csv.DictReader(open(os.path.join(ref, "gdelt2-mention-fields.csv"))))
    types_m = [r["type"] for r in rm]
    assert len(types_e) == 61 and len(types_m) == 16
else:
    print("skipped: ../shared/reference absent; column types from the GDELT 2.0 codebook facts")
    I, F, S = "INTEGER", "FLOAT", "STRING"
    types_e = [I, I, I, I, F] + [S] * 20 + [I, S, S, S, I, F, I, I, I, F] + ([I, S, S, S, S, F, F, S] * 3) + [I, S]
    types_m = [I, I, I, I, S, S, I, I, I, I, I, I, I, F, S, S]
def typed(rows, types):
    for r in rows:
        for v, t in zip(r, types):
            if t == "INTEGER":
                int(v)
            elif t == "FLOAT" and v != "":
                float(v)
typed(ev, types_e)
typed(me, types_m)
g = [r for r in ev if r[26] == "195" and r[32] == "30"]
assert len(g) == 1 and g[0][1] == "20080809" and g[0][5] == "RUSMIL" and g[0][15] == "GEO", g
assert g[0][51] == "4" and g[0][52] == "Gori", g[0][51:59]
assert g[0][60].startswith("https://"), g[0][60]
ids = {r[0] for r in ev}
assert all(m[0] in ids for m in me)
assert sum(1 for m in me if m[0] == g[0][0]) == 30
PY
# the column names in the code against GDELT's list, at test time only
if [ -f "$root/../shared/reference/gdelt2-event-fields.csv" ]; then
    "$bin" export --db "$db" --format csv --limit 0 >/dev/null
    py "$root/../shared/reference/gdelt2-event-fields.csv" "$root/lib/store/export.c" <<'PY' && ok || bad "GDELT column names and order"
import csv, re, sys
names = [r["name"] for r in csv.DictReader(open(sys.argv[1]))]
src = open(sys.argv[2]).read()
block = src[src.index("gdelt_events[] = {"):src.index("};", src.index("gdelt_events[] = {"))]
assert re.findall(r'"([A-Za-z0-9_]+)"', block) == names
PY
else
    echo "skipped: ../shared/reference absent (GDELT column names)"
fi
"$bin" export --db "$db" --format acled >"$tmp/acled.csv"
py "$tmp/acled.csv" <<'PY' && ok || bad "ACLED export"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert len(rows) == 10
g = [r for r in rows if r["event_date"] == "2008-08-09" and "30 sources" in r["source"]]
assert g and g[0]["event_type"] == "Explosions/Remote violence" and g[0]["sub_event_type"] == "Air/drone strike"
assert g[0]["inter1"] == "1" and g[0]["location"] == "Gori" and g[0]["geo_precision"] == "1"
assert g[0]["time_precision"] == "1" and g[0]["notes"]
assert [r["time_precision"] for r in rows if r["year"] == "1993"] == ["3"]
PY
"$bin" export --db "$db" --format geojson >"$tmp/ev.geojson"
py "$tmp/ev.geojson" <<'PY' && ok || bad "GeoJSON export"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["type"] == "FeatureCollection" and len(d["features"]) == 10
f = d["features"][0]
assert f["geometry"]["type"] == "Point" and abs(f["geometry"]["coordinates"][0] - 44.1) < 0.1
PY
"$bin" export --db "$db" --format jsonl >"$tmp/x.jsonl"
py "$tmp/x.jsonl" <<'PY' && ok || bad "JSON Lines export"
import json, sys
assert len([json.loads(l) for l in open(sys.argv[1])]) == 10
PY

# --- recode
"$bin" stats --db "$db" >"$tmp/s1"
"$bin" recode --db "$db" 2>"$tmp/rc1"
check "recode exits 0" test $? -eq 0
check "recode with the same dictionary adds and retracts nothing" grep -q "0 mentions added, 0 retracted" "$tmp/rc1"
"$bin" recode --db "$db" --since 2000-01-01 2>"$tmp/rc2"
"$bin" stats --db "$db" | grep -v dict_versions >"$tmp/s2"
grep -v dict_versions "$tmp/s1" >"$tmp/s1b"
check "recode is idempotent" cmp -s "$tmp/s1b" "$tmp/s2"
# a dictionary with no verbs: every event disappears and is retracted, not deleted
printf 'actor RUS type=state country=RUS\n    Russia\n    adj Russian\n' >"$tmp/tiny.txt"
if "$bin" dict compile -o "$tmp/tiny.dict" "$tmp/tiny.txt" 2>"$tmp/dc"; then
    "$bin" recode --db "$db" --dict "$tmp/tiny.dict" 2>"$tmp/rc3"
    check "recode with another dictionary exits 0" test $? -eq 0
    "$bin" stats --db "$db" >"$tmp/s3"
    check "events gone from the dictionary are retracted" grep -qx "events_retracted *10" "$tmp/s3"
    check "and not deleted" test "$("$bin" events --db "$db" --retracted --format jsonl | wc -l)" -eq 10
    check "the changes are recorded" grep -qE "^changes +[1-9]" "$tmp/s3"
    "$bin" recode --db "$db" 2>"$tmp/rc4"
    check "recode with the built-in dictionary restores them" test "$(n)" -eq 10
else
    bad "dict compile of a one-country dictionary: $(cat "$tmp/dc")"
fi

# --- a crash mid-ingestion loses no committed article and leaves no partial one:
# kill -9 an ingestion at some point, finish it, and compare with a clean run
py "$fx" "$tmp/many.jsonl" <<'PY'
import json, sys
recs = [json.loads(l) for f in ("gori", "hedged") for l in open("%s/%s.jsonl" % (sys.argv[1], f))]
with open(sys.argv[2], "w") as o:
    for i in range(60):
        for r in recs:
            r2 = dict(r, id="%s-%d" % (r["id"], i), url="%s?p=%d" % (r["url"], i))
            r2["text"] = r["text"].strip() + " The report was filed as number %d from the region.\n" % i
            o.write(json.dumps(r2) + "\n")
PY
"$bin" ingest --progress off --no-dedup --db "$tmp/clean.db" "$tmp/many.jsonl" 2>/dev/null
"$bin" ingest --progress off --no-dedup --db "$tmp/crash.db" "$tmp/many.jsonl" 2>/dev/null &
victim=$!
sleep 0.4
kill -9 "$victim" 2>/dev/null
wait "$victim" 2>/dev/null
"$bin" stats --db "$tmp/crash.db" >"$tmp/after-crash" 2>&1
check "the store opens after a crash" test $? -eq 0
"$bin" ingest --progress off --no-dedup --db "$tmp/crash.db" "$tmp/many.jsonl" 2>/dev/null
"$bin" stats --db "$tmp/clean.db" >"$tmp/st-clean"
"$bin" stats --db "$tmp/crash.db" >"$tmp/st-crash"
check "after a crash and a re-run, the store equals a clean run" cmp -s "$tmp/st-clean" "$tmp/st-crash"
"$bin" events --db "$tmp/clean.db" --format tsv | cut -f2-20 >"$tmp/ev-clean"
"$bin" events --db "$tmp/crash.db" --format tsv | cut -f2-20 >"$tmp/ev-crash"
check "and so do its events and counts" cmp -s "$tmp/ev-clean" "$tmp/ev-crash"

# --- bad input
printf 'my notes, not a database\n%.0s' $(seq 1 100) >"$tmp/notes.db"
cp "$tmp/notes.db" "$tmp/notes.orig"
"$bin" stats --db "$tmp/notes.db" >/dev/null 2>"$tmp/e1"
check "a file that is not a store: exit 1" test $? -eq 1
check "with a clear message" grep -q "not a SQLite database" "$tmp/e1"
check "and the file is left as it is" cmp -s "$tmp/notes.db" "$tmp/notes.orig"
"$bin" ingest --progress off --db "$tmp/notes.db" "$fx/hedged.jsonl" >/dev/null 2>&1
check "ingest into it is refused" test $? -eq 1
check "and it is still left as it is" cmp -s "$tmp/notes.db" "$tmp/notes.orig"
"$bin" events --db "$db" --quad 9 >/dev/null 2>&1
check "--quad 9 is a usage error" test $? -eq 2
"$bin" events --db "$db" --bbox 1,2,3 >/dev/null 2>&1
check "a bad --bbox is a usage error" test $? -eq 2
"$bin" events --db "$db" --from 2008-13-45 >/dev/null 2>&1
check "a bad date is a usage error" test $? -eq 2
"$bin" export --db "$db" --format xml >/dev/null 2>&1
check "an unknown export format is a usage error" test $? -eq 2
"$bin" events --db "$db" --text '"unbalanced' >/dev/null 2>"$tmp/e2"
check "a malformed full-text query: exit 1 with a message" test $? -eq 1 -a -s "$tmp/e2"
"$bin" events --db postgres://localhost/x >/dev/null 2>"$tmp/e3"
check "postgres:// is refused clearly" grep -q "PostgreSQL" "$tmp/e3"
"$bin" stats --db "$db" | grep -q "^articles *41$"
check "after all that, nothing stored is lost" test $? -eq 0

echo "store-cli: $pass passed, $fail failed"
test "$fail" -eq 0
