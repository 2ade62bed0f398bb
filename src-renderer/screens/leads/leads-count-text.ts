import { plural } from '../../format/plural';

/** "1,000 leads cached", "12 leads match", with "· 100 shown" while more are left to load. */
export function leadsCountText(total: number, shown: number, query: string): string {
  const head =
    query === ''
      ? `${plural(total, 'lead')} cached`
      : `${plural(total, 'lead')} ${total === 1 ? 'matches' : 'match'}`;
  return shown < total ? `${head} · ${shown.toLocaleString()} shown` : head;
}
