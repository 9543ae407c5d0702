/**
 * A set of listeners for one kind of message: add returns the unsubscribe function; a throwing listener does not stop
 * the others.
 */
export function listenerSet<T>(): {
  add(listener: (value: T) => void): () => void;
  emit(value: T): void;
  readonly size: number;
} {
  const listeners = new Set<(value: T) => void>();
  return {
    add(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(value) {
      for (const listener of [...listeners]) {
        try {
          listener(value);
        } catch (error) {
          console.error(error);
        }
      }
    },
    get size() {
      return listeners.size;
    },
  };
}
