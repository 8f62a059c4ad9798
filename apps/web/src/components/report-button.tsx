import { Button } from '@mantine/core';
import type { ReportKind } from '@makeries/shared';
import { IconFlag } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useTRPC } from '../app/api';
import { useInBrowser } from '../app/use-in-browser';
import { signInHref } from '../lib/reviews';

// the form is fetched on the first tap: product and shop pages carry only this button
const ReportDialog = lazy(() => import('./report-dialog').then((m) => ({ default: m.ReportDialog })));

const NOUN: Record<ReportKind, string> = { product: 'product', shop: 'shop', review: 'review', message: 'message' };

/**
 * "Report" for a product, shop or review. The page HTML is the same for everyone (shared page cache), so who is
 * signed in is asked in the browser after hydration, as the favourite heart does; until then the button waits.
 * Signed out, it is a link to sign in that comes back here.
 */
export function ReportButton({ kind, targetId, name }: { kind: ReportKind; targetId: string; name: string }) {
  const trpc = useTRPC();
  const location = useLocation();
  const inBrowser = useInBrowser();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), enabled: inBrowser }).data;
  const [open, setOpen] = useState(false);
  const [reported, setReported] = useState(false);
  const label = `Report this ${NOUN[kind]}`;
  const common = { variant: 'subtle', color: 'gray', size: 'compact-sm', leftSection: <IconFlag size={14} aria-hidden /> } as const;

  if (!inBrowser || me === undefined) {
    return (
      <Button {...common} disabled aria-label={`${label}: ${name}`}>
        Report
      </Button>
    );
  }
  if (me.kind !== 'customer') {
    return (
      <Button {...common} component={Link} to={signInHref(location.pathname + location.search)} aria-label={`Sign in to report this ${NOUN[kind]}: ${name}`}>
        Report
      </Button>
    );
  }
  return (
    <>
      <Button {...common} disabled={reported} onClick={() => setOpen(true)} aria-label={reported ? `You reported this ${NOUN[kind]}` : `${label}: ${name}`}>
        {reported ? 'Reported' : 'Report'}
      </Button>
      {open && (
        <Suspense fallback={null}>
          <ReportDialog
            kind={kind}
            targetId={targetId}
            name={name}
            onClose={() => setOpen(false)}
            onReported={() => setReported(true)}
          />
        </Suspense>
      )}
    </>
  );
}
