/** Staymod's room types. Apart from schemas.ts so the browser's first load needs no zod for them. */
export const ROOM_TYPES = [
  'single', 'double', 'twin', 'triple', 'quad', 'suite', 'studio', 'dorm_bed', 'family', 'other',
] as const;
export type RoomType = (typeof ROOM_TYPES)[number];
