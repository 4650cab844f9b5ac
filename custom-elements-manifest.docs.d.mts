// Types for custom-elements-manifest.docs.mjs (plain Node, run without tsx by `npm run cem`).
export declare const API_DOCS: string;
export declare function renderApiDocs(manifest: unknown): string;
export declare function eventDetail(description?: string): { detail: string; text: string };
