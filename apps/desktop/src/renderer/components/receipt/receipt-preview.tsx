import { Box, Loader, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { layoutDocument } from '../../../core/printing/layout/index';
import { PREVIEW_CSS, previewFragment } from '../../../core/printing/preview/index';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';

/**
 * The receipt as it comes off an 80 mm printer, on screen: the counter builds the same document it prints
 * (address, lookup QR, discounts) and the same layout step draws it to scale.
 */
export function ReceiptPreview({ saleId }: { saleId: string }) {
  const trpc = useTRPC();
  const receipt = useQuery(trpc.printers.receiptDocument.queryOptions({ saleId }));
  const html = useMemo(() => {
    if (!receipt.data) return null;
    try {
      return previewFragment(layoutDocument(receipt.data, { paperWidth: 80 }));
    } catch (e) {
      return `<p>${errorMessage(e).replace(/</g, '&lt;')}</p>`;
    }
  }, [receipt.data]);

  if (receipt.isError) return <Text c="red.8">{errorMessage(receipt.error)}</Text>;
  if (!html) return <Loader />;
  return (
    <Box
      data-testid="receipt-preview"
      style={{ display: 'inline-block', boxShadow: '0 2px 10px rgba(16,24,40,.18)', borderRadius: 2 }}
    >
      <style>{PREVIEW_CSS}</style>
      {/* the preview module escapes every text it draws */}
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </Box>
  );
}
