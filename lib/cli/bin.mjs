#!/usr/bin/env node
// The `sudomimus` command (docs 02–03: `sudomimus login`, `sudomimus whoami --json`):
// package.json's bin, so `npx sudomimus …` works in a checkout and
// `npm install -g .` installs it. The CLI is TypeScript run through tsx.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
