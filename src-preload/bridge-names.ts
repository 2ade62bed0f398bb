/**
 * The bridge's names for contract entries (`app:info` → `appInfo`, event `log:appended` →
 * `onLogAppended`), kept apart from the schemas so the renderer and the preload can name
 * things without bundling zod.
 */
import type { BridgeEventName, BridgeMethodName, EventName, MethodName } from './contract';

function camelJoin(name: string): string {
  return name.replace(/[:-]([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

export function bridgeMethodName<M extends MethodName>(name: M): BridgeMethodName<M> {
  return camelJoin(name) as BridgeMethodName<M>;
}

export function bridgeEventName<E extends EventName>(name: E): BridgeEventName<E> {
  const joined = camelJoin(name);
  return `on${joined.charAt(0).toUpperCase()}${joined.slice(1)}` as BridgeEventName<E>;
}
