import { Button } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { useState } from 'react';
import { EmailReceiptModal } from './email-receipt-modal';

/** Opens "Email receipt" for a sale; works offline (the email leaves with the next sync). */
export function EmailReceiptButton({ saleId, size = 'lg' }: { saleId: string; size?: 'md' | 'lg' }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" size={size} leftSection={<IconMail />} onClick={() => setOpen(true)} data-testid="email-receipt">
        Email receipt
      </Button>
      {open && <EmailReceiptModal saleId={saleId} onClose={() => setOpen(false)} />}
    </>
  );
}
