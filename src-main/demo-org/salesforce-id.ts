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

/**
 * Builds a new 18-char id: key prefix, a 2-char pod ("dM", like a real Developer Edition org),
 * a reserved "0", then a 9-char base-62 sequence.
 */
export function makeId(keyPrefix: string, sequence: number): string {
  return to18(`${keyPrefix}dM0${base62(sequence, 9)}`);
}
