import { rejectionListInput, resolveRejectionInput } from './inputs';
import { managerProcedure, publicProcedure, router, staffProcedure } from './trpc';

export const syncRouter = router({
  /**
   * Always visible: the connection (unpaired | connecting | online | offline, with offlineSince), what waits
   * (pending) and the part of it on its way (sending), last sync, rejections to resolve — one snapshot, so the
   * numbers on screen always agree (SyncStatus in core/sync/types.ts).
   */
  status: publicProcedure.query(({ ctx }) => ctx.sync.status()),

  /** Push then pull now; a failure shows in the status it answers with, never as an error. */
  syncNow: staffProcedure.mutation(async ({ ctx }) => {
    await ctx.sync.syncNow();
    return ctx.sync.status();
  }),

  /** Mutations the server refused (business rules), newest first, with its code and message. */
  rejections: staffProcedure.input(rejectionListInput).query(({ ctx, input }) =>
    ctx.core.outbox.rejections(input.limit, input.includeResolved).map((r) => ({
      id: r.id,
      mutationId: r.mutationId,
      name: r.name,
      args: r.args,
      code: r.code,
      message: r.message,
      createdAt: r.createdAt,
      ackedAt: r.ackedAt,
      resolvedAt: r.resolvedAt,
      resolvedBy: r.resolvedBy,
      resolutionNote: r.resolutionNote,
    })),
  ),

  /** A manager marks a rejection as dealt with, saying what was done; the status count drops at once. */
  resolveRejection: managerProcedure.input(resolveRejectionInput).mutation(({ ctx, input }) => {
    const row = ctx.core.outbox.resolve(input.id, ctx.staff.staffId, input.note);
    ctx.sync.notifyLocalWrite();
    return { id: row.id, resolvedAt: row.resolvedAt, resolvedBy: row.resolvedBy, resolutionNote: row.resolutionNote };
  }),

  /** The status now and after every change. */
  onStatus: publicProcedure.subscription(async function* ({ ctx, signal }) {
    const updates = ctx.events.stream('sync', signal);
    yield ctx.sync.status();
    for await (const status of updates) yield status;
  }),
});
