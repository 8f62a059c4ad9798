/** Sends one job's bytes to one printer; resolves when the printer has them, throws PrintFailure otherwise. */
export interface PrintTransport {
  send(bytes: Buffer): Promise<void>;
}
