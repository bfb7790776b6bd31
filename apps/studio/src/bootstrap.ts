import { parseDocument } from '@asl-studio/asl';
import { useDocumentStore } from './stores/document-store';
import { useViewStore } from './stores/view-store';
import { loadSaved, startPersistence } from './stores/persistence';

/** URL of the first-visit sample, relative to the page. */
export const SAMPLE_URL = './samples/order-fulfilment.asl.json';

/** A small built-in definition, used when the sample cannot be fetched. */
export const BUILTIN_DEFINITION = `{
  "Comment": "A small order workflow",
  "StartAt": "Validate order",
  "States": {
    "Validate order": {
      "Type": "Pass",
      "Next": "In stock?"
    },
    "In stock?": {
      "Type": "Choice",
      "Choices": [
        {
          "Variable": "$.inStock",
          "BooleanEquals": true,
          "Next": "Charge card"
        }
      ],
      "Default": "Out of stock"
    },
    "Charge card": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {
        "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:ChargeCard:$LATEST",
        "Payload.$": "$"
      },
      "OutputPath": "$.Payload",
      "Catch": [
        {
          "ErrorEquals": ["States.ALL"],
          "Next": "Payment failed"
        }
      ],
      "Next": "Order complete"
    },
    "Order complete": {
      "Type": "Succeed"
    },
    "Out of stock": {
      "Type": "Fail",
      "Error": "OutOfStock",
      "Cause": "An item is out of stock"
    },
    "Payment failed": {
      "Type": "Fail",
      "Error": "PaymentFailed"
    }
  }
}
`;

async function fetchSample(): Promise<string | undefined> {
  try {
    const res = await fetch(SAMPLE_URL, { cache: 'no-cache' });
    if (!res.ok) return undefined;
    const text = await res.text();
    const parsed = parseDocument(text, 'json');
    const def = parsed.definition as unknown as { States?: unknown } | undefined;
    if (parsed.diagnostics.some((d) => d.severity === 'error') || !def || typeof def.States !== 'object') return undefined;
    return text;
  } catch {
    return undefined;
  }
}

/**
 * Loads the open workflow: the saved one (IndexedDB / crash copy), else the sample, else the built-in definition.
 * Then starts saving changes. Never throws.
 */
export async function bootstrap(): Promise<void> {
  const doc = useDocumentStore.getState();
  try {
    const saved = await loadSaved();
    if (saved) {
      useViewStore.getState().setManual(saved.manual ?? {});
      useViewStore.getState().setViewport(saved.viewport ?? null);
      if (saved.layout && saved.layoutKey) useViewStore.getState().setLayout(saved.layoutKey, saved.layout);
      doc.load(saved.text, saved.name || 'workflow');
      if (saved.selected) doc.select(saved.selected, { reveal: false });
    } else {
      const sample = await fetchSample();
      if (sample) doc.load(sample, 'order-fulfilment');
      else doc.load(BUILTIN_DEFINITION, 'order-fulfilment');
    }
  } catch {
    if (!useDocumentStore.getState().loaded) doc.load(BUILTIN_DEFINITION, 'order-fulfilment');
  }
  performance.mark?.('asl-studio:document-loaded');
  startPersistence();
}
