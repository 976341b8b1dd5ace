"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import { readBackup, shouldOfferRestore, type LocalBackup, clearBackup } from "./local-backup";
import type { ServerDraft } from "./server-draft";
import { useAutosaveState, useWizard } from "./wizard-context";

// The dialogs (and Radix Dialog with them) are loaded only when there is something to decide:
// most visits never need them, and the page stays within its JavaScript budget.
const ConflictDialog = dynamic(() => import("./conflict-dialog").then((m) => m.ConflictDialog), { ssr: false });
const RestoreDialog = dynamic(() => import("./restore-dialog").then((m) => m.RestoreDialog), { ssr: false });

/**
 * The save conflict (409) and the local-backup offer. When the wizard opens and this browser holds
 * a newer copy than the server (the tab was closed before a save, the network was down), the user
 * is offered 恢复本地暂存 or 丢弃.
 */
export function WizardDialogs({ server }: { server: ServerDraft }) {
  const { report } = useWizard();
  const state = useAutosaveState();
  const [backup, setBackup] = useState<LocalBackup | null>(null);
  // Only what was left from an earlier visit counts: later backups are this session's own typing.
  const checked = useRef(false);

  useEffect(() => {
    if (checked.current) return;
    checked.current = true;
    const found = readBackup(window.localStorage, report.id);
    if (shouldOfferRestore(found, server)) {
      // localStorage exists only in the browser, so the offer can only appear after hydration.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setBackup(found);
    } else if (found) {
      clearBackup(window.localStorage, report.id);
    }
  }, [report.id, server]);

  return (
    <>
      {(state.conflict || state.mergedConflicts.length > 0) && <ConflictDialog />}
      {backup && <RestoreDialog server={server} backup={backup} onDone={() => setBackup(null)} />}
    </>
  );
}
