import { Box, Stack, Text } from '@mantine/core';
import { currentLocale, parseReceiptDocument, receiptTextLines } from '@makeries/shared';
import { useMemo } from 'react';
import { layoutDocument } from '../../../core/printing/layout/index';
import { PREVIEW_CSS, previewFragment } from '../../../core/printing/preview/index';
import { errorMessage } from '../../api/errors';
import { useCurrency } from '../../hooks/use-currency';
import type { StoreSettings } from './store-types';

interface Props {
  settings: StoreSettings;
  draft: Pick<StoreSettings, 'receiptHeader' | 'receiptFooter' | 'taxNumber'>;
}

/** A sample receipt with the settings being edited, drawn by the same layout the printer uses. */
export function StoreReceiptSample({ settings, draft }: Props) {
  const currency = useCurrency();
  const html = useMemo(() => {
    try {
      const footer = receiptTextLines(draft.receiptFooter).slice(0, 10);
      const doc = parseReceiptDocument({
        kind: 'receipt',
        type: 'sale',
        store: {
          name: settings.name,
          addressLines: [settings.addressLine1, `${settings.city} ${settings.postcode}`.trim()].filter(Boolean),
          phone: settings.phone || null,
          taxNumber: draft.taxNumber.trim() || null,
          logo: settings.logo?.dots ?? null,
        },
        currency,
        locale: currentLocale(),
        number: 'A1-000123',
        issuedAt: new Date().toISOString(),
        registerCode: 'A1',
        staffName: 'Sample',
        taxMode: 'inclusive',
        lines: [{ name: 'Sample item', soldBy: 'each', quantity: 1, unitPriceCents: 450, grossCents: 450, totalCents: 450, taxRateBps: 0 }],
        subtotalCents: 450,
        discountCents: 0,
        taxCents: 0,
        totalCents: 450,
        roundingCents: 0,
        changeCents: 0,
        header: receiptTextLines(draft.receiptHeader).slice(0, 10).map((l) => l.slice(0, 200)),
        footer: footer.length > 0 ? footer.map((l) => l.slice(0, 200)) : ['Thank you!'],
      });
      return previewFragment(layoutDocument(doc, { paperWidth: 80 }));
    } catch (e) {
      return `<p style="padding:12px">${errorMessage(e).replace(/</g, '&lt;')}</p>`;
    }
  }, [settings, draft, currency]);
  return (
    <Stack gap={6} align="center" style={{ position: 'sticky', top: 0, alignSelf: 'start' }}>
      <Text size="sm" c="ink.7" fw={600}>
        Sample receipt
      </Text>
      <Box data-testid="receipt-sample" style={{ display: 'inline-block', boxShadow: '0 2px 10px rgba(16,24,40,.18)', borderRadius: 2, zoom: 0.85 }}>
        <style>{PREVIEW_CSS}</style>
        {/* the preview module escapes every text it draws */}
        <div dangerouslySetInnerHTML={{ __html: html }} />
      </Box>
    </Stack>
  );
}
