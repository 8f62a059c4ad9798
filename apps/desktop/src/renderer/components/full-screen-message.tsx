import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';

interface Props {
  title: string;
  text?: string;
  loading?: boolean;
  onRetry?: () => void;
}

/** Start-up and "not answering" screens: one message in the middle, nothing else to press by mistake. */
export function FullScreenMessage({ title, text, loading, onRetry }: Props) {
  return (
    <Center h="100vh" p="xl">
      <Stack align="center" gap="md" maw={520} ta="center">
        {loading ? <Loader size="lg" /> : <IconPlugConnectedX size={56} stroke={1.5} color="var(--mantine-color-red-7)" />}
        <Title order={2}>{title}</Title>
        {text && (
          <Text size="lg" c="ink.8">
            {text}
          </Text>
        )}
        {onRetry && <Button onClick={onRetry}>Try again</Button>}
      </Stack>
    </Center>
  );
}
