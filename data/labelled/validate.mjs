// Checks every labelled file (dev, test and the extra training sets): every line parses, has the fixed fields, uses only the ten category ids and
// a known school, ids are unique, and no text is repeated or near-duplicated (word-set Jaccard >= 0.7).
// Prints per-category counts as a markdown table. Run: node data/labelled/validate.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const CATS = ['threat', 'safeguarding', 'discrimination', 'allegation', 'defamation', 'abuse', 'personal_data', 'investigation', 'complaint', 'impersonation'];
const PLATFORMS = ['facebook', 'x', 'instagram', 'youtube', 'reddit', 'mastodon', 'news', 'web', 'tiktok', 'mumsnet', 'google-reviews'];
/** file → id prefix */
const SPLITS = {
  dev: 'dev',
  test: 'test',
  'extra-parents': 'par',
  'extra-pupils': 'pup',
  'extra-community': 'com',
  'extra-official': 'off',
  'extra-dsl': 'dsl',
  'extra-allegations': 'alg',
  'extra-stream': 'str',
  'extra-independent': 'ind',
  'extra-threats': 'thr',
  'extra-welfare': 'wel',
  'extra-reviews': 'rev',
  'extra-exposure': 'exp',
  'extra-annotator': 'ann',
  'extra-local': 'loc',
  'extra-teens': 'ten',
  'extra-forum': 'frm',
  'extra-mixed': 'mix',
  'extra-staffroom': 'stf',
  'extra-primary': 'pri',
  'extra-trolls': 'trl',
  'extra-short': 'sht',
  'extra-severe': 'sev',
  'extra-gossip': 'gos',
  'extra-replies': 'rep',
  'extra-annotator3': 'an3',
  'extra-menace': 'men',
  'extra-harm': 'hrm',
  'extra-claims': 'clm',
  'extra-day': 'day',
  'extra-voices': 'voc',
  'extra-annotator4': 'an4',
  'extra-news': 'nws',
  'extra-relay': 'rly',
  'extra-counter': 'ctr',
  'extra-grumbles': 'grm',
  'extra-annotator5': 'an5',
  'extra-annotator6': 'an6',
  'extra-annotator7': 'an7',
  'extra-shaming': 'shm',
  'extra-sarcasm': 'src',
  'extra-insinuation': 'isn',
  'extra-homelife': 'hml',
  'extra-reported': 'rpt',
  'extra-veiled': 'vei',
  'extra-press': 'prs',
  'extra-factclaims': 'fct',
  'extra-month': 'mon',
  'extra-service': 'svc',
  'extra-beef': 'bef',
  'extra-prejudice': 'prj',
  'extra-pages': 'pgs',
  'extra-hearsay': 'hsy',
  'extra-regions': 'reg',
  'extra-insiders': 'ins',
  'extra-threads': 'thd',
  'extra-lessons': 'lsn',
  'extra-fakes': 'fke',
  'extra-dialects': 'dia',
  'extra-concerns': 'cnc',
  'extra-casual': 'cas',
  'extra-details': 'dtl',
};
const KEYS = ['id', 'school', 'platform', 'official', 'text', 'categories'];
const schools = new Set(fs.readdirSync(path.join(dir, 'schools')).map((f) => JSON.parse(fs.readFileSync(path.join(dir, 'schools', f), 'utf8')).id));
const errors = [];
const words = (t) => new Set(t.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').split(/\s+/).filter(Boolean));
const jaccard = (a, b) => { let i = 0; for (const w of a) if (b.has(w)) i++; return i / (a.size + b.size - i); };

const splits = {};
for (const [split, prefix] of Object.entries(SPLITS)) {
  const file = path.join(dir, `${split}.jsonl`);
  if (!fs.existsSync(file)) continue;
  const rows = [];
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, n) => {
    if (!line.trim()) return;
    let r;
    try { r = JSON.parse(line); } catch { errors.push(`${split}:${n + 1} not JSON`); return; }
    const where = `${split}:${n + 1} (${r.id})`;
    if (Object.keys(r).sort().join() !== [...KEYS].sort().join()) errors.push(`${where} keys ${Object.keys(r)}`);
    if (!new RegExp(`^${prefix}-\\d{4}$`).test(r.id)) errors.push(`${where} bad id`);
    if (!schools.has(r.school)) errors.push(`${where} unknown school ${r.school}`);
    if (!PLATFORMS.includes(r.platform)) errors.push(`${where} bad platform`);
    if (typeof r.official !== 'boolean') errors.push(`${where} official not boolean`);
    if (r.official && ['news', 'web', 'reddit', 'mumsnet', 'google-reviews'].includes(r.platform)) errors.push(`${where} official on ${r.platform}`);
    if (typeof r.text !== 'string' || r.text.trim().length < 3) errors.push(`${where} empty text`);
    if (!Array.isArray(r.categories) || r.categories.some((c) => !CATS.includes(c)) || new Set(r.categories).size !== r.categories.length) errors.push(`${where} bad categories`);
    rows.push(r);
  });
  if (new Set(rows.map((r) => r.id)).size !== rows.length) errors.push(`${split}: duplicate ids`);
  splits[split] = rows.map((r) => ({ ...r, w: words(r.text) }));
}
const all = Object.values(splits).flat();
// Near-duplicates by prefix filtering (exact, not sampled): with words ordered rarest first, two sets
// with Jaccard >= t must share a word among the first |A| - ceil(t·|A|) + 1 of each.
const T = 0.7;
const seenText = new Map();
for (const a of all) {
  const key = a.text.toLowerCase();
  if (seenText.has(key)) errors.push(`duplicate text ${seenText.get(key)} ${a.id}`);
  else seenText.set(key, a.id);
}
const frequency = new Map();
for (const a of all) for (const w of a.w) frequency.set(w, (frequency.get(w) ?? 0) + 1);
const byPrefix = new Map();
all.forEach((a, i) => {
  if (a.w.size < 5) return;
  const ordered = [...a.w].sort((x, y) => frequency.get(x) - frequency.get(y) || (x < y ? -1 : 1));
  const candidates = new Set();
  for (const w of ordered.slice(0, a.w.size - Math.ceil(T * a.w.size) + 1)) {
    for (const j of byPrefix.get(w) ?? []) candidates.add(j);
    byPrefix.set(w, [...(byPrefix.get(w) ?? []), i]);
  }
  for (const j of candidates) if (jaccard(a.w, all[j].w) >= T) errors.push(`near-duplicate ${all[j].id} ~ ${a.id}`);
});

const names = Object.keys(splits);
const lines = [`| category | ${names.join(' | ')} |`, `|---|${names.map(() => '---:').join('|')}|`];
const row = (label, f) => lines.push(`| ${label} | ${names.map((n) => f(splits[n])).join(' | ')} |`);
for (const c of CATS) row(c, (rows) => rows.filter((r) => r.categories.includes(c)).length);
row('benign (no category)', (rows) => rows.filter((r) => r.categories.length === 0).length);
row('multi-label (2+)', (rows) => rows.filter((r) => r.categories.length > 1).length);
row('official account', (rows) => rows.filter((r) => r.official).length);
row('total', (rows) => rows.length);
console.log(lines.join('\n'));
if (errors.length) { console.error(errors.slice(0, 50).join('\n')); console.error(`${errors.length} problem(s)`); process.exit(1); }
console.error('ok: all lines valid, no duplicates');
