import { z } from 'zod';

/**
 * POS bridge configuration (spread into env.ts). Square is offered only when the app id and secret are set; the
 * webhook signature key and the exact public URL registered in Square's Developer Console verify deliveries.
 */
export const bridgeEnv = {
  SQUARE_APPLICATION_ID: z.string().optional(),
  SQUARE_APPLICATION_SECRET: z.string().optional(),
  SQUARE_ENVIRONMENT: z.enum(['sandbox', 'production']).default('sandbox'),
  /** an API origin other than Square's (a local fake in tests and benchmarks) */
  SQUARE_API_BASE: z.url().optional(),
  SQUARE_WEBHOOK_SIGNATURE_KEY: z.string().optional(),
  /** the notification URL exactly as registered with Square (signatures cover it); default PUBLIC_URL + /hooks/pos/square */
  SQUARE_WEBHOOK_URL: z.url().optional(),
  /** Shopify app credentials (Partner Dashboard → the app → Client credentials); Shopify is offered only when both are set */
  SHOPIFY_CLIENT_ID: z.string().optional(),
  SHOPIFY_CLIENT_SECRET: z.string().optional(),
  /** the secret before a rotation: Shopify may sign webhooks with it for up to an hour afterwards */
  SHOPIFY_CLIENT_SECRET_PREVIOUS: z.string().optional(),
  /** an origin standing in for every `https://{shop}` (a local fake in tests and benchmarks): `{base}/shops/{shop}/…` */
  SHOPIFY_API_BASE: z.url().optional(),
  /** 32 bytes, base64: seals POS tokens at rest; unset → derived from APP_SECRET */
  POS_TOKEN_KEY: z.string().optional(),
  /** how long one POS API call may take */
  POS_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
};
