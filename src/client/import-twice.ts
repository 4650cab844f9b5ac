/**
 * Loads one of the script build's lazy files, trying a failed load once more at once. A
 * browser remembers a module that failed to load, so the second try asks for it by
 * another URL (the file's own, with a query string; its imports stay plain).
 * `lazyFile` below is the door each lazy file is asked through.
 */
export async function importTwice<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const url = /https?:\/\/\S+?\.js\b/.exec(String(error))?.[0];
    if (!url) return load();
    return import(/* @vite-ignore */ `${url}?retry=${Date.now()}`) as Promise<T>;
  }
}

/** One of the script build's lazy files, as its door hands it out. */
export interface LazyFile<T> {
  /** The file, once loaded. */
  now(): T | undefined;
  /** Whether it has been asked for (loading or loaded). */
  asked(): boolean;
  /** Loads it once (`importTwice`); a load that failed is forgotten, so the next ask (a retry) loads again. */
  load(): Promise<T>;
}

/** A lazy file's door; `ready` runs on the file before anyone is handed it. */
export function lazyFile<T>(load: () => Promise<T>, ready?: (file: T) => void): LazyFile<T> {
  let loaded: T | undefined;
  let pending: Promise<T> | undefined;
  return {
    now: () => loaded,
    asked: () => pending !== undefined,
    load: () =>
      (pending ??= importTwice(load).then(
        (file) => {
          ready?.(file);
          return (loaded = file);
        },
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      )),
  };
}
