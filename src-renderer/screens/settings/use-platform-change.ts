import type { PlatformPart } from '../../stores/platform-store';
import { usePlatformStore } from '../../stores/stores-context';

/**
 * One part of the platform settings' view of the change on its way: whether it is this part's,
 * whether another part's holds the buttons back, and this part's last refusal.
 */
export function usePlatformChange(part: PlatformPart) {
  const saving = usePlatformStore((state) => state.saving === part);
  const busy = usePlatformStore((state) => state.saving !== null);
  const saveError = usePlatformStore((state) =>
    state.saveError?.part === part ? state.saveError.error : null,
  );
  return { saving, busy, saveError };
}
