import type { StateCreator } from 'zustand';
import type { RootState } from './store.js';

/** The type of a slice creator: it sees the whole store, and provides its own part `T`. */
export type Slice<T> = StateCreator<RootState, [], [], T>;
