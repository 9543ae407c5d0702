import { useRef } from 'react';
import type { TriggerKind } from '../../../../shared/automation.js';
import { triggerVariables } from '../../../../shared/automation-variables.js';

/** The prompt an automation runs, with the {{variables}} its trigger offers; a click inserts one at the caret. */
export function PromptField({
  prompt,
  kind,
  onChange,
}: {
  prompt: string;
  kind: TriggerKind;
  onChange(prompt: string): void;
}) {
  const box = useRef<HTMLTextAreaElement>(null);
  const insert = (name: string) => {
    const field = box.current;
    const text = `{{${name}}}`;
    const start = field?.selectionStart ?? prompt.length;
    const end = field?.selectionEnd ?? prompt.length;
    onChange(prompt.slice(0, start) + text + prompt.slice(end));
    requestAnimationFrame(() => {
      field?.focus();
      field?.setSelectionRange(start + text.length, start + text.length);
    });
  };
  return (
    <div className="field field-wide">
      <label className="field-label" htmlFor="automation-prompt">
        Prompt (each run’s task gets it with the variables filled in)
      </label>
      <textarea
        ref={box}
        id="automation-prompt"
        className="input mono automation-prompt"
        data-testid="automation-prompt"
        rows={5}
        spellCheck={false}
        placeholder={examplePrompt(kind)}
        value={prompt}
        onChange={(event) => onChange(event.target.value)}
      />
      <div className="variable-list" role="group" aria-label="Variables to insert">
        <span className="field-label">Insert:</span>
        {triggerVariables[kind].map((name) => (
          <button
            key={name}
            type="button"
            className="variable-chip"
            data-testid="automation-variable"
            aria-label={`Insert {{${name}}}`}
            title={`Insert {{${name}}} at the caret`}
            onClick={() => insert(name)}
          >
            {`{{${name}}}`}
          </button>
        ))}
      </div>
    </div>
  );
}

/** An example prompt for a kind of trigger, shown while the prompt is empty. */
function examplePrompt(kind: TriggerKind): string {
  switch (kind) {
    case 'schedule':
      return 'Update the dependencies and fix what breaks.';
    case 'commit':
      return 'Review commit {{commit.short}} ({{commit.subject}}) for bugs; fix what you find.';
    case 'verifyFailed':
      return 'The checks fail on {{commit.short}}:\n{{failure.output}}\nFind the cause and fix it.';
    case 'webhook':
      return 'Investigate: {{event.title}}\n{{event.body}}';
    case 'github':
      return 'Investigate {{event.kind}} #{{event.number}}: {{event.title}}\n{{event.body}}';
    case 'task':
      return 'Write the changelog entry for "{{task.title}}" ({{task.branch}}).';
    default: {
      const unknown: never = kind;
      return String(unknown);
    }
  }
}
