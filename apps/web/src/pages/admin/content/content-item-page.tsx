import { Alert, Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { REPORT_KIND_LABELS, type ReportKind } from '@makeries/shared';
import { IconArrowLeft, IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTRPC } from '../../../app/api';
import { ContentPreview } from './content-preview';
import { isReportKind } from './inputs';
import { ItemHistory } from './item-history';
import { ItemReports } from './item-reports';
import { ReasonModal, type ReasonRequest } from '../reason-modal';

/** One reported item: what customers see, its reports and history, and hide / restore / dismiss. */
export function ContentItemPage() {
  const params = useParams();
  const kind: ReportKind = isReportKind(params.kind) ? params.kind : 'product';
  const id = params.id ?? '';
  return <ItemView key={`${kind}:${id}`} kind={kind} id={id} />;
}

function ItemView({ kind, id }: { kind: ReportKind; id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const item = useSuspenseQuery(trpc.admin.content.item.queryOptions({ kind, id })).data;
  const hide = useMutation(trpc.admin.content.hide.mutationOptions());
  const restore = useMutation(trpc.admin.content.restore.mutationOptions());
  const dismiss = useMutation(trpc.admin.content.dismiss.mutationOptions());
  const [action, setAction] = useState<ReasonRequest | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const noun = REPORT_KIND_LABELS[kind].toLowerCase();
  const name = item.content.kind === 'review' ? `Review by ${item.content.authorName}` : item.content.name;

  /** runs the call (a refusal's message is shown in the modal), then says what happened */
  const act = (call: (reason: string) => Promise<unknown>, message: string) => async (reason: string) => {
    await call(reason);
    setDone(message);
    await Promise.all([
      queryClient.invalidateQueries(trpc.admin.content.pathFilter()),
      queryClient.invalidateQueries(trpc.admin.audit.pathFilter()),
    ]);
  };

  const hideable = kind === 'product' || kind === 'review';
  const openHide = () =>
    setAction({
      title: `Hide this ${noun}`,
      effect: `Customers will no longer see it${kind === 'product' ? ' or be able to order it online (the shop’s counter keeps it)' : ', and it no longer counts in the rating'}. The shop is told by email, with your reason. Open reports are closed as acted on.`,
      confirm: `Hide ${noun}`,
      color: 'red',
      run: act((reason) => hide.mutateAsync({ kind: kind as 'product' | 'review', id, reason }), `Hidden. The shop has been told by email.`),
    });
  const openRestore = () =>
    setAction({
      title: `Restore this ${noun}`,
      effect: 'It goes back on the storefront at once. The shop is told by email, with your reason.',
      confirm: `Restore ${noun}`,
      color: 'brand',
      run: act((reason) => restore.mutateAsync({ kind: kind as 'product' | 'review', id, reason }), 'Restored. The shop has been told by email.'),
    });
  const openDismiss = () =>
    setAction({
      title: 'Dismiss the open reports',
      effect: `The ${noun} stays as it is; its ${item.openReports} open report${item.openReports === 1 ? '' : 's'} are closed. The shop is not told.`,
      confirm: 'Dismiss reports',
      color: 'gray',
      run: act((reason) => dismiss.mutateAsync({ kind, id, reason }), 'Reports dismissed.'),
    });

  return (
    <Stack gap="lg" maw={960} mx="auto" w="100%">
      <Anchor component={Link} to="/admin/content" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden /> Reported content
        </Group>
      </Anchor>
      <Stack gap={6}>
        <Group gap={8}>
          <Badge variant="light" color="gray">
            {REPORT_KIND_LABELS[kind]}
          </Badge>
          {item.hidden && <Badge color="red">Hidden from the storefront</Badge>}
          <Badge variant="outline" color={item.openReports > 0 ? 'orange' : 'gray'}>
            {item.openReports} open report{item.openReports === 1 ? '' : 's'}
          </Badge>
        </Group>
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
          {name}
        </Title>
        {item.shop && (
          <Text size="sm">
            Shop: <Anchor href={`/v/${item.shop.slug}`}>{item.shop.name}</Anchor>
            {item.storefrontPath && !item.hidden && (
              <>
                {' · '}
                <Anchor href={item.storefrontPath}>View on the storefront</Anchor>
              </>
            )}
          </Text>
        )}
      </Stack>
      {done && (
        <Alert color="brand" variant="light" icon={<IconCircleCheck aria-hidden />} role="status" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      <ContentPreview content={item.content} />
      <Group gap="sm" wrap="wrap">
        {hideable && !item.hidden && (
          <Button color="red" onClick={openHide}>
            Hide {noun}
          </Button>
        )}
        {hideable && item.hidden && <Button onClick={openRestore}>Restore {noun}</Button>}
        {kind === 'shop' && (
          <Button component={Link} to={`/admin/shops/${id}`} variant="light">
            Open the shop in the console
          </Button>
        )}
        {item.openReports > 0 && (
          <Button variant="default" onClick={openDismiss}>
            Dismiss reports
          </Button>
        )}
      </Group>
      {kind === 'shop' && (
        <Text size="sm" c="dimmed">
          A shop is not hidden here: suspend it from its page in the Shops area if it breaks the rules.
        </Text>
      )}
      <div className="mk-two-col">
        <ItemReports kind={kind} id={id} />
        <ItemHistory kind={kind} id={id} />
      </div>
      <ReasonModal request={action} onClose={() => setAction(null)} />
    </Stack>
  );
}
