import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { instanceStatuses, leadChangeSchema, logKindSchema } from './contract';
import { logKindGroup, logKindLabel, logKindWords } from './log-words';

const SOURCES = path.resolve(__dirname, '../src-main');
/** Emulators of Salesforce and of a meeting platform: they never write the app's log. */
const NOT_THE_APP = new Set(['demo-org', 'demo-scheduler']);

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return NOT_THE_APP.has(entry.name) ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The text of a call's first argument: up to the first comma outside brackets and strings. */
function firstArgument(source: string, start: number): string {
  // What encloses the current character: a bracket, a '…' string, or a `…` template.
  const open: string[] = [];
  for (let index = start; index < source.length; index += 1) {
    const char = source[index]!;
    const inside = open.at(-1);
    if (inside === "'" || inside === '`') {
      if (char === inside) open.pop();
      else if (inside === '`' && source.startsWith('${', index)) {
        open.push('{');
        index += 1;
      }
    } else if (char === "'" || char === '`' || '([{'.includes(char)) open.push(char);
    else if (')]}'.includes(char)) {
      if (open.length === 0) return source.slice(start, index).trim();
      open.pop();
    } else if (char === ',' && open.length === 0) return source.slice(start, index).trim();
  }
  throw new Error('unterminated call');
}

/**
 * The kinds a computed first argument stands for, read from where they come from. A new
 * computed kind fails the test until it is added here (and its kinds to the table).
 */
const COMPUTED: Record<string, readonly string[]> = {
  "`instance.${to.replace('_', '-')}`": instanceStatuses.map(
    (status) => `instance.${status.replace('_', '-')}`,
  ),
  '`lead.${change.kind}`': leadChangeSchema.shape.kind.options.map((kind) => `lead.${kind}`),
  // ItemOutcome's states; `pending` is logged as `writeback.retrying`.
  '`writeback.${outcome.state}`': ['sent', 'conflict', 'failed', 'skipped'].map(
    (state) => `writeback.${state}`,
  ),
  // The meeting platform's answer: sent, refused, or retried later.
  '`outbound.${kind}`': ['sent', 'failed', 'retrying'].map((state) => `outbound.${state}`),
  // #adminAction's callers name their kinds; they are read as calls below.
  kind: [],
  'logKind(outcome.outcome)': literalsReturnedBy('core/bookings/post-outcomes.ts', 'logKind'),
};

function literalsReturnedBy(file: string, name: string): string[] {
  const source = readFileSync(path.join(SOURCES, file), 'utf8');
  const body = new RegExp(`function ${name}\\([^)]*\\)[^{]*\\{([^}]*)\\}`).exec(source)?.[1] ?? '';
  return [...body.matchAll(/return '([^']+)'/g)].map((match) => match[1]!);
}

function kindsWrittenBy(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const calls = source.matchAll(/\blog\.(?:append|insert)\(|\.#adminAction\(/g);
  return [...calls].flatMap((call) => {
    const argument = firstArgument(source, call.index + call[0].length);
    const computed = COMPUTED[argument];
    if (computed) return computed;
    const literals = [...argument.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
    const rest = argument
      .replace(/'[^']*'/g, '')
      .replace(/[^?:]*\?|:/g, '')
      .trim();
    if (literals.length === 0 || rest !== '') {
      throw new Error(`${path.relative(SOURCES, file)} logs a kind read nowhere: ${argument}`);
    }
    return literals;
  });
}

describe('log kind words', () => {
  const written = [...new Set(sourceFiles(SOURCES).flatMap(kindsWrittenBy))].sort();

  it('finds the kinds the host writes (the scan reads the calls)', () => {
    expect(written).toEqual(
      expect.arrayContaining([
        'sync.completed',
        'sync.bulk-job-restarted',
        'channel.disabled',
        'writeback.discarded',
        'instance.no-show',
        'booking.not_created',
        'deeplink.received',
      ]),
    );
  });

  it('gives every kind the host writes a label and a heading', () => {
    expect(written.filter((kind) => logKindWords[kind] === undefined)).toEqual([]);
  });

  it('labels no kind the host never writes', () => {
    expect(Object.keys(logKindWords).filter((kind) => !written.includes(kind))).toEqual([]);
  });

  it('lets the log filter ask for every kind the host writes', () => {
    expect(written.filter((kind) => !logKindSchema.safeParse(kind).success)).toEqual([]);
  });

  it('reads a kind it does not know as words', () => {
    expect(logKindLabel('sync.streaming-paused')).toBe('Sync: streaming paused');
    expect(logKindLabel('gadget')).toBe('Gadget');
    expect(logKindGroup('meeting-type.merged')).toBe('channels');
    expect(logKindGroup('gadget.spun')).toBe('connection');
  });
});
