// Failure kinds are one closed union (src/failures.ts): every kind the code can emit is in it and
// described in Chinese and English. The type checker holds the map exhaustive; this scan holds the code to it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeKind,
  FAILURE_KINDS,
  isFailureKind,
  type FailureKind,
  type HttpFailureKind,
  type KindDescription,
} from '../src/failures.js';

// Type level: the map has exactly the kinds of the union (a missing kind or an extra key fails tsc).
const exhaustive: Record<Exclude<FailureKind, HttpFailureKind>, KindDescription> = FAILURE_KINDS;
const http: FailureKind = 'http_404';

const SRC = path.resolve(import.meta.dirname, '../src');

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Kind literals the code can emit, with where they were found. */
function emittedKinds(): Map<string, string> {
  const found = new Map<string, string>();
  const add = (kind: string, where: string) => {
    if (!found.has(kind)) found.set(kind, where);
  };
  for (const file of sources(SRC)) {
    const rel = path.relative(SRC, file);
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const where = `src/${rel}:${i + 1}`;
        // new FetchError('robots', …), new ExtractError('corrupt_pdf', …), super('http_429', …)
        for (const m of line.matchAll(/new (?:\w+Error)\(\s*'([a-z0-9_]+)'/g))
          if (!/PublishError/.test(m[0])) add(m[1]!, where);
        // { kind: 'layout_changed', message } and { url, stage, kind: 'bad_record', message }: failure objects
        if (/message/.test(line)) for (const m of line.matchAll(/\bkind: '([a-z0-9_]+)'/g)) add(m[1]!, where);
        // const kind = … ? 'blocked' : `http_${…}` / 'internal_error'
        if (/\bconst kind =/.test(line)) for (const m of line.matchAll(/'([a-z0-9_]+)'/g)) add(m[1]!, where);
        // the http_<status> family
        if (/[`']http_\$\{/.test(line)) add('http_404', where);
      });
  }
  return found;
}

describe('failure kinds', () => {
  it('has every kind the code emits in the union', () => {
    const found = emittedKinds();
    // the scan sees the kinds of each stage (so it is not vacuous)
    for (const k of [
      'http_404',
      'timeout',
      'network',
      'blocked',
      'challenge',
      'robots',
      'not_allowed',
      'too_large',
      'too_many_redirects',
      'layout_changed',
      'error',
      'corrupt_pdf',
      'not_a_report',
      'bad_record',
      'internal_error',
      'not_found',
      'not_a_file',
      'resource_limit',
      'extractor_crashed',
    ]) {
      expect(found.has(k), `scan found ${k}`).toBe(true);
    }
    const unknown = [...found].filter(([k]) => !isFailureKind(k)).map(([k, where]) => `${k} (${where})`);
    expect(unknown).toEqual([]);
  });

  it('describes every kind in Chinese and English, the http family by its status', () => {
    expect(Object.keys(exhaustive).length).toBeGreaterThan(20);
    for (const [kind, d] of Object.entries(FAILURE_KINDS)) {
      expect(d.zh, kind).toMatch(/[\u4e00-\u9fff]/);
      expect(d.en.length, kind).toBeGreaterThan(5);
    }
    expect(describeKind(http)).toEqual({ zh: 'HTTP错误（404）', en: 'The server answered HTTP 404.' });
    expect(describeKind('corrupt_pdf')?.zh).toBe('PDF损坏');
    expect(describeKind('no_such_kind')).toBeNull();
    expect(isFailureKind('http_4040')).toBe(false);
  });
});
