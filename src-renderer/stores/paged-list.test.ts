import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createFakeApiClient, deferred } from '../test-support/fake-api-client';
import { createPagedList, type PagedListState } from './paged-list';

interface Row {
  id: number;
}

interface RowsState extends PagedListState {
  kind: string;
  rows: Row[];
}

type Page = { rows: Row[]; total: number };

/** A list whose pages the test answers one by one, in the order they were asked for. */
function listAnsweredByHand(pageSize: number) {
  const asked: { kind: string; offset: number; answer: ReturnType<typeof deferred<Page>> }[] = [];
  const fake = createFakeApiClient();
  let list!: ReturnType<typeof createPagedList<RowsState, 'rows'>>;
  const store = createStore<RowsState>()((set, get) => {
    list = createPagedList<RowsState, 'rows'>({
      api: fake.client,
      set,
      get,
      rowsKey: 'rows',
      pageSize,
      fetchPage(offset) {
        const answer = deferred<Page>();
        asked.push({ kind: get().kind, offset, answer });
        return answer.promise;
      },
    });
    return {
      kind: 'a',
      rows: [],
      total: 0,
      loaded: false,
      loading: false,
      loadingMore: false,
      error: null,
      loadMore: () => list.loadMore(),
    };
  });
  return { store, list, asked };
}

const rows = (...ids: number[]) => ids.map((id) => ({ id }));

describe('paged list', () => {
  it('drops a further page asked for before the filter changed', async () => {
    const { store, list, asked } = listAnsweredByHand(2);
    const first = list.refresh();
    asked[0]!.answer.resolve({ rows: rows(1, 2), total: 4 });
    await first;

    const further = store.getState().loadMore();
    const refiltered = list.refilter({ kind: 'b' });
    expect(asked.map(({ kind, offset }) => [kind, offset])).toEqual([
      ['a', 0],
      ['a', 2],
      ['b', 0],
    ]);
    asked[2]!.answer.resolve({ rows: rows(9), total: 1 });
    await refiltered;
    asked[1]!.answer.resolve({ rows: rows(3, 4), total: 4 });
    await further;

    expect(store.getState()).toMatchObject({ rows: rows(9), total: 1, loadingMore: false });
  });
});
