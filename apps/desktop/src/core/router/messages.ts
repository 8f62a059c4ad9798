import { z } from 'zod';
import { webOrderIdInput } from './inputs';
import { reportCustomerMessage, reportMessageInput } from './messages-online';
import { managerProcedure, queuedProcedure, router, staffProcedure } from './trpc';

/** Order messages with customers (issue 18): the thread in the web-order detail, unread badge, replies, quick replies. */
export const messagesRouter = router({
  thread: staffProcedure.input(webOrderIdInput).query(({ ctx, input }) => ctx.core.messages.thread(input.orderId)),
  unread: staffProcedure.query(({ ctx }) => ctx.core.messages.unread()),
  markSeen: staffProcedure.input(webOrderIdInput).mutation(({ ctx, input }) => ctx.core.messages.markSeen(input.orderId)),
  /** works offline: stored here and queued for the server (delivered once, by the message's id) */
  reply: queuedProcedure.input(z.object({ orderId: z.string(), text: z.string() })).mutation(({ ctx, input }) => ctx.core.messages.reply(input)),
  quickReplies: staffProcedure.query(({ ctx }) => ctx.core.messages.quickReplies()),
  /** reports a customer's message to the marketplace's operator (online only) */
  report: staffProcedure.input(reportMessageInput).mutation(({ ctx, input }) => reportCustomerMessage(ctx.core, input)),
  /** the shop's list of quick replies: owners and managers edit it */
  saveQuickReplies: managerProcedure.input(z.object({ replies: z.array(z.string()) })).mutation(({ ctx, input }) => ctx.core.messages.saveQuickReplies(input.replies)),
});
