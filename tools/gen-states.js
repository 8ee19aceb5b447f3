#!/usr/bin/env node
// tools/gen-states.js — writes one `actor CODE type=state` block for each of
// the 249 ISO 3166-1 entities (docs/dictionaries.md), converted at build time
// from the Debian package iso-codes (names, official names, alpha-3 codes)
// and the pinned npm package world-countries (alternative spellings,
// demonyms, capitals). The hand-written data/dict/countries.txt is the
// curated part and is compiled first; this file only adds what the
// registries know and the dictionaries do not say yet. Nothing it writes is
// committed.
//
//   node tools/gen-states.js ISO_3166_1_JSON NODE_MODULES_DIR DICT_FILE... > states.txt
//
// Merging rules (so that no name is listed twice or for two actors):
// - A phrase any DICT_FILE already lists (for any actor, person, agent or
//   place; compared case-insensitively) is left out: the curated entry wins.
// - A phrase the registries give to two entities ("Congolese", "French",
//   "Oranjestad") is left out for both.
// - Names are kept only in Latin script, without commas or brackets ("Korea,
//   Republic of" is skipped, "Falkland Islands (Malvinas)" gives "Falkland
//   Islands"), and must contain a lower-case letter: abbreviations ("US",
//   "IN", "IT") come only from the curated file, which knows which are safe.
// - Each entity's first capital becomes a `gov` metonym, except the capitals
//   in NOT_METONYMS below (common words and names, or towns that stand for
//   something else in the news).
// - Demonyms become `adj` lines; "Antiguan, Barbudan" gives two.
'use strict';
const fs = require('fs');
const path = require('path');

const [isoJson, modulesArg, ...dictFiles] = process.argv.slice(2);
if (!isoJson || !modulesArg || !dictFiles.length) {
  process.stderr.write('usage: gen-states.js ISO_3166_1_JSON NODE_MODULES_DIR DICT_FILE...\n');
  process.exit(2);
}

// Capitals that are not used as metonyms for their government, and why.
const NOT_METONYMS = new Set([
  'Brussels',        // the EU more often than Belgium
  'Amsterdam',       // the Dutch government sits in The Hague
  'Victoria',        // Seychelles: a common name (Lake Victoria, Victoria BC)
  'City of Victoria', // Hong Kong
  'Hamilton',        // Bermuda: a surname and towns in Canada, New Zealand
  'Douglas',         // Isle of Man: a given name
  'Stanley',         // Falklands: a given name
  'Jamestown',       // Saint Helena: towns in the US
  'Plymouth',        // Montserrat: the English city
  'The Valley',      // Anguilla: common words
  'West Island',     // Cocos Islands: common words
  'Diego Garcia',    // a person's name; the atoll is a military base
  'Kingston',        // Norfolk Island: Jamaica's capital
  'Saint-Denis',     // Réunion: also a Paris suburb
  'Saint-Pierre',    // Saint Pierre and Miquelon: many towns
  'Cayenne',         // French Guiana: the pepper
  'George Town',     // Cayman Islands: also Penang's capital
  'The Bottom',      // Caribbean Netherlands: common words
  "Saint John's",    // Antigua: St. John's, Newfoundland, is better known
  'Male',            // Maldives without the accent: a common word
  "Sana'a",          // Yemen: held by the Houthis, not the recognised government
  'Sanaa',
  'El Aaiún',        // Western Sahara: administered by Morocco
  'King Edward Point',
  'Flying Fish Cove',
]);

// Registry names that are common English words or mean something else.
const NOT_NAMES = new Set([
  'jersey',          // the garment, and New Jersey
  'reunion',         // a common word (Réunion keeps its accent)
  'emirates',        // the airline
  'the abode of peace',
  'man',             // never a name on its own
  'mann',            // a surname (Isle of Man)
  'island',          // Iceland in Danish and Icelandic; a common word
  'timor',           // the island, half of it Indonesian
  'guiana',          // the region, three countries
  'virgin islands',  // British or US
  'dominique',       // a given name
  'prathet',         // Thai for "country"
  'portuguesa', 'mexicanos',
  'abode of peace',
  'nippon', 'nihon', // Japan in Japanese: in many company names (Nippon Steel)
  'zhonghua',        // "Chinese": the PRC's and the ROC's names both start so
]);

function clean(s) {
  if (typeof s !== 'string') return null;
  s = s.replace(/\s*\([^)]*\)\s*/g, ' ').replace(/\s+/g, ' ').trim();
  s = s.replace(/^the /, ''); // "the State of Palestine"
  if (!s || s.includes(',') || /["#]/.test(s)) return null;
  if (!/^[\p{Script=Latin}\p{M} .'’-]+$/u.test(s) || /[\u0250-\u02af]/.test(s)) return null;
  if (!/\p{Ll}/u.test(s) || !/^\p{Lu}/u.test(s) || / or /.test(s) || s.length < 3 || s.length > 80) return null;
  if (NOT_NAMES.has(s.toLowerCase())) return null;
  return s;
}

// Every phrase the dictionaries list, lower-cased: names of actors, people
// and places, adjectives, metonyms, agents' phrases.
function usedPhrases(files) {
  const used = new Set();
  for (const file of files) {
    for (let line of fs.readFileSync(file, 'utf8').split('\n')) {
      line = line.replace(/(^|\s)#.*$/, '').trimEnd();
      if (!/^\s/.test(line) || !line.trim()) continue;
      let p = line.trim();
      if (/^code\s/.test(p)) continue;
      p = p.replace(/^(adj|gov|place)\s+/, '');
      used.add(p.toLowerCase());
    }
  }
  return used;
}

function main() {
  const iso = JSON.parse(fs.readFileSync(isoJson, 'utf8'))['3166-1'];
  const wc = new Map();
  for (const c of require(path.join(path.resolve(modulesArg), 'world-countries'))) wc.set(c.cca3, c);
  const used = usedPhrases(dictFiles);
  const curated = new Set();
  for (const file of dictFiles)
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/^actor\s+([A-Z0-9]+)\s.*\btype=state\b/gm)) curated.add(m[1]);

  // Candidate phrases per entity, then drop those two entities share.
  const cand = [];
  const owners = new Map();
  for (const e of iso) {
    const w = wc.get(e.alpha_3) || {};
    const names = [e.common_name, e.name, e.official_name];
    if (w.name) names.push(w.name.common, w.name.official);
    names.push(...(w.altSpellings || []));
    const adjs = [];
    const dem = (w.demonyms && w.demonyms.eng) || {};
    for (const d of [dem.m, dem.f]) if (d) adjs.push(...d.split(/,\s*/));
    const caps = (w.capital || []).slice(0, 1).filter((c) => !NOT_METONYMS.has(c));
    const entry = {e, w, lines: []};
    const seen = new Set();
    const add = (kind, raw) => {
      const s = clean(raw);
      if (!s) return;
      const k = s.toLowerCase();
      if (used.has(k) || seen.has(k)) return;
      seen.add(k);
      entry.lines.push({kind, s, k});
      owners.set(k, (owners.get(k) || 0) + 1);
    };
    names.forEach((n) => add('', n));
    adjs.forEach((a) => add('adj ', a));
    caps.forEach((c) => add('gov ', c));
    cand.push(entry);
  }

  const out = [
    '# Generated by tools/gen-states.js from iso-codes (ISO 3166-1) and world-countries; do not edit.',
    '# The curated names of these states are in data/dict/countries.txt.',
  ];
  for (const {e, w, lines} of cand.sort((a, b) => a.e.alpha_3.localeCompare(b.e.alpha_3))) {
    const code = e.alpha_3;
    const kept = lines.filter((l) => owners.get(l.k) === 1);
    out.push('', `# ${e.name}${w.independent === false ? ' (not independent)' : ''}`);
    // A curated entity the registries add nothing to needs no block.
    if (!kept.length && curated.has(code)) {
      out.splice(-2);
      continue;
    }
    out.push(`actor ${code} type=state country=${code}`);
    if (!kept.length) kept.push({kind: '', s: clean(e.common_name) || clean(e.name) || code});
    for (const l of kept) out.push('    ' + l.kind + l.s);
  }
  process.stdout.write(out.join('\n') + '\n');
}

main();
