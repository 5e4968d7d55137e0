// Adopting and verifying a domain in the With portal's Domains view as an
// OWNER does (docs 21): adopt it, publish the TXT record the page shows at
// the DNS fixture the server resolves through, press Verify.
import type { Locator, Page } from "playwright-core";
import { publishTxt } from "./dns";

export const domainItem = (page: Page, domain: string): Locator => page.getByRole("listitem", { name: domain, exact: true });

/** Adopts `domain` on the Domains page the browser is on; answers its entry. */
export async function adopt(page: Page, domain: string): Promise<Locator> {
  await page.getByLabel("Domain", { exact: true }).fill(domain);
  await page.getByRole("button", { name: "Adopt domain" }).click();
  const item = domainItem(page, domain.toLowerCase());
  await item.waitFor();
  return item;
}

/** What the owner does at their DNS provider: publish the record the page shows. */
export async function publishShownRecord(item: Locator): Promise<void> {
  const host = (await item.getByTestId("domain-record-host").innerText()).trim();
  const value = (await item.getByTestId("domain-record-value").innerText()).trim();
  await publishTxt(host, [value]);
}

export async function adoptAndVerify(page: Page, domain: string): Promise<Locator> {
  const item = await adopt(page, domain);
  await publishShownRecord(item);
  await item.getByRole("button", { name: "Verify" }).click();
  await item.getByText("Verified", { exact: true }).waitFor();
  return item;
}
