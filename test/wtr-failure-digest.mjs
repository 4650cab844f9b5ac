// A last word after the run: every failed test (or file that failed to load) in one short
// list, each with its group, so the reason for a red run sits at the end of a long CI log
// instead of among hundreds of progress lines.
import { relative } from 'node:path';

function failedTests(suite, path, out) {
  for (const test of suite?.tests ?? []) {
    if (!test.passed && !test.skipped) out.push({ name: [...path, test.name].join(' > '), error: test.error });
  }
  for (const child of suite?.suites ?? []) failedTests(child, [...path, child.name], out);
  return out;
}

/** The message, then where it was thrown (a browser's stack may or may not repeat the message). */
function describe(error) {
  const message = String(error?.message ?? 'no message');
  const frames = String(error?.stack ?? '').split('\n').map((line) => line.trim()).filter((line) => line.startsWith('at '));
  return [message, ...frames.slice(0, 3)].map((line) => `      ${line}`);
}

export function failureDigestReporter() {
  return {
    stop({ sessions }) {
      const lines = [];
      for (const session of sessions) {
        const where = `${relative(process.cwd(), session.testFile)} [${session.group.name}]`;
        for (const error of session.errors ?? []) lines.push(`  ✗ ${where}: the file failed`, ...describe(error));
        for (const { name, error } of failedTests(session.testResults, [], [])) {
          lines.push(`  ✗ ${where} ${name}`, ...describe(error));
        }
      }
      if (lines.length) console.log(`\nFailed in the browser:\n${lines.join('\n')}`);
    },
  };
}
