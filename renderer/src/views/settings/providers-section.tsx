import { useState, type FormEvent } from 'react';
import { providerIds, type ProviderId } from '../../../../shared/repo.js';
import { ErrorText } from '../../components/error-text.js';
import { useStore } from '../../store/store.js';
import { useAction } from './use-action.js';

const providerNames: Record<ProviderId, { name: string; hint: string }> = {
  anthropic: { name: 'Anthropic', hint: 'Claude models through the Messages API.' },
  openai: { name: 'OpenAI', hint: 'GPT models through the Responses API.' },
  compatible: { name: 'OpenAI-compatible', hint: 'Any Chat Completions server (Ollama, vLLM, LM Studio, OpenRouter…): set its base URL.' },
};

/** API keys (write-only: the page only learns whether one is set) and base URLs per provider. */
export function ProvidersSection() {
  return (
    <section className="settings-section" aria-labelledby="providers-title">
      <h2 id="providers-title">Model providers</h2>
      <p className="hint">The built-in agent calls these providers. Keys are stored by the engine and never shown again.</p>
      <div className="provider-list">
        {providerIds.map((id) => (
          <ProviderCard key={id} provider={id} />
        ))}
      </div>
    </section>
  );
}

function ProviderCard({ provider }: { provider: ProviderId }) {
  const info = useStore((state) => state.providers[provider]);
  const updateProvider = useStore((state) => state.updateProvider);
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState<string | null>(null);
  const action = useAction();
  const { name, hint } = providerNames[provider];
  const shownUrl = baseUrl ?? info?.baseUrl ?? '';
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const change: { apiKey?: string; baseUrl?: string | null } = {};
    if (apiKey.trim()) change.apiKey = apiKey.trim();
    if (baseUrl !== null) change.baseUrl = baseUrl.trim() || null;
    if (await action.run(() => updateProvider(provider, change))) {
      setApiKey('');
      setBaseUrl(null);
    }
  };
  const dirty = apiKey.trim() !== '' || (baseUrl !== null && baseUrl !== (info?.baseUrl ?? ''));
  return (
    <form className="card provider-card" onSubmit={(event) => void save(event)} data-testid={`provider-${provider}`}>
      <div className="card-heading">
        <h3>{name}</h3>
        <span className={`badge ${info?.hasApiKey ? 'ok' : 'muted'}`} data-testid={`provider-key-state-${provider}`}>
          {info?.hasApiKey ? 'key set' : 'no key'}
        </span>
      </div>
      <p className="hint">{hint}</p>
      <label className="field">
        <span className="field-label">API key</span>
        <input
          className="input"
          type="password"
          autoComplete="off"
          aria-label={`${name} API key`}
          data-testid={`provider-key-${provider}`}
          placeholder={info?.hasApiKey ? '•••••••• (set; type to replace)' : 'Paste a key'}
          value={apiKey}
          onChange={(event) => setApiKey(event.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">Base URL</span>
        <input
          className="input"
          aria-label={`${name} base URL`}
          data-testid={`provider-url-${provider}`}
          placeholder={provider === 'compatible' ? 'http://localhost:11434/v1' : 'Default'}
          value={shownUrl}
          spellCheck={false}
          onChange={(event) => setBaseUrl(event.target.value)}
        />
      </label>
      <div className="row">
        <button type="submit" className="button primary" data-testid={`provider-save-${provider}`} disabled={action.busy || !dirty}>
          Save
        </button>
        {info?.hasApiKey && (
          <button type="button" className="button ghost" aria-label={`Remove the ${name} API key`} disabled={action.busy} onClick={() => void action.run(() => updateProvider(provider, { apiKey: null }), 'Key removed.')}>
            Remove key
          </button>
        )}
        {action.done && <span className="hint ok">{action.done}</span>}
      </div>
      <ErrorText error={action.error} />
    </form>
  );
}
