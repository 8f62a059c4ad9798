import { contentDismissInput, contentHideInput, contentItemInput, contentQueueInput, contentReportsInput, contentRestoreInput } from '@makeries/shared';
import { dismissReports, hideContent, restoreContent } from '../../services/moderation/actions';
import { contentItem, contentQueue, contentReportsOf } from '../../services/moderation/queue';
import { operatorProcedure, router } from '../../trpc';

/** The operator console's content area (issue 17): the queue of customers' reports, and hide / restore / dismiss. */
export const adminContentRouter = router({
  queue: operatorProcedure.input(contentQueueInput).query(({ ctx, input }) => contentQueue(ctx.db, input)),
  item: operatorProcedure.input(contentItemInput).query(({ ctx, input }) => contentItem(ctx.db, input.kind, input.id)),
  reports: operatorProcedure.input(contentReportsInput).query(({ ctx, input }) => contentReportsOf(ctx.db, input)),
  hide: operatorProcedure.input(contentHideInput).mutation(({ ctx, input }) => hideContent(ctx.db, who(ctx), input)),
  restore: operatorProcedure.input(contentRestoreInput).mutation(({ ctx, input }) => restoreContent(ctx.db, who(ctx), input)),
  dismiss: operatorProcedure.input(contentDismissInput).mutation(({ ctx, input }) => dismissReports(ctx.db, who(ctx), input)),
});

function who(ctx: { operatorId: string; ip: string; requestId: string }) {
  return { operatorId: ctx.operatorId, ip: ctx.ip, requestId: ctx.requestId };
}
