// Every admin command, by name. A new command is one file in this folder and one line here.
import type { AnyAdminCommand } from "../command";
import { addMemberCommand } from "./add-member";
import { createAccessKeyCommand } from "./create-access-key";
import { createApplicationCommand } from "./create-application";
import { createConnectorCommand } from "./create-connector";
import { revokeAccessKeyCommand } from "./revoke-access-key";
import { rotateOidcSigningKeyCommand } from "./rotate-oidc-signing-key";
import { setLoginPolicyCommand } from "./set-login-policy";
import { setOidcClientSecretCommand } from "./set-oidc-client-secret";
import { setQuotaCommand } from "./set-quota";

export const ADMIN_COMMAND_LIST: readonly AnyAdminCommand[] = [
  createApplicationCommand as AnyAdminCommand,
  createAccessKeyCommand as AnyAdminCommand,
  revokeAccessKeyCommand as AnyAdminCommand,
  setOidcClientSecretCommand as AnyAdminCommand,
  rotateOidcSigningKeyCommand as AnyAdminCommand,
  addMemberCommand as AnyAdminCommand,
  createConnectorCommand as AnyAdminCommand,
  setQuotaCommand as AnyAdminCommand,
  setLoginPolicyCommand as AnyAdminCommand,
];

export const ADMIN_COMMANDS: ReadonlyMap<string, AnyAdminCommand> = new Map(ADMIN_COMMAND_LIST.map((command) => [command.name, command]));
