import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ReviewableOrder, ReviewView } from '@makeries/shared';
import { IconCircleCheck } from '@tabler/icons-react';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTRPC } from '../../app/api';
import { ReviewForm } from '../../components/review-form';
import { ReviewStars } from '../../components/review-stars';
import { AccountSignedOut } from './account-signed-out';

/** Review the shop and each product of one collected or delivered order ("Verified purchase"). */
export function ReviewOrderPage() {
  const trpc = useTRPC();
  const me = useSuspenseQuery(trpc.auth.me.queryOptions()).data;
  if (me.kind !== 'customer') return <AccountSignedOut title="Write a review" why="Sign in with the account you ordered with to review your order." />;
  return <SignedInReview />;
}

function SignedInReview() {
  const trpc = useTRPC();
  const { orderId = '' } = useParams();
  const order = useSuspenseQuery(trpc.reviews.forOrder.queryOptions({ orderId: orderId })).data;
  return (
    <Stack gap="lg" maw={720} mx="auto">
      <Anchor component={Link} to="/account" size="sm">
        ← Your orders
      </Anchor>
      <div>
        <Title order={1} fz={{ base: 26, sm: 32 }}>
          Review your order
        </Title>
        <Text c="dimmed">
          Order {order.orderNumber} from{' '}
          <Anchor component={Link} to={`/v/${order.vendorSlug}`}>
            {order.vendorName}
          </Anchor>
        </Text>
      </div>
      {!order.reviewable ? (
        <Alert color="blue" variant="light" title="Not yet">
          You can review this order once it has been collected or delivered.{' '}
          <Anchor component={Link} to={`/orders/${order.orderId}`}>
            Follow the order
          </Anchor>
        </Alert>
      ) : (
        order.targets.map((t) => <TargetCard key={t.productId ?? 'shop'} order={order} target={t} />)
      )}
    </Stack>
  );
}

function TargetCard({ order, target }: { order: ReviewableOrder; target: ReviewableOrder['targets'][number] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(target.review === null);
  const [justSaved, setJustSaved] = useState(false);
  const isShop = target.productId === null;
  const heading = isShop ? `The shop: ${target.name}` : target.name;

  async function saved(review: ReviewView) {
    queryClient.setQueryData(trpc.reviews.forOrder.queryKey({ orderId: order.orderId }), (cur) =>
      cur ? { ...cur, targets: cur.targets.map((x) => (x.productId === target.productId ? { ...x, review } : x)) } : cur,
    );
    setEditing(false);
    setJustSaved(true);
    // the shop and product pages show fresh figures next time
    await queryClient.invalidateQueries(trpc.reviews.summary.pathFilter());
    await queryClient.invalidateQueries(trpc.reviews.list.pathFilter());
    await queryClient.invalidateQueries(trpc.reviews.reviewedOrders.queryFilter());
  }

  return (
    <Card padding="lg" component="section" aria-label={heading}>
      <Title order={2} size="h4" mb="sm">
        {heading}
      </Title>
      {editing ? (
        <ReviewForm
          orderId={order.orderId}
          productId={target.productId}
          existing={target.review}
          subject={target.name}
          onSaved={(r) => void saved(r)}
          {...(target.review ? { onCancel: () => setEditing(false) } : {})}
        />
      ) : target.review ? (
        <Stack gap="xs">
          {justSaved && (
            <Group gap={6} c="brand.8" role="status">
              <IconCircleCheck size={18} aria-hidden />
              <Text size="sm" fw={600}>
                Thanks — your review is posted.
              </Text>
            </Group>
          )}
          <ReviewStars value={target.review.rating} />
          {target.review.body && <Text style={{ whiteSpace: 'pre-line' }}>{target.review.body}</Text>}
          <Button variant="default" onClick={() => setEditing(true)} style={{ alignSelf: 'flex-start' }}>
            Edit your review
          </Button>
        </Stack>
      ) : null}
    </Card>
  );
}
