import { Checkbox, Table, Text } from '@mantine/core';
import { CHANNEL_LABELS, CHANNEL_TOPICS, NOTIFY_CHANNELS, TOPIC_LABELS, type NotifyChannel, type NotifyPref, type NotifyTopic } from '@makeries/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { failureOf, useTRPC } from '../../app/api';

/** The topics in the groups a customer thinks in. */
const GROUPS: readonly { title: string; topics: readonly NotifyTopic[] }[] = [
  { title: 'Order updates', topics: ['order_accepted', 'order_ready', 'order_out_for_delivery', 'order_cancelled'] },
  { title: 'Shops', topics: ['order_message', 'back_in_stock'] },
];

/**
 * What we tell the customer and how: topics (rows, grouped) × channels (push, text, email), one checkbox each,
 * saved as it is ticked. A channel that does not carry a topic shows a dash (order updates go by email anyway).
 */
export function NotificationPrefs() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const prefs = useQuery(trpc.notifications.prefs.queryOptions());
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(
    trpc.notifications.setPref.mutationOptions({
      onSuccess: (next) => queryClient.setQueryData(trpc.notifications.prefs.queryKey(), next),
      onError: (e) => setError(failureOf(e).message),
    }),
  );
  const enabled = (topic: NotifyTopic, channel: NotifyChannel): boolean | undefined => prefs.data?.find((p: NotifyPref) => p.topic === topic && p.channel === channel)?.enabled;

  return (
    <div>
      <Table.ScrollContainer minWidth={340}>
        <Table verticalSpacing={6} horizontalSpacing={6} aria-label="What we tell you, and how">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">
                <span className="mk-visually-hidden">Kind of message</span>
              </Table.Th>
              {NOTIFY_CHANNELS.map((c) => (
                <Table.Th key={c} scope="col" ta="center" fz="xs" w={64}>
                  {CHANNEL_LABELS[c]}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          {GROUPS.map((g) => (
            <Table.Tbody key={g.title}>
              <Table.Tr>
                <Table.Th scope="rowgroup" colSpan={NOTIFY_CHANNELS.length + 1} pt="sm" fz="sm" c="dimmed" fw={600}>
                  {g.title}
                </Table.Th>
              </Table.Tr>
              {g.topics.map((topic) => (
                <Table.Tr key={topic}>
                  <Table.Th scope="row" fw={400} fz="sm">
                    {TOPIC_LABELS[topic]}
                  </Table.Th>
                  {NOTIFY_CHANNELS.map((channel) => {
                    const carried = CHANNEL_TOPICS[channel].includes(topic);
                    const value = enabled(topic, channel);
                    return (
                      <Table.Td key={channel} ta="center">
                        {carried ? (
                          <Checkbox
                            styles={{ body: { justifyContent: 'center' } }}
                            size="md"
                            aria-label={`${TOPIC_LABELS[topic]} by ${CHANNEL_LABELS[channel].toLowerCase()}`}
                            checked={value ?? false}
                            disabled={value === undefined}
                            onChange={(e) => {
                              setError(null);
                              save.mutate({ topic, channel, enabled: e.currentTarget.checked });
                            }}
                          />
                        ) : (
                          <Text span c="dimmed" aria-label={channel === 'email' ? 'Always by order email' : 'Not sent this way'} title={channel === 'email' ? 'Always by order email' : 'Not sent this way'}>
                            —
                          </Text>
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          ))}
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" mt={4}>
        — Order updates always come by email with your order; push needs a device turned on above, texts a phone number.
      </Text>
      {error && (
        <Text size="sm" c="red" role="alert" mt={4}>
          {error}
        </Text>
      )}
    </div>
  );
}
