"use client";

// Turns a MessageRef into text in the via catalog, always offering the
// application's name as {application}.
import { useTranslations } from "next-intl";
import { useFlow } from "./flow-context";
import type { MessageRef } from "./error-messages";

export function useTranslateMessage(): (message: MessageRef | null) => string | null {
  const t = useTranslations("via");
  const { application } = useFlow();
  return (message) => (message ? t(message.key, { application, ...message.values }) : null);
}
