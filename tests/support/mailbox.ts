// Reading mail the server sent, from the SMTP fixture's inbox.
import { testEnv } from "./env";

interface Mail {
  to: string[];
  subject: string;
  text: string;
}

export async function mailsTo(address: string): Promise<Mail[]> {
  const response = await fetch(`${testEnv.inboxUrl}/messages?to=${encodeURIComponent(address)}`);
  return (await response.json()) as Mail[];
}

/**
 * The code in a sign-in code mail: the line that is only the six digits. Not
 * the first six-digit run anywhere — a random address or application name
 * ("bench-123456") before it would match that one time in sixteen.
 */
export function signInCodeIn(text: string): string | undefined {
  return /^[ \t]*(\d{6})[ \t]*$/m.exec(text)?.[1];
}

/** Waits for the n-th mail to an address and returns its six-digit code. */
export async function codeFor(address: string, nth = 1): Promise<{ code: string; mail: Mail }> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mails = await mailsTo(address);
    const mail = mails[nth - 1];
    const code = mail ? signInCodeIn(mail.text) : undefined;
    if (mail && code) return { code, mail };
    if (Date.now() > deadline) throw new Error(`no mail #${nth} for ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function uniqueEmail(tag: string, domain = "example.com"): string {
  return `${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@${domain}`;
}
