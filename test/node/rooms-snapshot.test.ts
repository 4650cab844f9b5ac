// `staymod-booking rooms-snapshot`: the catalogue a direct-mode widget reads instead of
// a rooms:read key. It must carry nothing that reveals guests or the organisation.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/catalogue/snapshot.js';
import { DEMO } from '../../src/sandbox/demo-data.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { roomCatalogueSchema } from '../../src/contract/schemas.js';
import * as z from 'zod/mini';

function capture() {
  const out = { log: [] as string[], error: [] as string[], files: new Map<string, string>() };
  return {
    out,
    io: {
      log: (m: string) => out.log.push(m),
      error: (m: string) => out.error.push(m),
      write: (path: string, text: string) => out.files.set(path, text),
    },
  };
}

describe('rooms-snapshot against the sandbox', () => {
  let sandbox: RunningSandbox;
  before(async () => (sandbox = await startSandbox({ port: 0 })));
  after(() => sandbox.close());

  it('writes every active room with no feed token, organisation id or property internals', async () => {
    const { out, io } = capture();
    const code = await main(['--property', DEMO.propertyId, '--out', 'rooms.json'], { STAYMOD_API_KEY: DEMO.keys.full, STAYMOD_UPSTREAM: sandbox.url }, io);
    assert.equal(code, 0, out.error.join('\n'));
    const text = out.files.get('rooms.json')!;
    assert.ok(text, 'the file was written');
    for (const secret of ['ical', 'orgId', 'org_', 'roomNumbers', 'priceWeekday', 'createdAt']) {
      assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), `the catalogue must not contain ${secret}`);
    }
    const parsed = z.parse(roomCatalogueSchema, JSON.parse(text));
    assert.equal(parsed.propertyId, DEMO.propertyId);
    assert.equal(parsed.feedTokens, false);
    assert.ok(parsed.rooms.length >= 5, `the demo's active rooms, got ${parsed.rooms.length}`);
    assert.ok(parsed.rooms.every((r) => r.isActive && r.name && r.maxGuests >= 1));
    assert.match(out.log.join('\n'), /Wrote \d+ room\(s\) to rooms\.json/);
  });

  it('refuses an unknown property instead of writing an empty catalogue (Staymod answers it 200 with no rooms)', async () => {
    const { out, io } = capture();
    const code = await main(['--property', 'aaaaaaaaaaaaaaaaaaaaaaaa', '--out', 'rooms.json'], { STAYMOD_API_KEY: DEMO.keys.full, STAYMOD_UPSTREAM: sandbox.url }, io);
    assert.equal(code, 1);
    assert.equal(out.files.size, 0);
    assert.match(out.error.join('\n'), /listed no active rooms for property aaaaaaaaaaaaaaaaaaaaaaaa\. Check the property id, and that the key belongs to the organisation/);
  });

  it('says what is missing: key, property, output', async () => {
    const { out, io } = capture();
    assert.equal(await main(['--property', 'nope'], {}, io), 1);
    const text = out.error.join('\n');
    assert.match(text, /STAYMOD_API_KEY is not set/);
    assert.match(text, /"nope" is not a Staymod property id/);
    assert.match(text, /--out is missing/);
  });

  it('names a refused key without printing it', async () => {
    const { out, io } = capture();
    const code = await main(['--property', DEMO.propertyId, '--out', '-'], { STAYMOD_API_KEY: DEMO.keys.expired, STAYMOD_UPSTREAM: sandbox.url }, io);
    assert.equal(code, 1);
    assert.match(out.error.join('\n'), /expired/i);
    assert.ok(!out.error.join('\n').includes(DEMO.keys.expired));
  });
});

describe('rooms-snapshot with hostile room data', () => {
  let server: Server;
  let url = '';
  before(async () => {
    server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          rooms: [
            {
              _id: 'a'.repeat(24),
              orgId: 'org_secret',
              name: '<img src=x onerror=alert(1)>',
              type: 'double',
              maxGuests: 2,
              icalToken: 'tok_secret',
              icalTokensByRoomNumber: { 101: 'tok_secret_101' },
              imageUrls: ['javascript:alert(1)', 'https://cdn.example/ok.jpg', 'data:image/png;base64,AAAA', '/relative.jpg'],
              roomImages: [{ url: 'javascript:alert(2)', sortOrder: 0, tags: [] }, { url: 'http://cdn.example/b.jpg', sortOrder: 1, tags: [{ name: 'View' }] }],
              isActive: true,
            },
            { _id: 'b'.repeat(24), name: 'Closed', type: 'single', isActive: false },
          ],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('keeps only http(s) photos and active rooms; names stay text (the widget renders them as text)', async () => {
    const { out, io } = capture();
    assert.equal(await main(['--property', 'c'.repeat(24), '--out', 'x.json'], { STAYMOD_API_KEY: 'sk_live_' + '1'.repeat(48), STAYMOD_UPSTREAM: url }, io), 0);
    const file = JSON.parse(out.files.get('x.json')!);
    assert.equal(file.rooms.length, 1);
    assert.deepEqual(file.rooms[0].imageUrls, ['https://cdn.example/ok.jpg']);
    assert.deepEqual(file.rooms[0].roomImages.map((i: { url: string }) => i.url), ['http://cdn.example/b.jpg']);
    const text = JSON.stringify(file);
    assert.ok(!text.includes('secret') && !text.includes('javascript:') && !text.includes('data:'));
  });
});
