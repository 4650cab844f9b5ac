import { equal, ok } from '../../test-utils/assert.js';
import { DRAFT_TTL_MS, emptyDraft, loadDraft, saveDraft } from './draft.js';

const PROPERTY = 'draft-test-property';
const key = `staymod-booking:v1:${PROPERTY}`;

describe('draft', () => {
  afterEach(() => sessionStorage.removeItem(key));

  it("keeps the guest's work for a reload", () => {
    saveDraft(PROPERTY, { ...emptyDraft(), guest: { guestName: 'Asha', guestEmail: 'a@example.com', guestPhone: '', specialRequests: '' } });
    equal(loadDraft(PROPERTY)?.guest.guestName, 'Asha');
  });

  it('forgets, and deletes, what the guest typed once it is older than the bound', () => {
    saveDraft(PROPERTY, { ...emptyDraft(), guest: { guestName: 'Asha', guestEmail: 'a@example.com', guestPhone: '+91 98', specialRequests: 'Late' } });
    const stored = JSON.parse(sessionStorage.getItem(key)!) as { savedAt: number };
    stored.savedAt -= DRAFT_TTL_MS + 1000;
    sessionStorage.setItem(key, JSON.stringify(stored));
    equal(loadDraft(PROPERTY), undefined);
    equal(sessionStorage.getItem(key), null, 'the expired draft is removed from storage');
  });

  it('ignores drafts with no save time, or one far in the future (tampered)', () => {
    sessionStorage.setItem(key, JSON.stringify({ ...emptyDraft(), guest: { guestName: 'Old' } }));
    equal(loadDraft(PROPERTY), undefined);
    sessionStorage.setItem(key, JSON.stringify({ ...emptyDraft(), savedAt: Date.now() + 86_400_000 }));
    equal(loadDraft(PROPERTY), undefined);
  });

  it('reads junk as no draft', () => {
    sessionStorage.setItem(key, '{oops');
    equal(loadDraft(PROPERTY), undefined);
    sessionStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), guest: 5, selection: { a: -1, b: 2 } }));
    const draft = loadDraft(PROPERTY);
    ok(draft && draft.guest.guestName === '' && draft.selection['b'] === 2 && !('a' in draft.selection));
  });
});
