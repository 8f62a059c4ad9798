import { Alert, Button, Group, Rating, Stack, Text, Textarea } from '@mantine/core';
import { REVIEW_BODY_MAX, reviewBodySchema, ratingSchema, type ReviewView } from '@makeries/shared';
import { IconStar } from '@tabler/icons-react';
import { useId, useState, type SubmitEvent } from 'react';
import { failureOf, useTRPCClient } from '../app/api';
import { STAR_COLOR } from './review-stars';

const WORDS = ['', 'Poor', 'Not great', 'OK', 'Good', 'Excellent'];

/**
 * Write or edit one review. The stars are radio buttons (Mantine Rating): Tab reaches them, arrow keys change
 * the rating, and each star is read as "3 stars".
 */
export function ReviewForm({
  orderId,
  productId,
  existing,
  subject,
  onSaved,
  onCancel,
}: {
  orderId: string;
  productId: string | null;
  existing: ReviewView | null;
  subject: string;
  onSaved: (review: ReviewView) => void;
  /** shown when editing: back to the saved review */
  onCancel?: () => void;
}) {
  const client = useTRPCClient();
  const id = useId();
  const [rating, setRating] = useState(existing?.rating ?? 0);
  const [body, setBody] = useState(existing?.body ?? '');
  const [errors, setErrors] = useState<{ rating?: string; body?: string }>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setMessage(null);
    const r = ratingSchema.safeParse(rating);
    const b = reviewBodySchema.safeParse(body);
    const next = { ...(r.success ? {} : { rating: 'Choose from 1 to 5 stars' }), ...(b.success ? {} : { body: b.error.issues[0]?.message ?? 'Too long' }) };
    setErrors(next);
    if (!r.success || !b.success) return;
    setBusy(true);
    try {
      const saved = existing
        ? await client.reviews.update.mutate({ reviewId: existing.id, rating: r.data, body: b.data })
        : await client.reviews.create.mutate({ orderId, ...(productId ? { productId } : {}), rating: r.data, body: b.data });
      onSaved(saved);
    } catch (err) {
      setMessage(failureOf(err).message || 'Your review was not saved. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Review of ${subject}`}>
      <Stack gap="sm">
        {message && (
          <Alert color="red" variant="light" role="alert">
            {message}
          </Alert>
        )}
        <fieldset style={{ border: 0, margin: 0, padding: 0 }} aria-describedby={errors.rating ? `${id}-rating-error` : undefined}>
          <legend style={{ fontWeight: 600, fontSize: 14, marginBottom: 6 }}>Your rating</legend>
          <Group gap="sm" align="center">
            <Rating
              value={rating}
              onChange={(v) => {
                setRating(v);
                setErrors((e) => ({ ...e, rating: undefined }));
              }}
              size="xl"
              color={STAR_COLOR}
              name={`${id}-rating`}
              getSymbolLabel={(v) => `${v} star${v === 1 ? '' : 's'} — ${WORDS[v]}`}
              // outlined empty stars in a grey that keeps 3:1 contrast, so the five choices are visible
              emptySymbol={<IconStar size={32} stroke={1.6} color="#737b83" aria-hidden />}
            />
            <Text size="sm" c="dimmed" aria-live="polite">
              {rating > 0 ? WORDS[rating] : 'Tap a star'}
            </Text>
          </Group>
          {errors.rating && (
            <Text id={`${id}-rating-error`} size="sm" c="red.8" mt={4}>
              {errors.rating}
            </Text>
          )}
        </fieldset>
        <Textarea
          label="Your review (optional)"
          description="What did you buy, how was it, how was the pickup? Others will see your first name."
          autosize
          minRows={3}
          maxRows={10}
          maxLength={REVIEW_BODY_MAX}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={errors.body}
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {body.length}/{REVIEW_BODY_MAX}
          </Text>
          <Group gap="xs">
            {onCancel && (
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
            )}
            <Button type="submit" loading={busy}>
              {existing ? 'Update review' : 'Post review'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
