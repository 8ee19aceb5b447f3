#!/usr/bin/env node
// tests/states.js — checks the built-in states (issue #4): every one of the
// 249 ISO 3166-1 alpha-3 codes is a state actor of the curated
// data/dict/countries.txt or of the generated states.txt; no generated
// phrase repeats a curated one; and every UN member and observer state has
// its capital or seat of government as a `gov` metonym, except the states
// listed below, whose capital bears the state's own name or means
// something else in the news (docs/dictionaries.md, "Built-in states").
//
//   node tests/states.js ISO_3166_1_JSON STATES_TXT DICT_FILE...
'use strict';
const fs = require('fs');

const [isoJson, statesTxt, ...dictFiles] = process.argv.slice(2);
let pass = 0, fail = 0;
function check(ok, what) {
  if (ok) pass++;
  else {
    fail++;
    console.log('FAIL: ' + what);
  }
}

// Capital named like the state, or kept out on purpose (gen-states.js).
const NO_METONYM = new Set(['BEL', 'DJI', 'LUX', 'MCO', 'SGP', 'SYC', 'ATG', 'ESH']);

// Blocks of a dictionary file: code -> {state, gov, phrases}.
function blocks(file, into) {
  let cur = null;
  for (let line of fs.readFileSync(file, 'utf8').split('\n')) {
    line = line.replace(/(^|\s)#.*$/, '').trimEnd();
    const m = /^actor\s+([A-Z0-9]+)\s(.*)$/.exec(line);
    if (m) {
      cur = into.get(m[1]) || {state: false, gov: false, phrases: []};
      cur.state = cur.state || /\btype=state\b/.test(m[2]);
      into.set(m[1], cur);
      continue;
    }
    if (/^\S/.test(line)) cur = null;
    else if (cur && line.trim()) {
      if (/^\s*gov\s/.test(line)) cur.gov = true;
      cur.phrases.push(line.trim().replace(/^(adj|gov|place)\s+/, '').toLowerCase());
    }
  }
}

const iso = JSON.parse(fs.readFileSync(isoJson, 'utf8'))['3166-1'];
check(iso.length === 249, `iso-codes lists 249 entities (${iso.length})`);
const curated = new Map(), generated = new Map();
dictFiles.forEach((f) => blocks(f, curated));
blocks(statesTxt, generated);
const curatedPhrases = new Set();
for (const b of curated.values()) b.phrases.forEach((p) => curatedPhrases.add(p));

for (const e of iso) {
  const c = curated.get(e.alpha_3), g = generated.get(e.alpha_3);
  check((c && c.state) || (g && g.state), `${e.alpha_3} (${e.name}) is a state actor`);
}
// One check each for the merging rules, naming every offender.
const repeated = [], shared = [], missingGov = [];
const seen = new Map();
for (const [code, g] of generated)
  for (const p of g.phrases) {
    if (curatedPhrases.has(p)) repeated.push(`${code} "${p}"`);
    if (seen.has(p) && seen.get(p) !== code) shared.push(`"${p}" (${seen.get(p)}, ${code})`);
    seen.set(p, code);
  }
check(!repeated.length, 'no generated phrase repeats a curated one: ' + repeated.join(', '));
check(!shared.length, 'no generated phrase is given to two states: ' + shared.join(', '));
// UN members and observers: the curated file's states with an ISO code.
const isoCodes = new Set(iso.map((e) => e.alpha_3));
for (const [code, c] of curated) {
  if (!c.state || !isoCodes.has(code) || NO_METONYM.has(code)) continue;
  const g = generated.get(code);
  if (!c.gov && !(g && g.gov)) missingGov.push(code);
}
check(!missingGov.length, 'every UN member and observer has a capital metonym: ' + missingGov.join(', '));
console.log(`states: ${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
