// A token's body as the test reads it, without verifying the signature (the
// suites that verify do so against /info's key with jose).
export const tokenBody = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
