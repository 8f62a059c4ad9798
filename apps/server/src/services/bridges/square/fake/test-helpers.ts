import { SquareClient, SquareError } from 'square';
import { startSquareFake, type SquareFake, type SquareFakeOptions } from './index';

/** Square's spec, webhook examples and signature vectors, kept in the repo (`../reference/README.md`). */
export const SQUARE_REFERENCE = new URL('../reference/', import.meta.url);

export const MERCHANT = 'MLFAKE000001';
export const LOCATION = 'LFAKELOC0001';
export const OTHER_LOCATION = 'LFAKELOC0002';

/** A clock tests move by hand (token expiry, occurred_at ordering). */
export { manualClock } from '../../fake-kit/local-http';

export async function startWithMerchant(opts: SquareFakeOptions = {}): Promise<SquareFake> {
  return startSquareFake({
    merchants: [
      {
        merchantId: MERCHANT,
        locations: [
          { id: LOCATION, name: 'Main street', currency: 'USD' },
          { id: OTHER_LOCATION, name: 'Market stall', currency: 'USD' },
        ],
      },
    ],
    ...opts,
  });
}

/** The real SDK against the fake, one retry (as the bridge engine configures it). */
export function sdk(fake: SquareFake, token: string, maxRetries = 1): SquareClient {
  return new SquareClient({ token, baseUrl: fake.baseUrl, maxRetries, timeoutInSeconds: 10 });
}

/** No bearer token: what an app uses for ObtainToken and RevokeToken (which authenticate with the client secret). */
export function appClient(fake: SquareFake): SquareClient {
  return new SquareClient({ baseUrl: fake.baseUrl, auth: false, maxRetries: 1, timeoutInSeconds: 10 });
}

export function clientFor(fake: SquareFake, merchantId = MERCHANT): SquareClient {
  return sdk(fake, fake.issueToken(merchantId).accessToken);
}

/** Runs `fn` and returns the SquareError it throws (fails the test when it does not throw). */
export async function squareError(fn: () => Promise<unknown>): Promise<{ statusCode: number | undefined; code: string | undefined; category: string | undefined }> {
  try {
    await fn();
  } catch (err) {
    if (!(err instanceof SquareError)) throw err;
    return { statusCode: err.statusCode, code: err.errors[0]?.code, category: err.errors[0]?.category };
  }
  throw new Error('expected a Square error');
}
