'use client';
/**
 * The two comparisons of saving: a conflict (the platform has a newer version
 * than the one this text was based on) and a review of the unsaved changes.
 * Neither choice loses text: "Keep mine" saves mine over theirs; "Take theirs"
 * loads theirs and keeps mine as a draft the author can restore.
 */
import { useState } from 'react';
import { ChangesDialog } from './changes-dialog';
import type { Conflict } from './use-save';

export function ConflictDialog({ conflict, busy, onKeepMine, onTakeTheirs, onClose }: { conflict: Conflict; busy: boolean; onKeepMine(): void; onTakeTheirs(): void; onClose(): void }) {
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(conflict.mine);
      setCopied('Copied');
    } catch (error) {
      setCopied(`Could not copy: ${(error as Error).message}`);
    }
  };
  return (
    <ChangesDialog
      title="This page changed since you opened it"
      testId="save-conflict"
      original={{ label: `Theirs (on the platform${conflict.version !== undefined ? `, version ${conflict.version}` : ''})`, text: conflict.theirs }}
      modified={{ label: 'Mine (not saved; kept as a draft in this browser)', text: conflict.mine }}
      onClose={onClose}
      actions={
        <>
          <button className="st-button st-primary" onClick={onKeepMine} disabled={busy} title="Save mine over theirs">
            Keep mine
          </button>
          <button className="st-button" onClick={onTakeTheirs} disabled={busy} title="Load theirs; mine stays as a draft you can restore">
            Take theirs
          </button>
          <button className="st-button" onClick={() => void copy()}>
            Copy mine
          </button>
          <span role="status">{copied}</span>
        </>
      }
    >
      Someone saved this page after you opened it. <b>Keep mine</b> saves your text over theirs; <b>Take theirs</b> loads theirs and keeps yours as a
      draft you can restore. Close to keep editing; nothing is saved.
    </ChangesDialog>
  );
}

export function ReviewChangesDialog({ saved, current, version, busy, onSave, onClose }: { saved: string; current: string; version?: number | string; busy: boolean; onSave(): void; onClose(): void }) {
  return (
    <ChangesDialog
      title="Review changes"
      testId="review-changes"
      original={{ label: `Saved${version !== undefined ? ` (version ${version})` : ''}`, text: saved }}
      modified={{ label: 'Current (not saved)', text: current }}
      onClose={onClose}
      actions={
        <>
          <button className="st-button st-primary" onClick={onSave} disabled={busy || saved === current}>
            Save
          </button>
          <span>{saved === current ? 'No changes to save' : ''}</span>
        </>
      }
    />
  );
}
