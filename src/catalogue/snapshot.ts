/**
 * `staymod-booking rooms-snapshot`: writes the static room catalogue a direct-mode widget
 * reads with `rooms-src`, so the key in the web page needs no `rooms:read` (whose answer
 * carries iCal feed tokens that reveal guests). Run it where the secret key lives: the
 * host's machine or their site build.
 */
import { writeFileSync } from 'node:fs';
import { createStaymodClient, DEFAULT_API_BASE } from '../client/client.js';
import { StaymodError } from '../contract/errors.js';
import type { WireRoom } from '../contract/schemas.js';
import { safeImageUrl } from '../domain/rooms.js';

export const USAGE = `Usage: staymod-booking rooms-snapshot --property <id> --out <file|->

Writes a room catalogue (JSON) with only what guests may see: names, types, capacity,
beds, descriptions, amenities, tags and http(s) photos. No feed tokens, no organisation
or property internals, no prices (the widget reads prices from availability).
Serve the file with your site and point the widget at it: rooms-src="/rooms.json".

  --property <id>     the Staymod property id (or STAYMOD_PROPERTY_ID)
  --out <file|->      where to write; - for standard output
Environment:
  STAYMOD_API_KEY     (required) a key with rooms:read; it stays on this machine
  STAYMOD_UPSTREAM    Staymod's origin (default ${DEFAULT_API_BASE})
`;

type Env = Record<string, string | undefined>;
export interface SnapshotIo {
  log(message: string): void;
  error(message: string): void;
  write?(path: string, text: string): void;
}

/** One room as a guest may see it, in the wire shape the widget's schemas read. */
export function guestView(room: WireRoom) {
  const images = room.roomImages
    .map((img) => ({ url: safeImageUrl(img.url), sortOrder: img.sortOrder, tags: img.tags.map((t) => ({ name: t.name })) }))
    .filter((img): img is { url: string; sortOrder: number; tags: Array<{ name: string }> } => Boolean(img.url));
  return {
    _id: room._id,
    name: room.name,
    slug: room.slug,
    type: room.type,
    ...(room.tagline ? { tagline: room.tagline } : {}),
    ...(room.description ? { description: room.description } : {}),
    maxGuests: room.maxGuests,
    bedCount: room.bedCount,
    ...(room.bedSize ? { bedSize: room.bedSize } : {}),
    unitCount: room.unitCount,
    amenities: room.amenities,
    imageUrls: room.imageUrls.map((url) => safeImageUrl(url)).filter((url): url is string => Boolean(url)),
    roomImages: images,
    tags: room.tags.map((t) => ({ name: t.name })),
    isActive: room.isActive,
    sortOrder: room.sortOrder,
  };
}

/** The catalogue file's content for a property's rooms (inactive ones left out). */
export function buildCatalogue(propertyId: string, rooms: readonly WireRoom[], generatedAt = new Date()) {
  return { propertyId, generatedAt: generatedAt.toISOString(), rooms: rooms.filter((r) => r.isActive).map(guestView) };
}

/** Reads the rooms with a secret key (server-side: no Origin) and returns the catalogue. */
export async function snapshotRooms(options: { upstream?: string; apiKey: string; propertyId: string }) {
  const client = createStaymodClient({ baseUrl: options.upstream || DEFAULT_API_BASE, propertyId: options.propertyId, apiKey: options.apiKey });
  return buildCatalogue(options.propertyId, (await client.rooms()).rooms);
}

function parseArgs(argv: readonly string[]): { property?: string; out?: string; help: boolean } | string {
  const out: { property?: string; out?: string; help: boolean } = { help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const [flag, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    if (flag === '--help' || flag === '-h') out.help = true;
    else if (flag === '--property' || flag === '--out') {
      const value = inline ?? argv[++i];
      if (value === undefined || (value.startsWith('--') && value !== '-')) return `${flag} needs a value.`;
      out[flag === '--property' ? 'property' : 'out'] = value;
    } else return `Unknown argument "${arg}".`;
  }
  return out;
}

/** Returns the exit code. */
export async function main(argv: readonly string[], env: Env = process.env, io: SnapshotIo = console): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.error(`staymod-booking rooms-snapshot: ${args}\n\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    io.log(USAGE);
    return 0;
  }
  const apiKey = env['STAYMOD_API_KEY']?.trim();
  const propertyId = args.property ?? env['STAYMOD_PROPERTY_ID']?.trim();
  const problems = [
    !apiKey && 'STAYMOD_API_KEY is not set',
    !propertyId && '--property is missing',
    propertyId && !/^[a-f\d]{24}$/i.test(propertyId) && `--property "${propertyId}" is not a Staymod property id (24 hexadecimal characters)`,
    !args.out && '--out is missing (a file path, or - for standard output)',
  ].filter(Boolean);
  if (problems.length) {
    io.error(`staymod-booking rooms-snapshot: ${problems.join('; ')}.\n\n${USAGE}`);
    return 1;
  }
  let catalogue: Awaited<ReturnType<typeof snapshotRooms>>;
  try {
    catalogue = await snapshotRooms({ upstream: env['STAYMOD_UPSTREAM'], apiKey: apiKey!, propertyId: propertyId! });
  } catch (error) {
    const text = error instanceof StaymodError && error.serverMessage && error.serverMessage !== error.message ? `${error.message} (Staymod: ${error.serverMessage})` : error instanceof Error ? error.message : String(error);
    io.error(`staymod-booking rooms-snapshot: could not read the rooms: ${text}`);
    return 1;
  }
  const count = catalogue.rooms.length;
  if (!count) {
    // Staymod answers an unknown or foreign property with an empty list, not an error.
    io.error(`staymod-booking rooms-snapshot: Staymod listed no active rooms for property ${propertyId}. Check the property id, and that the key belongs to the organisation that owns it.`);
    return 1;
  }
  const text = `${JSON.stringify(catalogue, null, 2)}\n`;
  if (args.out === '-') io.log(text);
  else {
    (io.write ?? ((path, data) => writeFileSync(path, data)))(args.out!, text);
    io.log(`Wrote ${count} room(s) to ${args.out}: no feed tokens, no organisation ids, http(s) photos only. Re-run it when you change rooms in Staymod.`);
  }
  return 0;
}
