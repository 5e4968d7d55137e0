// A rules file: the three layers in the docs' shape ({ "authentication": [...],
// "realize": [...], "return": [...] }), as JSON. Read where the command runs —
// the path is the operator's, not the server's. Shared by the admin CLI's
// --rules-file and the Sudomimus CLI's set-rules; the server validates.
import fs from "node:fs";

/** Rule sets are a few kilobytes; the cap keeps a mistaken path (a log, a dump) from being shipped to the server. */
export const MAX_RULES_FILE_BYTES = 256 * 1024;

export class RulesFileError extends Error {
  override name = "RulesFileError";
}

export function readRulesFile(file: string): unknown {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new RulesFileError(`The rules file ${file} is not a regular file.`);
    if (stat.size > MAX_RULES_FILE_BYTES) throw new RulesFileError(`The rules file ${file} is larger than ${MAX_RULES_FILE_BYTES / 1024} KiB.`);
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof RulesFileError) throw error;
    throw new RulesFileError(`Cannot read the rules file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RulesFileError(`The rules file ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
