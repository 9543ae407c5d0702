import { useState, type FormEvent } from 'react';
import { providerIds, type ProviderId, type ProviderRoute } from '../../../../shared/repo.js';
import { ErrorText } from '../../components/error-text.js';
import type { ProviderTest } from '../../store/settings-slice.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';
import { useAction } from './use-action.js';

const providerNames: Record<ProviderId, { name: string; hint: string }> = {
  anthropic: { name: 'Anthropic', hint: 'Claude models through the Messages API.' },
  openai: { name: 'OpenAI', hint: 'GPT models through the Responses API.' },
  compatible: {
    name: 'OpenAI-compatible',
    hint: 'Any Chat Completions server (Ollama, vLLM, LM Studio, OpenRouter…): set its base URL.',
  },
};

/** API keys (write-only: the page only learns whether one is set) and base URLs per provider. */
export function ProvidersSection() {
  return (
    <section className="settings-section" aria-labelledby="providers-title">
      <h2 id="providers-title">Model providers</h2>
      <p className="hint">
        The built-in agent calls these providers. Keys are stored by the engine and never shown again.
      </p>
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
  const testProvider = useStore((state) => state.testProvider);
  const [test, setTest] = useState<{ busy: boolean; result: ProviderTest | null; error: string | null }>({
    busy: false,
    result: null,
    error: null,
  });
  const { name, hint } = providerNames[provider];
  // Tests what the fields show: typed values that are not saved yet, else the stored ones.
  const runTest = async () => {
    setTest({ busy: true, result: null, error: null });
    const typed = {
      ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
      ...(baseUrl !== null ? { baseUrl: baseUrl.trim() || null } : {}),
    };
    try {
      setTest({ busy: false, result: await testProvider(provider, typed), error: null });
    } catch (failure) {
      setTest({ busy: false, result: null, error: errorText(failure) });
    }
  };
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
      {info?.route && <RouteNote route={info.route} provider={provider} />}
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
        <button
          type="submit"
          className="button primary"
          data-testid={`provider-save-${provider}`}
          disabled={action.busy || !dirty}
        >
          Save
        </button>
        <button
          type="button"
          className="button"
          data-testid={`provider-test-${provider}`}
          aria-label={`Test the ${name} settings`}
          disabled={test.busy}
          onClick={() => void runTest()}
        >
          {test.busy ? 'Testing…' : 'Test'}
        </button>
        {info?.hasApiKey && (
          <button
            type="button"
            className="button ghost"
            aria-label={`Remove the ${name} API key`}
            disabled={action.busy}
            onClick={() => void action.run(() => updateProvider(provider, { apiKey: null }), 'Key removed.')}
          >
            Remove key
          </button>
        )}
        {action.done && <span className="hint ok">{action.done}</span>}
      </div>
      <ErrorText error={action.error} />
      {test.result && (
        <p
          className={`hint provider-test-result ${test.result.ok ? 'ok' : 'bad'}`}
          role={test.result.ok ? 'status' : 'alert'}
          data-testid={`provider-test-result-${provider}`}
        >
          {test.result.ok ? '✓ ' : '✕ '}
          {test.result.message}
          {test.result.ok && dirty ? ' Save to use these settings.' : ''}
        </p>
      )}
      <ErrorText error={test.error} testId={`provider-test-error-${provider}`} />
    </form>
  );
}

/** Says when the engine reaches the provider through a proxy, or cannot because the proxy setting is wrong. */
function RouteNote({ route, provider }: { route: ProviderRoute; provider: ProviderId }) {
  switch (route.kind) {
    case 'direct':
      return null;
    case 'proxy':
      return (
        <p className="hint" data-testid={`provider-route-${provider}`}>
          Through the proxy at {route.address} ({route.variable}).
        </p>
      );
    case 'invalid':
      return <ErrorText error={route.message} testId={`provider-route-${provider}`} />;
  }
}
