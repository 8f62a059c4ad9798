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
  /** Toast (partner integration): the machine client Toast issues a partner; Toast is offered only when both are set */
  TOAST_CLIENT_ID: z.string().optional(),
  TOAST_CLIENT_SECRET: z.string().optional(),
  /** Toast's API origin: Toast issues its hostnames privately (sandbox, then production) */
  TOAST_API_BASE: z.url().optional(),
  /** the secret of the webhook subscription Toast support set up (signs `Toast-Signature`) */
  TOAST_WEBHOOK_SECRET: z.string().optional(),
  /** the take-out dining option web orders are posted with; unset → the restaurant's first take-out option */
  TOAST_DINING_OPTION_GUID: z.string().optional(),
  /** the "other" payment type that marks a web order paid online; unset → paid web orders are not posted */
  TOAST_OTHER_PAYMENT_GUID: z.string().optional(),
  /** 32 bytes, base64: seals POS tokens at rest; unset → derived from APP_SECRET */
  POS_TOKEN_KEY: z.string().optional(),
  /** how long one POS API call may take */
  POS_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
};
