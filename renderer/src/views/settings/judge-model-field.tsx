import { useEffect } from 'react';
import { providerIds, type ProviderId } from '../../../../shared/repo.js';
import { Combobox, type ComboOption } from '../../components/combobox.js';
import { providerReady, type AgentInfo, type ModelChoice } from '../../store/settings-slice.js';
import { useStore } from '../../store/store.js';

/** What an empty judge model means, as the field's placeholder says it. */
export const strongestJudgeText = 'Strongest configured model (default)';

/**
 * The models a judge can be: those of every configured provider (what each listed, and the built-in agent's choices
 * of that provider), so a judge that cannot be reached is not offered.
 */
export function judgeOptions(
  ready: ReadonlySet<ProviderId>,
  builtin: AgentInfo | undefined,
  providerModels: Partial<Record<ProviderId, ModelChoice[]>>,
): ComboOption[] {
  const choices = [...(builtin?.models ?? []), ...providerIds.flatMap((id) => providerModels[id] ?? [])];
  const seen = new Set<string>();
  const options: ComboOption[] = [];
  for (const choice of choices) {
    const provider = choice.id.split(':')[0] as ProviderId;
    if (!ready.has(provider) || seen.has(choice.id)) continue;
    seen.add(choice.id);
    const detail = [choice.label, choice.detail].filter(Boolean).join(' · ');
    options.push({ value: choice.id, ...(detail ? { detail } : {}) });
  }
  return options;
}

/** Settings → the judge model that ranks a group's attempts; empty picks the strongest configured model. */
export function JudgeModelField({ value, onChange }: { value: string; onChange(model: string): void }) {
  const providers = useStore((state) => state.providers);
  const builtin = useStore((state) => state.agents.find((agent) => agent.id === 'builtin'));
  const providerModels = useStore((state) => state.providerModels);
  const loadProviderModels = useStore((state) => state.loadProviderModels);
  useEffect(() => {
    void loadProviderModels().catch(() => undefined);
  }, [loadProviderModels]);
  const ready = new Set(providerIds.filter((id) => providerReady(id, providers[id])));
  const options = judgeOptions(ready, builtin, providerModels);
  return (
    <div className="field">
      <span className="field-label">Judge model</span>
      <Combobox
        label="Judge model"
        testId="settings-judge-model"
        value={value}
        onChange={onChange}
        options={options}
        placeholder={strongestJudgeText}
        title="Ranks the attempts of a group once all are verified. Empty: Anthropic's strongest model, else OpenAI's, else the compatible server's default."
        noMatch={(text) => `Not from a configured provider's list; “${text.trim()}” is used as typed.`}
      />
      {ready.size === 0 && (
        <span className="hint" data-testid="settings-judge-none">
          No provider is configured: attempts are ranked by a stated rule until one is.
        </span>
      )}
    </div>
  );
}
