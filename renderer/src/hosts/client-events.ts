import type { StoreApi } from 'zustand';
import type { ThreadEvent } from '../../../shared/events.js';
import type { RootState } from '../store/store.js';

/** A subscription to event batches, as EngineClient.subscribe offers. */
export type EventSubscribe = (listener: (events: readonly ThreadEvent[]) => void) => () => void;

/**
 * Subscribes to the events of whichever client the store holds, following it when the window switches hosts (the
 * client of the host left behind is closed), so notifications and counts go on for the host shown.
 */
export function currentClientEvents(store: Pick<StoreApi<RootState>, 'getState' | 'subscribe'>): EventSubscribe {
  return (listener) => {
    let client = store.getState().client;
    let stop = client?.subscribe(listener) ?? (() => undefined);
    const stopFollowing = store.subscribe((state) => {
      if (state.client === client) return;
      stop();
      client = state.client;
      stop = client?.subscribe(listener) ?? (() => undefined);
    });
    return () => {
      stop();
      stopFollowing();
    };
  };
}
