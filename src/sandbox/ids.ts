import { randomBytes } from 'node:crypto';

/** A MongoDB ObjectId as Staymod prints it: 24 hex digits. */
export const OBJECT_ID = /^[a-f\d]{24}$/i;

let counter = randomBytes(3).readUIntBE(0, 3);

/** A fresh ObjectId-like id: 4 bytes of seconds, 5 random bytes, a 3-byte counter (like MongoDB's). */
export function newObjectId(now: number = Date.now()): string {
  counter = (counter + 1) % 0x1000000;
  const seconds = Math.floor(now / 1000).toString(16).padStart(8, '0').slice(-8);
  return seconds + randomBytes(5).toString('hex') + counter.toString(16).padStart(6, '0');
}
