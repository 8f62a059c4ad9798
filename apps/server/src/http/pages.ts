import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client';
import type { Env } from '../env';

/** Until the storefront lands: a plain page listing the marketplace's vendors. */
export async function registerPages(app: FastifyInstance, _opts: { database: Database; env: Env }): Promise<void> {
  app.get('/', async (_req, reply) => reply.type('text/html').send('<!doctype html><title>Makeries</title><h1>Makeries</h1>'));
}
