/** Shared test documents. `Untouched` is formatted oddly on purpose: edits elsewhere must leave it byte-identical. */
import { applyEdits } from '../ops/apply.js';
import type { TextEdit } from '../types.js';

export const UNTOUCHED = `"Untouched": {"Type":"Pass",   "Result": [1,2,  3],
          "End": true}`;

/** A → Check (Choice) → Big | Small (Default); A catches into Oops (Fail); Big → Done (Succeed); Small ends. */
export const DOC = `{
  "Comment": "fixture",
  "StartAt": "A",
  "States": {
    "A": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Next": "Check",
      "Catch": [
        { "ErrorEquals": ["States.Timeout"], "Next": "Oops" },
        { "ErrorEquals": ["States.ALL"], "Next": "Oops" }
      ]
    },
    "Check": {
      "Type": "Choice",
      "Choices": [
        { "Variable": "$.total", "NumericGreaterThan": 100, "Next": "Big" },
        { "Variable": "$.total", "NumericLessThan": 0, "Next": "Oops" }
      ],
      "Default": "Small"
    },
    "Big": { "Type": "Pass", "Next": "Done" },
    "Small": { "Type": "Pass", "End": true },
    "Oops": { "Type": "Fail", "Error": "Boom" },
    "Done": { "Type": "Succeed" },
    ${UNTOUCHED}
  }
}
`;

/** A Parallel with two branches and a Map with an ItemProcessor. */
export const NESTED = `{
  "StartAt": "P",
  "States": {
    "P": {
      "Type": "Parallel",
      "Branches": [
        { "StartAt": "B1", "States": { "B1": { "Type": "Pass", "Next": "B2" }, "B2": { "Type": "Pass", "End": true } } },
        { "StartAt": "C1", "States": { "C1": { "Type": "Pass", "End": true } } }
      ],
      "Next": "M"
    },
    "M": {
      "Type": "Map",
      "ItemProcessor": {
        "ProcessorConfig": { "Mode": "INLINE" },
        "StartAt": "I1",
        "States": { "I1": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true } }
      },
      "End": true
    },
    ${UNTOUCHED}
  }
}
`;

/** Applies edits and parses the result (asserting the edits do not overlap). */
export function run(text: string, edits: TextEdit[]): { text: string; json: any } {
  const out = applyEdits(text, edits);
  return { text: out, json: JSON.parse(out) };
}
