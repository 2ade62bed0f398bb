import { describe, expect, it } from 'vitest';
import { dispatchBlock } from './server-sent-events';

function dispatched(block: string) {
  const seen: { event: string; data: unknown }[] = [];
  dispatchBlock(block, (event, data) => seen.push({ event, data }));
  return seen;
}

describe('dispatchBlock', () => {
  it('passes the named event with its JSON data', () => {
    expect(dispatched('event: log:appended\ndata: {"id":7,"kind":"sync.paused"}')).toEqual([
      { event: 'log:appended', data: { id: 7, kind: 'sync.paused' } },
    ]);
  });

  it('joins multi-line data with newlines before parsing', () => {
    expect(dispatched('event: sync:status\ndata: {"state":\ndata: "idle"}')).toEqual([
      { event: 'sync:status', data: { state: 'idle' } },
    ]);
  });

  it('calls an unnamed event "message" and accepts data without a space after the colon', () => {
    expect(dispatched('data:[1,2]')).toEqual([{ event: 'message', data: [1, 2] }]);
  });

  it('ignores comments (keep-alives) and blocks without data', () => {
    expect(dispatched(': keep-alive')).toEqual([]);
    expect(dispatched('event: sync:status')).toEqual([]);
    expect(dispatched(': ping\nevent: x\ndata: 1')).toEqual([{ event: 'x', data: 1 }]);
  });

  it('skips a block whose data is not JSON', () => {
    expect(dispatched('event: log:appended\ndata: {not json')).toEqual([]);
  });
});
