// What an errand owes (docs 31), as pure functions: the claim gate's work
// and an application's request, and when a live errand still covers the work
// owed now (a retry re-hands it) or not (a fresh one is minted).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { coversWork, gateTasks, requestedTasks, scopeKey, type ErrandTasks } from "@/lib/errand/tasks";

const tasks = (consent: ErrandTasks["consent"], data: ErrandTasks["data"], origin: ErrandTasks["origin"] = "claim-gate"): ErrandTasks => ({ origin, consent, data });

describe("errand tasks", () => {
  it("the gate owes only REQUIRED claims: undecided ones a decision, empty ones data", () => {
    const owed = gateTasks(
      { email: "REQUIRED", firstName: "REQUIRED", lastName: "OPTIONAL" },
      { email: "GRANTED", firstName: "UNKNOWN", lastName: "UNKNOWN" },
      { email: null, firstName: null, lastName: null },
    );
    assert.deepEqual(owed, tasks(["firstName"], ["email", "firstName"]));
  });

  it("a request also asks about undecided optional claims and granted ones without data, never declined ones", () => {
    const owed = requestedTasks(
      { email: "OPTIONAL", firstName: "OPTIONAL", lastName: "OPTIONAL" },
      { email: "GRANTED", firstName: "UNKNOWN", lastName: "DENIED" },
      { email: null, firstName: null, lastName: null },
    );
    assert.deepEqual(owed, tasks(["firstName"], ["email"], "requested"));
  });

  it("a live errand covers the same work and less (the user's progress), not more, and not another kind", () => {
    const minted = tasks(["firstName", "lastName"], ["firstName"]);
    const cases: [ErrandTasks, boolean, string][] = [
      [tasks(["firstName", "lastName"], ["firstName"]), true, "the same work"],
      [tasks(["lastName"], ["firstName"]), true, "one decision made"],
      [tasks([], []), true, "everything settled"],
      [tasks(["firstName", "lastName", "email"], ["firstName"]), false, "a new decision owed"],
      [tasks(["firstName"], ["firstName", "lastName"]), false, "new data owed"],
      [tasks(["lastName"], ["firstName"], "requested"), false, "a requested errand is another kind"],
    ];
    for (const [owed, covered, why] of cases) assert.equal(coversWork(minted, owed), covered, why);
  });

  it("fingerprints work canonically, whatever order the claims come in", () => {
    assert.equal(scopeKey(tasks(["lastName", "email"], ["firstName"])), scopeKey(tasks(["email", "lastName"], ["firstName"])));
    assert.notEqual(scopeKey(tasks(["email"], [])), scopeKey(tasks([], ["email"])));
  });
});
