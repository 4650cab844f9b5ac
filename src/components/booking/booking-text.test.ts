import { StaymodError } from '../../contract/errors.js';
import { resolveContext } from '../../i18n/context.js';
import { equal, ok } from '../../test-utils/assert.js';
import { loadFailureText } from './booking-text.js';
import { failureText } from './failure-text.js';

const ctx = resolveContext('en-IN', 'INR', undefined, () => {});
const offline = new StaymodError('network', 'Failed to fetch');
const server = new StaymodError('server', 'HTTP 503', { status: 503 });
const unreadable = new StaymodError('unreadable', 'not JSON', { status: 200 });
const tooMany = new StaymodError('rate-limited', 'Too many requests', { status: 429, retryAfter: 17 });
const setup = new StaymodError('origin-not-allowed', 'Origin not allowed', { status: 403 });

describe('failure sentences name the real cause', () => {
  it('for loads: connection, booking service, too many requests (with the wait) and site set-up differ', () => {
    const sentences = [offline, server, tooMany, setup].map((e) => loadFailureText(ctx, e));
    equal(new Set(sentences).size, 4, sentences.join(' | '));
    equal(sentences[0], 'We could not load availability. Check your connection and try again.');
    equal(sentences[1], 'We could not load availability: the booking service had a problem. Please try again in a moment.');
    equal(sentences[2], 'We could not load availability: too many requests right now. Please wait 17 seconds and try again.');
    equal(sentences[3], 'Online booking is unavailable right now. Please contact the property directly.');
    equal(loadFailureText(ctx, unreadable), sentences[1], 'an unreadable answer is the service, not the connection');
    equal(loadFailureText(ctx, new StaymodError('timeout', 'slow')), sentences[1]);
    equal(loadFailureText(ctx, new TypeError('Failed to fetch')), sentences[0], 'an untyped failure is the connection');
  });

  it('for submits: the same four causes give four different sentences', () => {
    const sentences = [offline, server, tooMany, setup].map((e) => failureText(ctx, e));
    equal(new Set(sentences).size, 4, sentences.join(' | '));
    ok(sentences[0]!.includes('Check your connection'), sentences[0]);
    ok(sentences[1]!.includes('The booking service had a problem'), sentences[1]);
    equal(sentences[2], 'Too many attempts. Please wait 17 seconds and try again.');
    equal(sentences[3], 'Online booking is unavailable right now. Please contact the property directly.');
    equal(failureText(ctx, unreadable), sentences[1]);
  });
});

describe('an invalid booking names each reason once', () => {
  it("Cloudbeds' closed-to-arrival refusal, given for checkIn and for the room, is said once", () => {
    const reason = 'is closed to arrival for Rooftop Suite on 2027-02-21: choose another check-in date.';
    const refused = new StaymodError('invalid-input', `Invalid booking request: checkIn ${reason}`, {
      status: 400,
      fields: { checkIn: reason, 'rooms.0.roomId': reason },
    });
    equal(failureText(ctx, refused), `Your booking could not be sent: ${reason}`);
  });

  it('two different reasons are both said', () => {
    const refused = new StaymodError('invalid-input', 'Invalid booking request', { status: 400, fields: { guestEmail: 'is required.', checkOut: 'must be after checkIn.' } });
    equal(failureText(ctx, refused), 'Your booking could not be sent: is required. must be after checkIn.');
  });
});
