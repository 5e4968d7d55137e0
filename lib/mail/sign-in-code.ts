// The one-time code mail, in the browser's language. The same mail for a
// known and an unknown address apart from the wording, which only the
// mailbox owner reads — the page never learns which one was sent.
import type { Deps } from "../runtime";
import { translator } from "../i18n/translator";

export async function sendSignInCode(
  deps: Pick<Deps, "mailer">,
  message: { to: string; code: string; locale: string; applicationName: string; registering: boolean; ttlMinutes: number },
): Promise<void> {
  const t = translator(message.locale, "mail");
  const values = { code: message.code, application: message.applicationName, minutes: message.ttlMinutes };
  const lead = message.registering ? t("registerLead", values) : t("signInLead", values);
  const text = [t("greeting"), "", lead, "", `    ${message.code}`, "", t("expiry", values), t("ignore")].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a">
<p>${escapeHtml(t("greeting"))}</p><p>${escapeHtml(lead)}</p>
<p style="font-size:28px;font-weight:700;letter-spacing:6px">${escapeHtml(message.code)}</p>
<p>${escapeHtml(t("expiry", values))}<br>${escapeHtml(t("ignore"))}</p></body></html>`;
  await deps.mailer.send({ to: message.to, subject: t("subject", values), text, html });
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
