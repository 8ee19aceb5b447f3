#!/usr/bin/env bash
# tests/cli.sh — end-to-end tests of the sentinel command: help, parse on
# text and JSON Lines, and the clear errors for bad input (empty, binary,
# malformed JSON with line:column, bad dates, a 50 MB line).
#   tests/cli.sh BUILD/sentinel SOURCE_ROOT
set -u
bin=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check NAME CONDITION...
    local name=$1; shift
    if "$@"; then ok; else bad "$name"; fi
}
valid_jsonl() { python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$1" 2>/dev/null; }

"$bin" --help >"$tmp/out" 2>&1; check "sentinel --help exits 0" test $? -eq 0
grep -q parse "$tmp/out"; check "help lists parse" test $? -eq 0
for c in parse version help; do
    "$bin" "$c" --help >/dev/null 2>&1; check "$c --help exits 0" test $? -eq 0
done
"$bin" frobnicate >/dev/null 2>"$tmp/err"; check "unknown command exits 2" test $? -eq 2

printf 'Georgian troops shelled Tskhinvali on Tuesday. Russia will respond.\n' >"$tmp/a.txt"
"$bin" parse --date 2015-03-16 "$tmp/a.txt" >"$tmp/out" 2>"$tmp/err"
check "parse text exits 0" test $? -eq 0
check "parse text writes valid JSON" valid_jsonl "$tmp/out"
python3 - "$tmp/out" <<'PY'
import json, sys
d = json.loads(open(sys.argv[1]).read())
s = d["sentences"]
assert len(s) == 2, s
assert s[0]["timexes"][0]["value"] == "2015-03-10", s[0]["timexes"]
t = s[0]["tokens"][2]
assert t["text"] == "shelled" and t["lemma"] == "shell" and t["tag"] == "VBD", t
assert t["span"] == [16, 23], t
PY
check "parse output has tokens, lemmas, tags and dates" test $? -eq 0

cat >"$tmp/in.jsonl" <<'EOF2'
{"id":"a1","text":"Russia recognized South Ossetia in 2008.","published":"2015-03-16"}
{"id":"a2", "text": broken}
{"id":"a3","text":"Talks will resume next month.","published":"2015-03-16T10:00:00Z"}
EOF2
"$bin" parse "$tmp/in.jsonl" >"$tmp/out" 2>"$tmp/err"
check "malformed record exits 1" test $? -eq 1
grep -q "in.jsonl:2:[0-9]*: malformed JSON" "$tmp/err"; check "error gives file:line:col" test $? -eq 0
check "good records are still written" test "$(wc -l <"$tmp/out")" -eq 2
grep -q '"value":"2015-04"' "$tmp/out"; check "next month resolves" test $? -eq 0

printf '' | "$bin" parse - >/dev/null 2>"$tmp/err"
check "empty input exits 1" test $? -eq 1
grep -q "empty input" "$tmp/err"; check "empty input message" test $? -eq 0

head -c 4096 /dev/urandom >"$tmp/bin"; printf '\0\0' >>"$tmp/bin"
"$bin" parse --format text "$tmp/bin" >/dev/null 2>"$tmp/err"
check "binary input exits 1" test $? -eq 1
grep -q "binary" "$tmp/err"; check "binary input message" test $? -eq 0

"$bin" parse --date 2015-13-01 "$tmp/a.txt" >/dev/null 2>&1; check "bad --date exits 2" test $? -eq 2
"$bin" parse "$tmp/missing.txt" >/dev/null 2>"$tmp/err"; check "missing file exits 1" test $? -eq 1

printf '{"id":"x","text":42}\n' | "$bin" parse - >/dev/null 2>"$tmp/err"
grep -q '"text" must be a string' "$tmp/err"; check "wrong field type is named" test $? -eq 0

printf 'Troops \377\376 moved.' | "$bin" parse - >"$tmp/out" 2>"$tmp/err"
check "invalid UTF-8 still parses" test $? -eq 0
grep -q "invalid UTF-8" "$tmp/err"; check "invalid UTF-8 warning" test $? -eq 0
check "invalid UTF-8 output is valid JSON" valid_jsonl "$tmp/out"

if [ -z "${SN_SANITIZE:-}" ]; then
    python3 -c 'import sys; sys.stdout.write("troops moved again and " * 2300000)' >"$tmp/long.txt"
    "$bin" parse "$tmp/long.txt" >"$tmp/out" 2>"$tmp/err"
    check "a 50 MB line is handled" test $? -eq 0
    grep -q "over-long sentences cut" "$tmp/err"; check "a 50 MB line warns" test $? -eq 0
fi

# sentinel code, explain and dict
printf 'Russia will sign a treaty with South Ossetia on March 18. In 2008, Russia recognized South Ossetia.\n' >"$tmp/c.txt"
"$bin" code --date 2015-03-16 "$tmp/c.txt" >"$tmp/out" 2>"$tmp/err"
check "code exits 0" test $? -eq 0
check "code writes valid JSON Lines" valid_jsonl "$tmp/out"
python3 - "$tmp/out" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
keys = {"id", "article_id", "sentence", "span", "source", "target", "code", "base_code", "root_code",
        "quad_class", "goldstein", "plover", "modality", "attribution", "cue", "date", "date_precision",
        "historical", "confidence", "rules"}
assert all(keys <= set(e) for e in ev), ev
sign = [e for e in ev if e["code"].startswith("05") and e["modality"] == "future"]
assert sign and sign[0]["date"] == "2015-03-18" and sign[0]["source"]["code"] == "RUS", ev
rec = [e for e in ev if e["code"] == "054" and e["historical"]]
assert rec and rec[0]["date"] == "2008" and rec[0]["date_precision"] == "year", ev
PY
check "code gives the future treaty and the historical recognition" test $? -eq 0
"$bin" code --date 2015-03-16 --modality future --format tsv "$tmp/c.txt" >"$tmp/out" 2>/dev/null
check "code --modality filters, --format tsv has a header" test "$(head -1 "$tmp/out" | cut -f1)" = id -a "$(tail -n +2 "$tmp/out" | cut -f13 | sort -u)" = future
"$bin" code --modality sure "$tmp/c.txt" >/dev/null 2>"$tmp/err"
check "unknown modality exits 2" test $? -eq 2
"$bin" explain --date 2015-03-16 "Georgia denied shelling Tskhinvali." >"$tmp/out" 2>&1
check "explain exits 0" test $? -eq 0
grep -q "pattern" "$tmp/out"; check "explain shows the patterns tried" test $? -eq 0
printf 'actor RUS type=state\n    Russia\nverb 999 attack $T\n' >"$tmp/bad.dict.txt"
"$bin" dict compile -o "$tmp/bad.img" "$tmp/bad.dict.txt" 2>"$tmp/err"
check "bad dictionary exits 1" test $? -eq 1
grep -q "bad.dict.txt:3:6:" "$tmp/err"; check "bad dictionary error is file:line:col" test $? -eq 0
check "bad dictionary writes no image" test ! -e "$tmp/bad.img"
printf 'actor RUS type=state\n    Russia\nactor GEO type=state\n    Georgia\nverb 190 attack $T\n' >"$tmp/good.dict.txt"
"$bin" dict compile -o "$tmp/good.img" "$tmp/good.dict.txt" && "$bin" dict stats "$tmp/good.img" >"$tmp/out"
check "dict compile and stats" grep -q "patterns  1" "$tmp/out"
# dict check and the coverage counts (issue #4)
"$bin" dict check "$tmp/good.dict.txt" >"$tmp/out" 2>&1
check "dict check on a clean file exits 0" test $? -eq 0
grep -q "dict check: 0 problems" "$tmp/out"; check "dict check says it found nothing" test $? -eq 0
"$bin" dict check "$tmp/good.img" >"$tmp/out" 2>&1
check "dict check reads an image" test $? -eq 0
printf 'actor RUS type=state\n    Russia\nactor GEO type=state\n    Georgia\n    Russia\nverb 190 attack $T\nverb 190 attack $T\n' >"$tmp/dup.dict.txt"
"$bin" dict check "$tmp/dup.dict.txt" >"$tmp/out" 2>&1
check "dict check with problems exits 1" test $? -eq 1
grep -q "dup.dict.txt:5: duplicate: " "$tmp/out"; check "dict check names the duplicate's file:line" test $? -eq 0
grep -q "dup.dict.txt:7: never-matches: " "$tmp/out"; check "dict check names the repeated pattern's file:line" test $? -eq 0
"$bin" dict check >"$tmp/out" 2>&1; check "dict check is clean on the built-ins" test $? -eq 0
"$bin" dict stats >"$tmp/out"
grep -q "^states    [0-9]* (de facto [0-9]*)" "$tmp/out" && grep -q "^19    [0-9]" "$tmp/out"
check "dict stats prints coverage per category and per root" test $? -eq 0
echo "Russia attacked Georgia." | "$bin" code --dict "$tmp/good.img" - >"$tmp/out" 2>/dev/null
check "code --dict uses a compiled image" grep -q '"code":"190"' "$tmp/out"
head -c 100 /dev/urandom >"$tmp/junk.img"
echo "x" | "$bin" code --dict "$tmp/junk.img" - >/dev/null 2>"$tmp/err"
check "a damaged image is refused" test $? -eq 1

# Geolocation: the location member, TSV columns, sentinel geo, gazetteer images.
echo 'Russian troops seized the naval base in Sevastopol.' | "$bin" code --date 2014-03-20 - >"$tmp/out" 2>/dev/null
python3 - "$tmp/out" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
loc = ev[0]["location"]
assert set(loc) == {"name", "country", "adm1", "lat", "lon", "precision", "feature_id", "de_jure", "de_facto",
                    "from_dateline"}, loc
assert loc["name"] == "Sevastopol" and loc["de_jure"] == "UKR" and loc["de_facto"] == "RUS", loc
assert loc["precision"] == "place" and abs(loc["lat"] - 44.6) < 0.2 and loc["from_dateline"] is False, loc
assert ev[0]["source_location"]["feature_id"] == "iso3166-1:RUS", ev[0]
PY
check "code gives Sevastopol with its de jure and de facto holders" test $? -eq 0
echo 'Russian troops seized the naval base in Sevastopol.' | "$bin" code --no-geo --date 2014-03-20 - >"$tmp/out"
check "code --no-geo writes a null location" grep -q '"location":null' "$tmp/out"
echo 'Russian troops seized the naval base in Sevastopol.' | "$bin" code --format tsv --date 2014-03-20 - >"$tmp/out"
check "code --format tsv has the location columns" test "$(head -1 "$tmp/out" | cut -f17,22,25)" = "location	location_precision	de_facto" -a "$(tail -1 "$tmp/out" | cut -f17,24,25)" = "Sevastopol	UKR	RUS"
"$bin" geo --date 2015-02-10 "Clashes broke out near Krasnohorivka, Donetsk Oblast." >"$tmp/out" 2>&1
check "geo exits 0" test $? -eq 0
grep -q 'containment' "$tmp/out" && grep -q '"name":"Krasnohorivka"' "$tmp/out"
check "geo shows candidates with reasons and the choice" test $? -eq 0
"$bin" geo --help | grep -q "usage: sentinel geo"; check "geo --help" test $? -eq 0
"$bin" geo >/dev/null 2>&1; check "geo without text exits 2" test $? -eq 2
"$bin" geo --stats | grep -q "^places	"; check "geo --stats" test $? -eq 0
echo x | "$bin" code --gazetteer "$tmp/junk.img" - >/dev/null 2>"$tmp/err"
check "a damaged gazetteer image is refused" test $? -eq 1 -a -s "$tmp/err"

sample="$root/../shared/samples/south-ossetia-2015.txt"
if [ -f "$sample" ]; then
    "$bin" parse --date 2015-03-16 "$sample" >"$tmp/out" 2>/dev/null
    grep -q '"text":"March 18","value":"2015-03-18","precision":"day"' "$tmp/out"
    check "sample: March 18 resolves to 2015-03-18" test $? -eq 0
else
    echo "skipped: $sample is absent"
fi

echo "cli: $pass passed, $fail failed"
test "$fail" -eq 0
