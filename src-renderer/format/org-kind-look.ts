import type { OrgKind } from '../../src-preload/contract';

/** One word and colour per org kind, for the Connection screen's badge. */
export const orgKindLook: Record<OrgKind, { label: string; color: string }> = {
  production: { label: 'Production', color: 'blue' },
  sandbox: { label: 'Sandbox', color: 'orange' },
  'my-domain': { label: 'My Domain', color: 'indigo' },
  demo: { label: 'Demo org', color: 'grape' },
};
