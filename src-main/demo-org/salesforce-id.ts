// Salesforce record ids: 15 case-sensitive chars, plus a 3-char suffix that encodes the case of
// the first 15 so the id survives case-insensitive systems (the "18-char case-safe" id).

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{18}$/;

function isUpper(ch: string): boolean {
  return ch >= 'A' && ch <= 'Z';
}

export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charAt(chunk * 5 + i);
      if (isUpper(ch)) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

export function to18(id: string): string {
  if (ID_18.test(id)) return id.slice(0, 15) + caseSafeSuffix(id.slice(0, 15));
  if (!ID_15.test(id)) throw new Error(`not a Salesforce id: ${id}`);
  return id + caseSafeSuffix(id);
}

/** True when `id` is a well-formed 15- or 18-char id whose suffix (if any) matches. */
export function isWellFormedId(id: string): boolean {
  if (ID_15.test(id)) return true;
  if (!ID_18.test(id)) return false;
  // Salesforce accepts the suffix in any case, since it exists for case-insensitive systems.
  return caseSafeSuffix(id.slice(0, 15)) === id.slice(15).toUpperCase();
}

/** Normalises a 15- or 18-char id to its canonical 18-char form, or null if malformed. */
export function normaliseId(id: string): string | null {
  if (!isWellFormedId(id)) return null;
  return to18(id.slice(0, 15));
}

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

function base62(n: number, width: number): string {
  let out = '';
  let rest = Math.floor(n);
  for (let i = 0; i < width; i++) {
    out = BASE62.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

/** The pod ("instance") part of every id the default demo org mints, like a Developer Edition org. */
const DEFAULT_POD = 'dM';

/**
 * Builds a new 18-char id: key prefix, the 2-char pod of the org, a reserved "0", then a
 * 9-char base-62 sequence.
 */
export function makeId(keyPrefix: string, sequence: number, pod = DEFAULT_POD): string {
  return to18(`${keyPrefix}${pod}0${base62(sequence, 9)}`);
}

/** The demo org's id unless it is started as another org. */
export const DEFAULT_ORG_ID = makeId('00D', 7_777_777);

/** An org id as Salesforce writes it (18 chars, key prefix 00D), or null if `text` is none. */
export function normaliseOrgId(text: string): string | null {
  const id = normaliseId(text);
  return id && keyPrefixOf(id) === '00D' ? id : null;
}

/**
 * Where an org's records are numbered: on the org's pod, after the org's own number. Ids
 * come from one counter per pod, so a record's number is higher than its org's and two orgs
 * on one pod never mint the same id. Kept under 62^8 so the sequence stays exact in a double.
 */
export function idSpaceOf(orgId: string): { pod: string; firstSequence: number } {
  const unique = orgId.slice(6, 15);
  let value = 0n;
  for (const ch of unique) value = value * 62n + BigInt(BASE62.indexOf(ch));
  return { pod: orgId.slice(3, 5), firstSequence: Number(value % 62n ** 8n) };
}
