/**
 * Case-insensitive text tests that mean exactly "compare the toLowerCase() forms", without
 * allocating a lower-cased copy of each Lead's value when the text is ASCII (nearly all CRM
 * data). Only two characters lower-case into ASCII: U+0130 'İ' (to "i̇", which grows by one)
 * and U+212A KELVIN SIGN (to "k"). So with an ASCII needle the fast paths fold A–Z, and hand
 * any value with a non-ASCII character in the span they look at to toLowerCase(); an
 * ASCII needle can only match a span of its own length.
 */

/** An operand lower-cased once, at compile time. */
export interface Needle {
  text: string;
  ascii: boolean;
}

export function needleOf(operand: string): Needle {
  const text = operand.toLowerCase();
  return { text, ascii: [...text].every((character) => character.charCodeAt(0) < 128) };
}

/** Whether `value` from `start` reads `needle` folded: true, false, or undefined (non-ASCII met). */
function foldedAt(value: string, start: number, needle: string): boolean | undefined {
  for (let i = 0; i < needle.length; i += 1) {
    const code = value.charCodeAt(start + i);
    if (code >= 128) return undefined;
    const folded = code >= 65 && code <= 90 ? code + 32 : code;
    if (folded !== needle.charCodeAt(i)) return false;
  }
  return true;
}

export function foldedEquals(value: string, needle: Needle): boolean {
  if (!needle.ascii) return value.toLowerCase() === needle.text;
  if (value.length !== needle.text.length) return false;
  return foldedAt(value, 0, needle.text) ?? value.toLowerCase() === needle.text;
}

export function foldedStartsWith(value: string, needle: Needle): boolean {
  if (!needle.ascii) return value.toLowerCase().startsWith(needle.text);
  if (value.length < needle.text.length) return false;
  return foldedAt(value, 0, needle.text) ?? value.toLowerCase().startsWith(needle.text);
}

export function foldedEndsWith(value: string, needle: Needle): boolean {
  if (!needle.ascii) return value.toLowerCase().endsWith(needle.text);
  const start = value.length - needle.text.length;
  if (start < 0) return false;
  return foldedAt(value, start, needle.text) ?? value.toLowerCase().endsWith(needle.text);
}

export function foldedIncludes(value: string, needle: Needle): boolean {
  if (!needle.ascii) return value.toLowerCase().includes(needle.text);
  for (let start = 0; start + needle.text.length <= value.length; start += 1) {
    const found = foldedAt(value, start, needle.text);
    if (found === undefined) return value.toLowerCase().includes(needle.text);
    if (found) return true;
  }
  return false;
}
