import type { NotifyChannel } from '@makeries/shared';
import type { Channel, DeliveryOutcome, OutgoingNotification } from './channel';

/**
 * A channel standing in for a device or provider at the boundary (tests only): records what it was asked to send
 * and answers with `answer` (default: sent). Throwing from `answer` is a transient failure.
 */
export function recordingChannel(name: NotifyChannel, answer: (n: OutgoingNotification) => DeliveryOutcome = () => ({ status: 'sent' })): Channel & { sent: OutgoingNotification[] } {
  const sent: OutgoingNotification[] = [];
  return {
    name,
    sent,
    deliver(n) {
      const outcome = answer(n);
      if (outcome.status === 'sent') sent.push(n);
      return Promise.resolve(outcome);
    },
  };
}
