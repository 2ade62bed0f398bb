import { describe, expect, it } from 'vitest';
import { caseSafeSuffix, isWellFormedId, makeId, normaliseId, to18 } from './salesforce-id';

// 18-char ids taken from real org responses in ../shared/fixtures/salesforce.
const REAL_IDS = [
  '00Q5f000005bwLFEAY',
  '0035f00002EztxDAAR',
  '001dM00003kS2ndQAC',
  '005dM00000awSFJQA2',
  '00DdM00000vfgTuUAI',
  '0015f00002JUX1JAAX',
  'a01B0000009ZjAmIAK',
];

describe('Salesforce ids', () => {
  it.each(REAL_IDS)('computes the real case-safe suffix of %s', (id) => {
    expect(caseSafeSuffix(id.slice(0, 15))).toBe(id.slice(15));
    expect(to18(id.slice(0, 15))).toBe(id);
  });

  it('accepts 15- and 18-char ids and rejects a wrong suffix or length', () => {
    expect(isWellFormedId('00Q5f000005bwLF')).toBe(true);
    expect(isWellFormedId('00Q5f000005bwLFEAY')).toBe(true);
    expect(isWellFormedId('00Q5f000005bwLFEAZ')).toBe(false);
    expect(isWellFormedId('00Q5f000005bw')).toBe(false);
    expect(normaliseId('00Q5f000005bwLF')).toBe('00Q5f000005bwLFEAY');
  });

  it('makes ids with the key prefix and a valid suffix', () => {
    const id = makeId('00Q', 123456);
    expect(id).toHaveLength(18);
    expect(id.startsWith('00Q')).toBe(true);
    expect(isWellFormedId(id)).toBe(true);
    expect(makeId('00Q', 123457)).not.toBe(id);
  });
});
