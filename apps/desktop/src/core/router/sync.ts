import { listLimitInput } from './inputs';
import { publicProcedure, router, staffProcedure } from './trpc';

export const syncRouter = router({
  /** Always visible: online/offline, pending count, last sync, rejections to resolve. */
  status: publicProcedure.query(({ ctx }) => ctx.sync.status()),

  /** Push then pull now; a failure shows in the status it answers with, never as an error. */
  syncNow: staffProcedure.mutation(async ({ ctx }) => {
    await ctx.sync.syncNow();
    return ctx.sync.status();
  }),

  /** Mutations the server refused (business rules), newest first, with its code and message. */
  rejections: staffProcedure.input(listLimitInput).query(({ ctx, input }) =>
    ctx.core.outbox.rejections(input.limit).map((r) => ({
      id: r.id,
      mutationId: r.mutationId,
      name: r.name,
      args: r.args,
      code: r.code,
      message: r.message,
      createdAt: r.createdAt,
      ackedAt: r.ackedAt,
    })),
  ),

  /** The status now and after every change. */
  onStatus: publicProcedure.subscription(async function* ({ ctx, signal }) {
    const updates = ctx.events.stream('sync', signal);
    yield ctx.sync.status();
    for await (const status of updates) yield status;
  }),
});
