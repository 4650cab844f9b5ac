// The mocha globals @web/test-runner provides in the browser.
type MochaDone = (error?: unknown) => void;
type MochaFn = (this: { timeout(ms: number): void }, done: MochaDone) => void | Promise<unknown>;
type MochaAsyncFn = (this: { timeout(ms: number): void }) => void | Promise<unknown>;
interface MochaSuiteFn {
  (title: string, fn: (this: { timeout(ms: number): void }) => void): void;
  only(title: string, fn: () => void): void;
  skip(title: string, fn: () => void): void;
}
interface MochaTestFn {
  (title: string, fn: MochaAsyncFn | MochaFn): void;
  only(title: string, fn: MochaAsyncFn | MochaFn): void;
  skip(title: string, fn?: MochaAsyncFn | MochaFn): void;
}
declare const describe: MochaSuiteFn;
declare const it: MochaTestFn;
declare function before(fn: MochaAsyncFn): void;
declare function after(fn: MochaAsyncFn): void;
declare function beforeEach(fn: MochaAsyncFn): void;
declare function afterEach(fn: MochaAsyncFn): void;
