// The methods of frames an engine sends unasked, without zod: a client tells them apart before it loads any schema.

/** The wire method of a frame carrying a thread event. */
export const threadEventMethod = 'thread/event';

/** The wire method of a frame carrying an EngineChange (next to `thread/event` frames, on the same connection). */
export const engineChangeMethod = 'engine/change';
