import { Alert, Anchor, Button, Card, CloseButton, FileButton, Group, Image, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IMAGE_MAX_BYTES, ORDER_MESSAGE_MAX, uuidv7, type OrderMessagePage, type OrderMessageView, type ReportReason } from '@makeries/shared';
import { IconPaperclip, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { failureOf, useTRPC, useTRPCClient } from '../../app/api';
import { messagesInput } from '../../app/inputs';
import { ReportDialog } from '../../components/report-dialog';
import { dateTimeLabel } from '../../lib/format';
import { mergeMessages } from './live-messages';

interface Photo {
  name: string;
  contentType: 'image/png' | 'image/jpeg' | 'image/webp';
  dataBase64: string;
}

const TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

function readPhoto(file: File): Promise<Photo> {
  return new Promise((resolve, reject) => {
    const type = TYPES.find((t) => t === file.type);
    if (!type) {
      reject(new Error('Please attach a PNG, JPEG or WebP photo.'));
      return;
    }
    if (file.size > IMAGE_MAX_BYTES) {
      reject(new Error(`A photo can be at most ${IMAGE_MAX_BYTES / 1024 / 1024} MB.`));
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      if (typeof reader.result === 'string') resolve({ name: file.name, contentType: type, dataBase64: reader.result });
      else reject(new Error('Could not read that photo.'));
    };
    reader.onerror = () => reject(new Error('Could not read that photo.'));
    reader.readAsDataURL(file);
  });
}

/**
 * The order's thread with the shop on the tracking page (issue 18): the customer, or a guest with the tracking
 * link, writes and sees the shop's answers live (the live channel merges them in, live-messages.ts). Text is
 * rendered as text by React, never as HTML.
 */
export function OrderMessages({ orderId, token, shopName }: { orderId: string; token: string | null; shopName: string }) {
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const qc = useQueryClient();
  const input = messagesInput(orderId, token);
  const key = trpc.messages.list.queryKey(input);
  const base = trpc.messages.list.queryOptions(input);
  // a fetch answered after the live channel delivered a newer message must not drop it: merge, never replace
  const thread = useQuery({
    ...base,
    queryFn: async (ctx) => {
      const fetched = await trpcClient.messages.list.query(input, { signal: ctx.signal });
      return mergeMessages(qc.getQueryData<OrderMessagePage>(key), fetched.messages);
    },
  });
  const send = useMutation(trpc.messages.send.mutationOptions());
  const report = useMutation(trpc.messages.report.mutationOptions());
  const [text, setText] = useState('');
  const [photo, setPhoto] = useState<Photo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reporting, setReporting] = useState<OrderMessageView | null>(null);
  const messages = thread.data?.messages ?? [];

  async function submit() {
    if (!text.trim() && !photo) return;
    setError(null);
    try {
      const sent = await send.mutateAsync({
        id: uuidv7(),
        orderId,
        text,
        ...(token ? { trackingToken: token } : {}),
        ...(photo ? { photo: { contentType: photo.contentType, dataBase64: photo.dataBase64 } } : {}),
      });
      qc.setQueryData<OrderMessagePage>(key, (page) => mergeMessages(page, [sent]));
      setText('');
      setPhoto(null);
    } catch (e) {
      setError(failureOf(e).message || 'Could not send your message. Check your connection and try again.');
    }
  }

  async function pick(file: File | null) {
    if (!file) return;
    setError(null);
    try {
      setPhoto(await readPhoto(file));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <Card padding="lg" data-testid="order-messages">
      <Stack gap="sm">
        <Title order={2} fz={20}>
          Messages with {shopName}
        </Title>
        {thread.isError && <Text c="red.8">{failureOf(thread.error).message}</Text>}
        {thread.data && messages.length === 0 && (
          <Text size="sm" c="dimmed">
            Questions about your order? Write to the shop here; their answer appears on this page.
          </Text>
        )}
        <Stack gap={8} aria-live="polite">
          {messages.map((m) => (
            <Group key={m.id} justify={m.author === 'customer' ? 'flex-end' : 'flex-start'} wrap="nowrap">
              <Paper p="sm" radius="md" maw="85%" bg={m.author === 'customer' ? 'brand.0' : 'gray.0'} withBorder data-testid={`message-${m.author}`}>
                <Text size="xs" c="dimmed">
                  {m.author === 'customer' ? 'You' : shopName} · {dateTimeLabel(m.createdAt)}
                </Text>
                {m.text && (
                  <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {m.text}
                  </Text>
                )}
                {m.photoUrl && (
                  <Anchor href={m.photoUrl} target="_blank" rel="noopener">
                    <Image src={m.photoThumbUrl ?? m.photoUrl} alt="Photo sent with the message" w={120} h={120} radius="sm" fit="cover" mt={4} />
                  </Anchor>
                )}
                {m.author === 'shop' && (
                  <Anchor component="button" type="button" size="xs" c="dimmed" onClick={() => setReporting(m)}>
                    Report
                  </Anchor>
                )}
              </Paper>
            </Group>
          ))}
        </Stack>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack gap="xs">
            <Textarea
              aria-label={`Message to ${shopName}`}
              placeholder={`Write to ${shopName}…`}
              autosize
              minRows={2}
              maxRows={6}
              maxLength={ORDER_MESSAGE_MAX}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            {photo && (
              <Group gap={4} wrap="nowrap">
                <Text size="sm" truncate>
                  Photo: {photo.name}
                </Text>
                <CloseButton size="sm" aria-label="Remove the photo" onClick={() => setPhoto(null)} />
              </Group>
            )}
            <Group justify="space-between" wrap="nowrap">
              <FileButton onChange={(f) => void pick(f)} accept={TYPES.join(',')}>
                {(props) => (
                  <Button {...props} variant="default" leftSection={<IconPaperclip size={16} aria-hidden />}>
                    Photo
                  </Button>
                )}
              </FileButton>
              <Button type="submit" leftSection={<IconSend size={16} aria-hidden />} loading={send.isPending} disabled={!text.trim() && !photo}>
                Send
              </Button>
            </Group>
          </Stack>
        </form>
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
      </Stack>
      {reporting && (
        <ReportDialog
          kind="message"
          targetId={reporting.id}
          name={reporting.text || 'Photo message'}
          onClose={() => setReporting(null)}
          onReported={() => undefined}
          submit={(reason: ReportReason, details: string) => report.mutateAsync({ orderId, messageId: reporting.id, reason, details, ...(token ? { trackingToken: token } : {}) })}
        />
      )}
    </Card>
  );
}
