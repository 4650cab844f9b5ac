/**
 * requestUrl: the URL a Node request is read as (the proxy's origin check compares a
 * browser's Origin with it). The Host header and the request target come from the client,
 * so a junk Host never lends the URL a path, user or other host, whichever path is taken.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { requestUrl } from '../../src/server/node-adapter.js';

const read = (host: string | undefined, url: string) => requestUrl({ url, headers: host === undefined ? {} : { host } } as IncomingMessage).href;

describe('requestUrl', () => {
  it('reads a plain host and an origin-form target as they are (host lower-cased)', () => {
    assert.equal(read('example.com:8080', '/api/x?from=2027-01-01'), 'http://example.com:8080/api/x?from=2027-01-01');
    assert.equal(read('EXAMPLE.com', '/a'), 'http://example.com/a');
    assert.equal(read('[::1]:8787', '/a'), 'http://[::1]:8787/a');
    assert.equal(read('127.0.0.1:80', '/a'), 'http://127.0.0.1/a', 'the default port dropped');
  });

  it('keeps a target starting with // as a path, not a host', () => {
    assert.equal(read('example.com', '//evil.com/x'), 'http://example.com//evil.com/x');
  });

  it('takes only the host of a Host header that carries more', () => {
    assert.equal(read('evil.com@example.com', '/a'), 'http://example.com/a', 'user info dropped');
    assert.equal(read('example.com/extra', '/a'), 'http://example.com/a', 'a path in Host dropped');
    assert.equal(read('bad host', '/a'), 'http://localhost/a', 'an unreadable Host');
    assert.equal(read(undefined, '/a'), 'http://localhost/a', 'no Host');
  });

  it('keeps only the path and query of an absolute-form target', () => {
    assert.equal(read('example.com', 'http://other.org/p?q=1'), 'http://example.com/p?q=1');
    assert.equal(read('example.com', 'not a url'), 'http://example.com/');
  });
});
