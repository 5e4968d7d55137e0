"use client";

// The portal's second step before anything irreversible (rotating an
// identifier, revoking shared data): a warning that says what will happen,
// with the confirming action and a way back.
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "./portal-ui";

export function ConfirmNotice({
  children,
  confirmLabel,
  cancelLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Notice tone="warning">
      {children}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant="danger" size="sm" fullWidth={false} busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" size="sm" fullWidth={false} onClick={onCancel}>
          {cancelLabel}
        </Button>
      </div>
    </Notice>
  );
}
