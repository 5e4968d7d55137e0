// The code that proves a new address before the errand page adds it to the
// account: via's code mail, with a lead that says what the code is for.
import { translator } from "../i18n/translator";
import type { Deps } from "../runtime";

export async function sendAddEmailCode(
  deps: Pick<Deps, "mailer">,
  message: { to: string; code: string; locale: string; applicationName: string; ttlMinutes: number },
): Promise<void> {
  const mail = translator(message.locale, "mail");
  const errand = translator(message.locale, "errand");
  const values = { code: message.code, application: message.applicationName, minutes: message.ttlMinutes };
  const lead = errand("mail.addEmailLead", values);
  const text = [mail("greeting"), "", lead, "", `    ${message.code}`, "", mail("expiry", values), errand("mail.ignore")].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a">
<p>${escapeHtml(mail("greeting"))}</p><p>${escapeHtml(lead)}</p>
<p style="font-size:28px;font-weight:700;letter-spacing:6px">${escapeHtml(message.code)}</p>
<p>${escapeHtml(mail("expiry", values))}<br>${escapeHtml(errand("mail.ignore"))}</p></body></html>`;
  await deps.mailer.send({ to: message.to, subject: errand("mail.subject", values), text, html });
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
