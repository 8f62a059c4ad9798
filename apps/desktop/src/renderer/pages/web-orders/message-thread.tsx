import { Alert, Badge, Box, Button, Group, Image, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { ORDER_MESSAGE_MAX } from '@makeries/shared';
import { IconPencil, IconSend } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import { counterMediaUrl } from '../../format/media-url';
import { dayAndTime } from '../../format/time';
import { QuickRepliesModal } from './quick-replies-modal';
import { ReportMessageModal } from './report-message-modal';

/**
 * The order's messages with the customer: read on sight (clears the unread badge), answer in a few words or with
 * one tap on a quick reply. Works offline: a reply is kept here and sent when the counter is back online.
 * Text is shown as text (React escapes it), never as HTML.
 */
export function MessageThread({ orderId }: { orderId: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  // while a reply waits to be sent, look again every few seconds: the badge goes once the server has it
  const thread = useQuery({ ...trpc.messages.thread.queryOptions({ orderId }), refetchInterval: (q) => (q.state.data?.some((m) => m.pendingSync) ? 2_000 : false) });
  const quick = useQuery(trpc.messages.quickReplies.queryOptions());
  const [reporting, setReporting] = useState<{ id: string; text: string } | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const messages = thread.data ?? [];
  const newestCustomer = messages.filter((m) => m.author === 'customer').at(-1)?.id;

  // opening the order (and each new customer message while it is open) reads the thread
  useEffect(() => {
    if (!newestCustomer) return;
    void client.messages.markSeen.mutate({ orderId }).then(() => qc.invalidateQueries(trpc.messages.unread.queryFilter()));
  }, [client, qc, trpc, orderId, newestCustomer]);

  const send = async (body: string) => {
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await client.messages.reply.mutate({ orderId, text: body });
      setText('');
      await qc.invalidateQueries(trpc.messages.pathFilter());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="message-thread">
      <Title order={3}>Messages with the customer</Title>
      {messages.length === 0 && <Text c="ink.7">No messages yet. Write to the customer if something changes.</Text>}
      <Stack gap={6}>
        {messages.map((m) => (
          <Group key={m.id} justify={m.author === 'shop' ? 'flex-end' : 'flex-start'}>
            <Paper
              data-testid={`message-${m.author}`}
              p="sm"
              radius="md"
              maw="75%"
              bg={m.author === 'shop' ? 'brand.0' : 'ink.0'}
              withBorder
            >
              <Text size="xs" c="ink.7">
                {m.author === 'shop' ? 'Shop' : 'Customer'} · {dayAndTime(m.createdAt)}
              </Text>
              {m.text && (
                <Text size="lg" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {m.text}
                </Text>
              )}
              {m.photoUrl && (
                <a href={counterMediaUrl(m.photoUrl)} target="_blank" rel="noreferrer">
                  <Image src={counterMediaUrl(m.photoThumbUrl ?? m.photoUrl)} alt="Photo sent with the message" w={140} h={140} radius="sm" fit="cover" mt={4} />
                </a>
              )}
              {m.author === 'customer' && (
                <Button variant="subtle" size="compact-xs" color="ink.6" onClick={() => setReporting({ id: m.id, text: m.text || 'Photo' })}>
                  Report
                </Button>
              )}
              {m.pendingSync && (
                <Badge color="yellow" variant="light" mt={4}>
                  waiting to send
                </Badge>
              )}
            </Paper>
          </Group>
        ))}
      </Stack>
      <Group gap="xs">
        {(quick.data ?? []).map((q) => (
          <Button key={q} variant="default" size="sm" disabled={busy} onClick={() => void send(q)} data-testid="quick-reply">
            {q}
          </Button>
        ))}
        <Button variant="subtle" size="sm" leftSection={<IconPencil size={14} />} onClick={() => setEditing(true)}>
          Edit quick replies
        </Button>
      </Group>
      <Box>
        <Textarea
          aria-label="Reply to the customer"
          placeholder="Write to the customer…"
          autosize
          minRows={2}
          maxLength={ORDER_MESSAGE_MAX}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <Group justify="flex-end" mt="xs">
          <Button leftSection={<IconSend size={18} />} loading={busy} disabled={!text.trim()} onClick={() => void send(text)}>
            Send
          </Button>
        </Group>
      </Box>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {editing && <QuickRepliesModal current={quick.data ?? []} onClose={() => setEditing(false)} />}
      {reporting && <ReportMessageModal orderId={orderId} messageId={reporting.id} excerpt={reporting.text} onClose={() => setReporting(null)} />}
    </Stack>
  );
}
