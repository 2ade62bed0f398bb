/** A search box fires on every key; only the last keystroke after a pause should reach the host. */
export const SEARCH_DEBOUNCE_MS = 250;

export interface Debouncer {
  schedule(run: () => void): void;
  cancel(): void;
}

export function createDebouncer(delayMs = SEARCH_DEBOUNCE_MS): Debouncer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return {
    schedule(run) {
      cancel();
      timer = setTimeout(() => {
        timer = undefined;
        run();
      }, delayMs);
    },
    cancel,
  };
}
