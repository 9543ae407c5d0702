import { useState, type FormEvent } from 'react';
import type { ModelPrice } from '../../../../shared/repo.js';
import { ErrorText } from '../../components/error-text.js';
import { useStore } from '../../store/store.js';
import { useAction } from './use-action.js';

const columns: { key: keyof ModelPrice; label: string }[] = [
  { key: 'input', label: 'Input $/M' },
  { key: 'output', label: 'Output $/M' },
  { key: 'cacheRead', label: 'Cache read $/M' },
  { key: 'cacheWrite', label: 'Cache write $/M' },
  { key: 'contextWindow', label: 'Context tokens' },
];

const blankPrice: ModelPrice = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, contextWindow: 200_000 };

/** The editable price table that turns token counts into costs, in US dollars per million tokens. */
export function PricesSection() {
  const prices = useStore((state) => state.prices);
  const models = Object.keys(prices).sort();
  return (
    <section className="settings-section" aria-labelledby="prices-title">
      <h2 id="prices-title">Prices</h2>
      <p className="hint">Costs shown for tasks come from this table; models missing from it cost $0.</p>
      <div className="card table-card">
        <table className="price-table" data-testid="price-table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              {columns.map((column) => (
                <th scope="col" key={column.key}>
                  {column.label}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {models.map((model) => (
              <PriceRow
                key={`${model}-${JSON.stringify(prices[model])}`}
                model={model}
                price={prices[model] as ModelPrice}
              />
            ))}
            <PriceRow key={`new-${models.length}`} model={null} price={blankPrice} />
          </tbody>
        </table>
      </div>
    </section>
  );
}

function PriceRow({ model, price }: { model: string | null; price: ModelPrice }) {
  const updatePrice = useStore((state) => state.updatePrice);
  const [name, setName] = useState(model ?? '');
  const [draft, setDraft] = useState(price);
  const action = useAction();
  const label = model ?? 'new model';
  const dirty = model === null ? name.trim() !== '' : JSON.stringify(draft) !== JSON.stringify(price);
  const save = (event: FormEvent) => {
    event.preventDefault();
    void action.run(() => updatePrice(model ?? name.trim(), draft));
  };
  // A table row cannot hold a <form>, so the inputs point at one by id.
  const formId = `price-form-${model ?? 'new'}`;
  return (
    <tr data-testid={model === null ? 'price-row-new' : 'price-row'} data-model={model ?? ''}>
      <td>
        {model === null ? (
          <input
            className="input small mono"
            form={formId}
            aria-label="New model name"
            data-testid="price-new-model"
            placeholder="provider:model"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        ) : (
          <code>{model}</code>
        )}
        <form id={formId} onSubmit={save} />
        <ErrorText error={action.error} />
      </td>
      {columns.map((column) => (
        <td key={column.key}>
          <input
            className="input small number"
            type="number"
            min={0}
            step="any"
            form={formId}
            aria-label={`${column.label} for ${label}`}
            value={draft[column.key]}
            onChange={(event) => setDraft({ ...draft, [column.key]: Math.max(0, Number(event.target.value) || 0) })}
          />
        </td>
      ))}
      <td className="row-actions">
        <button
          type="submit"
          form={formId}
          className="button small primary"
          aria-label={model === null ? 'Add the price row' : `Save prices for ${model}`}
          disabled={action.busy || !dirty}
        >
          {model === null ? 'Add' : 'Save'}
        </button>
        {model !== null && (
          <button
            type="button"
            className="button small ghost"
            aria-label={`Delete prices for ${model}`}
            disabled={action.busy}
            onClick={() => void action.run(() => updatePrice(model, null))}
          >
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}
