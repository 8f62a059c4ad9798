import { AppError, type ErrorCode } from '@makeries/shared';

/** What the server says a Terminal payment is doing (payments.terminal.status). */
export type TerminalStatus = 'waiting' | 'succeeded' | 'failed' | 'canceled';

export interface CardReader {
  id: string;
  label: string;
  /** 'online' | 'offline' as Stripe reports it; null when unknown */
  status: string | null;
}

interface CardServiceStatus {
  cardConfigured: boolean;
  terminalAvailable: boolean;
}

/**
 * The marketplace's Terminal procedures, as the counter needs them. The real one talks to the server over tRPC
 * with the device token (`server-gateway.ts`); every method throws AppError, with `details.cardService`
 * 'unreachable' when no answer came (the outcome of a write is then unknown) or 'refused' when the server said no.
 */
export interface PaymentsGateway {
  status(): Promise<CardServiceStatus>;
  readers(): Promise<CardReader[]>;
  registerReader(input: { registrationCode: string; label: string }): Promise<CardReader>;
  start(input: { saleId: string; amountCents: number; readerId: string }): Promise<{ paymentIntentId: string; status: TerminalStatus; message?: string }>;
  paymentStatus(paymentIntentId: string): Promise<{ status: TerminalStatus; message?: string }>;
  /** the status after cancelling: the card may have gone through first */
  cancel(paymentIntentId: string): Promise<{ status: TerminalStatus; message?: string }>;
  /** `staffIds`: who approved it, besides the person signed in (their staff proofs go with the call) */
  refund(input: { paymentIntentId: string; amountCents: number; refundId: string }, staffIds?: readonly string[]): Promise<void>;
}

export type CardServiceFailure = 'unreachable' | 'refused';

export function cardServiceError(kind: CardServiceFailure, message: string, code: ErrorCode = 'CONFLICT'): AppError {
  return new AppError(code, message, { details: { cardService: kind } });
}

/** No answer from the server (or Stripe behind it): a write may or may not have happened. */
export function isUnreachable(e: unknown): boolean {
  return e instanceof AppError && e.details?.cardService === 'unreachable';
}
