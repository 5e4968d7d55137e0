// Layer 3 — how the result reaches the application. Checked at `/establish`
// against the declared return methods, and again at run time when a method
// actually runs, because the application's rules may have changed since.
import { callbackHostAllowed, callbackHostname, callbackRulesFor } from "./callback-host";
import type { ReturnMethodDeclaration, ReturnRuleInput } from "./return-schemas";
import type { ReturnDeclarationType, ReturnMethod } from "./vocabulary";

export type ReturnDeclarationProblemCode =
  /** The declarations list is empty (the schema normally rejects this first). */
  | "EMPTY"
  /** A second CALLBACK: an inquiry has exactly one place to send the browser. */
  | "CALLBACK_DECLARED_TWICE"
  /** The callback URL's hostname is in no CALLBACK rule (or the URL is unusable). */
  | "CALLBACK_HOST_NOT_ALLOWED"
  /** STATUS_POLL / REVEAL without an application rule of the same method. */
  | "NO_MATCHING_RULE"
  /** DIRECT_ISSUE / OIDC: those flows never pass through /establish. */
  | "NOT_DECLARABLE";

export interface ReturnDeclarationProblem {
  /** Position in `returnMethods`; null when the problem is the list itself. */
  index: number | null;
  type: ReturnDeclarationType | null;
  code: ReturnDeclarationProblemCode;
  message: string;
}

export type ReturnDeclarationValidation = { ok: true } | { ok: false; problems: ReturnDeclarationProblem[] };

export function hasReturnRule(appReturnRules: readonly ReturnRuleInput[], method: ReturnMethod): boolean {
  return appReturnRules.some((rule) => rule.returnMethod === method);
}

/**
 * The inquiry's callback URL: the payload of its single CALLBACK
 * declaration. Null when there is none — or more than one, which
 * `/establish` refuses and which would be ambiguous to act on.
 */
export function declaredCallbackUrl(declarations: readonly ReturnMethodDeclaration[] | undefined): string | null {
  const urls: string[] = [];
  for (const declaration of declarations ?? []) {
    if (declaration.type === "CALLBACK") urls.push(declaration.payload.callbackUrl);
  }
  return urls.length === 1 ? (urls[0] ?? null) : null;
}

function describeCallbackRefusal(appReturnRules: readonly ReturnRuleInput[], callbackUrl: string): string {
  const host = callbackHostname(callbackUrl);
  if (host === null) return "callbackUrl must be an absolute http or https URL without credentials";
  if (!hasReturnRule(appReturnRules, "CALLBACK")) return "the application has no CALLBACK return rule";
  return `the callback host "${host}" is not in any CALLBACK rule's allowedCallbackDomains`;
}

/** Checks `/establish` `returnMethods` against the application's Layer 3 rules. */
export function validateReturnDeclarations(
  appReturnRules: readonly ReturnRuleInput[],
  declarations: readonly ReturnMethodDeclaration[],
): ReturnDeclarationValidation {
  if (declarations.length === 0) {
    return {
      ok: false,
      problems: [{ index: null, type: null, code: "EMPTY", message: "returnMethods must not be an empty array" }],
    };
  }
  const problems: ReturnDeclarationProblem[] = [];
  let callbackSeen = false;
  declarations.forEach((declaration, index) => {
    const problem = (code: ReturnDeclarationProblemCode, reason: string) =>
      problems.push({ index, type: declaration.type, code, message: `returnMethods[${index}] (${declaration.type}): ${reason}` });
    switch (declaration.type) {
      case "CALLBACK":
        if (callbackSeen) {
          problem("CALLBACK_DECLARED_TWICE", "only one CALLBACK may be declared per inquiry");
        } else if (!callbackHostAllowed(appReturnRules, declaration.payload.callbackUrl)) {
          problem("CALLBACK_HOST_NOT_ALLOWED", describeCallbackRefusal(appReturnRules, declaration.payload.callbackUrl));
        }
        callbackSeen = true;
        break;
      case "STATUS_POLL":
      case "REVEAL":
        if (!hasReturnRule(appReturnRules, declaration.type)) {
          problem("NO_MATCHING_RULE", `the application has no ${declaration.type} return rule`);
        }
        break;
      case "DIRECT_ISSUE":
      case "OIDC":
        problem("NOT_DECLARABLE", `${declaration.type} is never declared on /establish; that flow does not pass through it`);
        break;
    }
  });
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

function isDeclared(declarations: readonly ReturnMethodDeclaration[], method: ReturnMethod): boolean {
  return declarations.some((declaration) => declaration.type === method);
}

/**
 * The run-time Layer 3 check: may `method` deliver this inquiry's result now?
 * `declarations` is what the inquiry stored from `/establish` (undefined =
 * it declared nothing).
 *
 * - CALLBACK needs a URL, so it must have been declared, and its host must
 *   still be allowed.
 * - REVEAL puts tokens on screen; the docs trigger it only when declared, so
 *   it is never inferred from the rule alone.
 * - STATUS_POLL needs the rule and, if the inquiry narrowed Layer 3, its
 *   declaration.
 * - DIRECT_ISSUE, OIDC and DEVICE_CODE bypass /establish: the rule decides.
 */
export function returnMethodAllowed(
  appReturnRules: readonly ReturnRuleInput[],
  declarations: readonly ReturnMethodDeclaration[] | undefined,
  method: ReturnMethod,
): boolean {
  switch (method) {
    case "CALLBACK": {
      const callbackUrl = declaredCallbackUrl(declarations);
      return callbackUrl !== null && callbackHostAllowed(appReturnRules, callbackUrl);
    }
    case "REVEAL":
      return hasReturnRule(appReturnRules, method) && declarations !== undefined && isDeclared(declarations, method);
    case "STATUS_POLL":
      return hasReturnRule(appReturnRules, method) && (declarations === undefined || isDeclared(declarations, method));
    case "DIRECT_ISSUE":
    case "OIDC":
    case "DEVICE_CODE":
      return hasReturnRule(appReturnRules, method);
  }
}

/**
 * The application rules behind a permitted delivery, for the TTL fold: for
 * CALLBACK only the rules that allow the declared host, otherwise every rule
 * of the method. Empty when the method is not allowed at all.
 */
export function matchingReturnRules<R extends ReturnRuleInput>(
  appReturnRules: readonly R[],
  declarations: readonly ReturnMethodDeclaration[] | undefined,
  method: ReturnMethod,
): R[] {
  if (!returnMethodAllowed(appReturnRules, declarations, method)) return [];
  if (method === "CALLBACK") {
    const callbackUrl = declaredCallbackUrl(declarations);
    return callbackUrl === null ? [] : callbackRulesFor(appReturnRules, callbackUrl);
  }
  return appReturnRules.filter((rule) => rule.returnMethod === method);
}

export interface RevealSelection {
  includeAccessToken: boolean;
  includeRefreshToken: boolean;
}

/** Which tokens REVEAL shows: OR over every REVEAL rule; nothing without one. */
export function revealSelection(appReturnRules: readonly ReturnRuleInput[]): RevealSelection {
  const selection: RevealSelection = { includeAccessToken: false, includeRefreshToken: false };
  for (const rule of appReturnRules) {
    if (rule.returnMethod !== "REVEAL") continue;
    selection.includeAccessToken ||= rule.payload.includeAccessToken;
    selection.includeRefreshToken ||= rule.payload.includeRefreshToken;
  }
  return selection;
}
