import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiError } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import type { Inputs } from '../../api/types';

export type StorePatch = Inputs['store']['update'];

/** Only the fields that changed, so two managers editing different parts do not undo each other. */
export function changedFields<T extends Record<string, unknown>>(draft: T, saved: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(draft) as (keyof T)[]) if (JSON.stringify(draft[k]) !== JSON.stringify(saved[k])) out[k] = draft[k];
  return out;
}

/** Saves a patch; field errors come back by name for the form, anything else as one message. */
export function useStoreSave() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const save = useMutation(trpc.store.update.mutationOptions({
    onSuccess: (s) => {
      qc.setQueryData(trpc.store.settings.queryKey(), s);
      setErrors({});
      setMessage(null);
      notifications.show({ color: 'brand', title: 'Saved', message: 'The storefront shows it after the next sync.' });
    },
    onError: (e) => {
      const info = apiError(e);
      const byField: Record<string, string> = {};
      for (const i of info.issues) {
        const key = i.path.split('.')[0] ?? '';
        if (key && !byField[key]) byField[key] = i.message;
      }
      setErrors(byField);
      setMessage(Object.keys(byField).length > 0 ? null : info.message);
    },
  }));
  return {
    errors,
    message,
    saving: save.isPending,
    submit: (patch: StorePatch) => {
      setMessage(null);
      save.mutate(patch);
    },
  };
}
