import { PULL_LIMIT_MAX, type SyncMarket } from '@makeries/shared';
import { noteServerTime, type StepResult, type SyncDeps } from './deps';

/** How often a bootstrap may be restarted because the server's epoch moved while it was downloading. */
const BOOTSTRAP_ATTEMPTS = 3;

/**
 * Follows the change feed until caught up, counting the changes applied into `got`. Each page and its cursor
 * are stored in one SQLite transaction (mirror.applyPage), so a crash between pages resumes where it stopped.
 */
export async function pullChanges(d: SyncDeps, got: { changes: number }): Promise<StepResult> {
  for (;;) {
    const st = d.core.mirror.state();
    if (!st.epoch) return 'reset';
    const sentAt = d.core.ctx.now();
    const page = await d.api.sync.pull.query({ epoch: st.epoch, cursor: st.cursor, limit: PULL_LIMIT_MAX });
    noteServerTime(d, page.serverTime, sentAt, d.core.ctx.now());
    // a server that forgot mutations it acknowledged was restored from a backup, even if nobody rotated its epoch
    if (page.resetRequired || page.epoch !== st.epoch || page.lastMutationId < st.serverLastMutationId) return 'reset';
    d.core.mirror.applyPage({ changes: page.changes, nextCursor: page.nextCursor, epoch: page.epoch, lastMutationId: page.lastMutationId, market: page.market });
    got.changes += page.changes.length;
    d.board.refresh();
    if (!page.hasMore) return 'ok';
  }
}

interface Downloaded {
  cursor: string;
  epoch: string;
  lastMutationId: number;
  market: SyncMarket;
}

/** Pages from cursor '0' into staging; null when the epoch changed mid-way and the download must restart. */
async function download(d: SyncDeps): Promise<Downloaded | null> {
  d.core.mirror.beginBootstrap();
  let cursor = '0';
  let epoch: string | null = null;
  let lastMutationId = 0;
  for (;;) {
    const sentAt = d.core.ctx.now();
    const page = await d.api.sync.pull.query({ epoch, cursor, limit: PULL_LIMIT_MAX });
    noteServerTime(d, page.serverTime, sentAt, d.core.ctx.now());
    if (page.resetRequired) return null;
    epoch = page.epoch;
    d.core.mirror.stageBootstrap(page.changes);
    cursor = page.nextCursor;
    lastMutationId = page.lastMutationId;
    if (!page.hasMore) return { cursor, epoch, lastMutationId, market: page.market };
  }
}

/**
 * Downloads the shop's current data into staging and swaps it into the mirror in one transaction: until the
 * swap the register keeps selling from the old mirror. Afterwards the device's server high-water mark is
 * the server's own, so the next push resends every retained outbox row the server does not have.
 */
export async function bootstrap(d: SyncDeps): Promise<void> {
  d.board.set({ bootstrapping: true });
  try {
    for (let attempt = 0; attempt < BOOTSTRAP_ATTEMPTS; attempt++) {
      const got = await download(d);
      if (!got) continue;
      d.core.mirror.commitBootstrap({ cursor: got.cursor, epoch: got.epoch, market: got.market });
      d.core.outbox.recordResults([], got.lastMutationId);
      return;
    }
    throw new Error('The marketplace data changed three times while this counter was downloading it. It will try again.');
  } finally {
    d.board.set({ bootstrapping: false });
  }
}
