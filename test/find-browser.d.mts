export declare const CHROMIUM_ARGS: string[];
/** `headlessShell`: prefer Debian's chromium-headless-shell when installed (the benchmark). */
export declare function findChromium(options?: { headlessShell?: boolean }): string;
