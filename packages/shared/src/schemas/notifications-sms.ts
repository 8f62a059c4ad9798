import { z } from 'zod';
import { text } from './text';

/**
 * Text messages (issue 18): a signed-in customer's number and whether they want texts. The number is typed as
 * people write it ("07700 900123"); the server reads it with the marketplace's country and keeps it as E.164.
 */
export const setSmsInput = z.object({
  /** empty: no number (only with `enabled: false`) */
  phone: text({ max: 40, label: 'Phone numbers' }),
  enabled: z.boolean(),
});
export type SetSmsInput = z.infer<typeof setSmsInput>;

export interface SmsSettings {
  /** whether this marketplace sends texts at all (an SMS provider is configured) */
  available: boolean;
  /** E.164, or null when none is saved */
  phone: string | null;
  /** the number as people in the marketplace's country write it */
  display: string | null;
  enabled: boolean;
  /** the number replied STOP (or the provider says it unsubscribed): nothing is sent until it texts START */
  optedOut: boolean;
}
