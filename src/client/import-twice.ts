/**
 * Loads one of the script build's lazy files, trying a failed load once more at once. A
 * browser remembers a module that failed to load, so the second try asks for it by
 * another URL (the file's own, with a query string; its imports stay plain).
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
