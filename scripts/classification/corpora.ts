/**
 * Readers for the public corpora in ../shared/datasets, each returning rows in the corpus's own terms.
 * The mapping to our categories (see each PROVENANCE.md) lives in training-data.ts, not here.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sharedDir } from './labelled';

export const datasetsDir = path.join(sharedDir, 'datasets');
export const datasetsAvailable = (): boolean => existsSync(datasetsDir);

const read = (...parts: string[]): string => readFileSync(path.join(datasetsDir, ...parts), 'utf8');
const lines = (text: string): string[] => text.split(/\r?\n/).filter((l) => l.length > 0);

export interface OlidRow {
  id: string;
  text: string;
  a: 'OFF' | 'NOT';
  b: string;
  c: string;
}

const parseOlid = (text: string): OlidRow[] =>
  lines(text)
    .slice(1)
    .map((line) => {
      const [id = '', tweet = '', a = 'NOT', b = 'NULL', c = 'NULL'] = line.split('\t');
      return { id, text: tweet, a: a === 'OFF' ? 'OFF' : 'NOT', b, c };
    });

export const olidTrain = (): OlidRow[] => parseOlid(read('olid', 'olid-training-v1.0.tsv'));
/** The official level-A test set (860 tweets): evaluation only, never training. */
export const olidTest = (): OlidRow[] => parseOlid(read('olid', 'olid-test-joined-v1.0.tsv'));

export const davidson = (): { text: string; cls: 0 | 1 | 2; agreement: number }[] =>
  (parse(read('davidson-hate-offensive', 'labeled_data.csv'), { from_line: 2, relax_quotes: true }) as string[][]).map((r) => {
    const count = Number(r[1]);
    const cls = Number(r[5]) as 0 | 1 | 2;
    const votes = Number(r[2 + cls]);
    return { text: r[6] ?? '', cls, agreement: count > 0 ? votes / count : 0 };
  });

/** ETHOS files use ";" and leave the comment unquoted, so the numeric fields are taken from the end. */
const splitFromEnd = (line: string, numeric: number): [string, number[]] => {
  const parts = line.split(';');
  return [parts.slice(0, parts.length - numeric).join(';'), parts.slice(-numeric).map(Number)];
};

export const ethosBinary = (): { text: string; hate: number }[] =>
  lines(read('ethos', 'Ethos_Dataset_Binary.csv'))
    .slice(1)
    .map((line) => {
      const [text, [hate = 0]] = splitFromEnd(line, 1);
      return { text, hate };
    });

export const ethosMulti = (): { text: string; violence: number; directed: number; identity: number }[] =>
  lines(read('ethos', 'Ethos_Dataset_Multi_Label.csv'))
    .slice(1)
    .map((line) => {
      const [text, v] = splitFromEnd(line, 8);
      return { text, violence: v[0] ?? 0, directed: v[1] ?? 0, identity: Math.max(...v.slice(2)) };
    });

export const tweetEval = (task: 'hate' | 'sentiment', split: 'train' | 'val' | 'test'): { text: string; label: number }[] => {
  const dir = path.join('tweeteval-sentiment-hate', task);
  if (!existsSync(path.join(datasetsDir, dir, `${split}_text.txt`))) return [];
  // One tweet per line, aligned by line number with the labels: only the trailing newline is dropped.
  const byLine = (file: string): string[] => read(dir, file).replace(/\r?\n$/, '').split(/\r?\n/);
  const texts = byLine(`${split}_text.txt`);
  const labels = byLine(`${split}_labels.txt`).map(Number);
  if (texts.length !== labels.length) throw new Error(`TweetEval ${task}/${split}: ${texts.length} texts but ${labels.length} labels`);
  return texts.map((text, i) => ({ text, label: labels[i] ?? 0 }));
};

export const complaints = (): { text: string; complaint: boolean; domain: string }[] =>
  (parse(read('complaints-twitter', 'complaints-data.csv'), { relax_quotes: true }) as string[][]).map((r) => ({
    text: r[1] ?? '',
    complaint: r[2] === '1',
    domain: r[3] ?? '',
  }));

export const cyberbullying = (): { text: string; type: string }[] =>
  (parse(read('cyberbullying-wang2020-subset', 'cyberbullying_tweets_subset_utf8fixed.csv'), { from_line: 2, relax_quotes: true }) as string[][]).map(
    (r) => ({ text: r[0] ?? '', type: r[1] ?? '' }),
  );

export const hateCheck = (): { text: string; functionality: string; hateful: boolean }[] =>
  (parse(read('hatecheck', 'test_suite_cases.csv'), { from_line: 2, relax_quotes: true }) as string[][]).map((r) => ({
    text: r[3] ?? '',
    functionality: r[1] ?? '',
    hateful: r[4] === 'hateful',
  }));

export interface PresidioSpan {
  entity_type: string;
  entity_value: string;
}
export const presidio = (): { text: string; spans: PresidioSpan[] }[] =>
  (JSON.parse(read('presidio-synth-pii', 'synth_dataset_v2.json')) as { full_text: string; spans: PresidioSpan[] }[]).map((r) => ({
    text: r.full_text,
    spans: r.spans,
  }));
