// One page of a listing and the marker that continues it, shared by the aggregates' contracts.
// A marker is opaque: only the engine that handed it out reads it back.

export interface Page<T> { items: T[]; marker?: string }
