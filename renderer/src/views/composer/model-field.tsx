import { useEffect } from 'react';
import { Combobox } from '../../components/combobox.js';
import { useStore } from '../../store/store.js';
import { modelOptions, modelPlaceholder } from './model-options.js';

/**
 * The model field: the chosen agent's models to pick from (for the built-in agent also what the
 * ready providers list), any name typed by hand, and a placeholder and help line that say what an
 * empty field means for that agent. For an agent that picks its own model (ACP agents, the
 * scripted agent) the field is disabled and says so, rather than taking a model that does nothing.
 */
export function ModelField({
  agentId,
  value,
  onChange,
  testId = 'composer-model',
  label = 'Model',
  placeholder: fixedPlaceholder,
}: {
  agentId: string;
  value: string;
  onChange(model: string): void;
  testId?: string;
  label?: string;
  placeholder?: string;
}) {
  const agent = useStore((state) => state.agents.find((known) => known.id === agentId));
  const prices = useStore((state) => state.prices);
  const providerModels = useStore((state) => state.providerModels);
  const defaultModel = useStore((state) => state.engineSettings?.defaultModel ?? '');
  const loadProviderModels = useStore((state) => state.loadProviderModels);
  const builtin = agent === undefined || agent.id === 'builtin';
  useEffect(() => {
    if (builtin) void loadProviderModels().catch(() => undefined);
  }, [builtin, loadProviderModels]);
  const options = modelOptions(agent, providerModels, Object.keys(prices).sort());
  const placeholder = fixedPlaceholder ?? modelPlaceholder(agent, defaultModel);
  const ignored = agent?.acceptsModel === false;
  return (
    <div className="field">
      <span className="field-label">{label}</span>
      <Combobox
        label={label}
        testId={testId}
        value={ignored ? '' : value}
        onChange={onChange}
        options={options}
        placeholder={placeholder}
        disabled={ignored}
        title={
          ignored
            ? agent.modelHint
            : fixedPlaceholder
              ? undefined
              : `Empty means ${placeholder.replace(/ \(default\)$/, ', the default')}.`
        }
        noMatch={(text) => `Not in the list; “${text.trim()}” is used as typed.`}
      />
      {agent?.modelHint && (
        <span className="hint composer-model-hint" data-testid={`${testId}-hint`}>
          {agent.modelHint}
        </span>
      )}
    </div>
  );
}
