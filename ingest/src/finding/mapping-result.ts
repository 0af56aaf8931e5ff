/** What a pure mapping returns: a document, or the reason the record cannot be one. */
export type MappingResult<T> = { readonly ok: true; readonly document: T } | { readonly ok: false; readonly reason: string };
