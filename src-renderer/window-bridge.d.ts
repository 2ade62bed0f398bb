import type { LeadbridgeBridge } from '../src-preload/contract';

declare global {
  interface Window {
    /** Present in the Electron window (exposed by the preload); absent in a browser. */
    leadbridge?: LeadbridgeBridge;
  }
}
