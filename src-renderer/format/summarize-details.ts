import { detailKeyWords, detailValueWords } from '../../src-preload/log-words';
import { formatLogTime } from './format-log-time';

const MAX_VALUE_LENGTH = 80;

/**
 * One line for a log row whose kind has no sentence of its own: the message (or else the
 * reason) first, then `retry at: 09:05:00 · …` in the order the host wrote them, the error
 * code last. Nothing is hidden, only shortened; names read as words, instants as local times.
 */
export function summarizeDetails(details: Record<string, unknown>): string {
  // A kind without a message says why in its reason.
  const { code, ...rest } = details;
  const said = ['message', 'reason'].find((key) => isText(rest[key]));
  if (said !== undefined) delete rest[said];
  const parts = [
    said === undefined ? null : shorten(details[said] as string),
    ...Object.entries(rest).map(
      ([key, value]) =>
        `${detailKeyWords(key)}: ${shorten(detailValueWords(value, (iso) => formatLogTime(iso)))}`,
    ),
    isText(code) ? `(${code})` : null,
  ];
  return parts.filter((part) => part !== null).join(' · ');
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > MAX_VALUE_LENGTH ? `${oneLine.slice(0, MAX_VALUE_LENGTH - 1)}…` : oneLine;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
