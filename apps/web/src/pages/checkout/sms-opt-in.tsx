import { Checkbox } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/api';

/**
 * "Text me about this order", under the phone field: shown only where the marketplace sends texts. Ticked, the
 * phone number must be a mobile (the server reads it and says so on the phone field if it is not).
 */
export function SmsOptIn({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const trpc = useTRPC();
  const available = useQuery({ ...trpc.notifications.smsAvailable.queryOptions(), staleTime: 5 * 60_000, retry: 1 }).data?.available ?? false;
  if (!available) return null;
  return (
    <Checkbox
      mt="sm"
      label="Text me about this order"
      description="We text the mobile number above when it is ready or on its way. Reply STOP to any text to stop them."
      checked={checked}
      onChange={(e) => onChange(e.currentTarget.checked)}
    />
  );
}
