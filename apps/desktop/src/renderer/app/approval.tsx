import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { needsApproval } from '../api/errors';
import type { Approval } from '../api/types';
import { ManagerPinModal } from '../components/manager-pin-modal';

/*
 * Manager override. An action is tried as the signed-in staff member first; if the counter answers "a manager's
 * PIN is needed" (FORBIDDEN + details.needsApproval), a manager types their PIN (it says who they are), and the
 * same action is sent again with it. A wrong PIN keeps the dialog open with the counter's message.
 */

export type WithApproval = <T>(action: string, run: (approval?: Approval) => Promise<T>) => Promise<T | null>;

interface Pending {
  action: string;
  attempt: (approval: Approval) => Promise<void>;
  cancel: () => void;
}

const ApprovalContext = createContext<WithApproval | null>(null);

export function ApprovalProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<Pending | null>(null);

  const withApproval = useCallback<WithApproval>(async (action, run) => {
    try {
      return await run(undefined);
    } catch (e) {
      if (!needsApproval(e)) throw e;
    }
    return new Promise((resolve) => {
      setPending({
        action,
        attempt: async (approval) => {
          const result = await run(approval);
          setPending(null);
          resolve(result);
        },
        cancel: () => {
          setPending(null);
          resolve(null);
        },
      });
    });
  }, []);

  const value = useMemo(() => withApproval, [withApproval]);
  return (
    <ApprovalContext.Provider value={value}>
      {children}
      {pending && <ManagerPinModal action={pending.action} onApprove={pending.attempt} onCancel={pending.cancel} />}
    </ApprovalContext.Provider>
  );
}

export function useApproval(): WithApproval {
  const ctx = useContext(ApprovalContext);
  if (!ctx) throw new Error('useApproval() outside ApprovalProvider');
  return ctx;
}
