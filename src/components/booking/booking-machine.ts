/**
 * The guest's path as one explicit state machine. Loading and load errors are
 * derived from the queries; this covers what the guest does: choose, fill in,
 * send, and what came back.
 */
import type { StaymodError } from '../../contract/errors.js';
import type { WireBooking } from '../../contract/schemas.js';
import type { SentBooking } from './draft.js';

export type FlowState =
  | { step: 'choose' }
  | { step: 'details'; failure?: StaymodError }
  | { step: 'sending' }
  | { step: 'confirmed'; booking: WireBooking }
  /** Staymod has (or may have) the booking but it could not be confirmed: an end, never re-sent from here. */
  | { step: 'unconfirmed'; sent: SentBooking };

export type FlowEvent =
  | { type: 'continue' }
  | { type: 'back' }
  | { type: 'send' }
  | { type: 'vetoed' }
  | { type: 'sent'; booking: WireBooking }
  /** `sent`: what was sent, kept when the outcome is unconfirmed. */
  | { type: 'failed'; error: StaymodError; sent?: SentBooking }
  | { type: 'restart' };

export const initialFlow: FlowState = { step: 'choose' };

/** Returns the next state; an event that does not apply leaves the state as it is. */
export function transition(state: FlowState, event: FlowEvent): FlowState {
  switch (state.step) {
    case 'choose':
      return event.type === 'continue' ? { step: 'details' } : state;
    case 'details':
      if (event.type === 'back') return { step: 'choose' };
      if (event.type === 'send') return { step: 'sending' };
      // Refused before anything left (fewer rooms free than chosen, offline, a bad field): said on the form.
      if (event.type === 'failed') return { step: 'details', failure: event.error };
      return state;
    case 'sending':
      if (event.type === 'sent') return { step: 'confirmed', booking: event.booking };
      if (event.type === 'failed') {
        if (event.error.code === 'unconfirmed' && event.sent) return { step: 'unconfirmed', sent: event.sent };
        return { step: 'details', failure: event.error };
      }
      if (event.type === 'vetoed') return { step: 'details' };
      return state;
    case 'confirmed':
    case 'unconfirmed':
      return event.type === 'restart' ? initialFlow : state;
  }
}
