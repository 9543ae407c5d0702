import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** One suggestion of a combobox. */
export interface ComboOption {
  value: string;
  /** Shown instead of the value; the value is still what is picked. */
  label?: string;
  /** A muted note after it ("current", "2 days ago", "no key set"). */
  detail?: string;
}

/** A last entry of the list that does something instead of picking a value (a toggle). */
export interface ComboAction {
  label: string;
  onPick(): void;
}

/** What a combobox shows and reports. */
export interface ComboboxProps {
  label: string;
  testId: string;
  value: string;
  onChange(value: string): void;
  options: readonly ComboOption[];
  placeholder?: string;
  title?: string;
  disabled?: boolean;
  /** Given what was typed, the options to show; default: those whose value or label contain it (starts-with first). */
  filter?(options: readonly ComboOption[], text: string): readonly ComboOption[];
  /** The last entry, reachable with the arrows too. */
  action?: ComboAction | null;
  /** Shown when what was typed matches nothing (it is kept as typed). */
  noMatch?(text: string): ReactNode;
}

/** Options whose value or label contain the text, case-insensitively; those starting with it first. */
export function filterOptions(options: readonly ComboOption[], text: string): readonly ComboOption[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return options;
  const hits = options.filter(
    (option) => option.value.toLowerCase().includes(needle) || (option.label ?? '').toLowerCase().includes(needle),
  );
  const starts = (option: ComboOption) =>
    option.value.toLowerCase().startsWith(needle) || (option.label ?? '').toLowerCase().startsWith(needle);
  return [...hits.filter(starts), ...hits.filter((option) => !starts(option))];
}

/**
 * A text field with a list of suggestions: typing filters them, ↑/↓ move, Enter picks, Esc closes
 * the list (a second Esc reaches the dialog). Anything typed is a valid value too, so a tag, a
 * commit or a model the list does not know can be given by hand.
 */
export function Combobox({
  label,
  testId,
  value,
  onChange,
  options,
  placeholder,
  title,
  disabled,
  filter = filterOptions,
  action,
  noMatch,
}: ComboboxProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  // What the user typed since the list opened; null shows every option.
  const [query, setQuery] = useState<string | null>(null);
  const [chosen, setChosen] = useState(-1);
  // While typing, the first match is highlighted (even when the options arrive after the typing).
  const [following, setFollowing] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  const shown = query === null ? options : filter(options, query);
  const count = shown.length + (action ? 1 : 0);
  const active = following ? (shown.length > 0 ? 0 : -1) : Math.min(chosen, count - 1);
  const setActive = (index: number) => {
    setFollowing(false);
    setChosen(index);
  };

  useEffect(() => {
    list.current?.querySelector('[data-active="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [active, open]);

  const close = () => {
    setOpen(false);
    setQuery(null);
    setActive(-1);
  };
  const pick = (index: number) => {
    const option = shown[index];
    if (option) {
      onChange(option.value);
      close();
    } else if (action && index === shown.length) {
      action.onPick();
      setActive(-1);
    }
  };
  const openAt = (index: number) => {
    setOpen(true);
    setActive(index);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open)
          return openAt(
            Math.max(
              0,
              shown.findIndex((option) => option.value === value),
            ),
          );
        return setActive(Math.min(count - 1, active + 1));
      case 'ArrowUp':
        event.preventDefault();
        if (!open)
          return openAt(
            Math.max(
              0,
              shown.findIndex((option) => option.value === value),
            ),
          );
        return setActive(Math.max(0, active - 1));
      case 'Enter':
        // Ctrl/⌘+Enter belongs to the form (dispatch); in an open list plain Enter picks the
        // highlighted entry, or keeps what was typed, and never submits the form.
        if (!open || event.ctrlKey || event.metaKey) return;
        event.preventDefault();
        return active < 0 ? close() : pick(active);
      case 'Escape':
        if (!open) return;
        event.preventDefault();
        event.stopPropagation();
        return close();
      case 'Tab':
        return close();
    }
  };
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;
  return (
    <div className="combobox">
      <input
        className="input"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        data-testid={testId}
        placeholder={placeholder}
        title={title}
        value={value}
        disabled={disabled}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => {
          onChange(event.target.value);
          setQuery(event.target.value);
          setOpen(true);
          setFollowing(event.target.value.trim() !== '');
          setChosen(-1);
        }}
        onClick={() => (open ? close() : openAt(-1))}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul
          className="combobox-list"
          id={listId}
          role="listbox"
          aria-label={label}
          ref={list}
          data-testid={`${testId}-list`}
        >
          {shown.map((option, index) => (
            <li
              key={option.value}
              id={optionId(index)}
              role="option"
              aria-selected={option.value === value}
              data-active={index === active}
              className="combobox-option"
              // Keep the focus in the field, so the list stays open until a pick.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(index)}
              onMouseEnter={() => setActive(index)}
            >
              <span className="combobox-value">{option.label ?? option.value}</span>
              {option.detail && <span className="combobox-detail">{option.detail}</span>}
            </li>
          ))}
          {shown.length === 0 && query && noMatch && <li className="combobox-empty">{noMatch(query)}</li>}
          {action && (
            <li
              id={optionId(shown.length)}
              role="option"
              aria-selected={false}
              data-active={active === shown.length}
              className="combobox-option combobox-action"
              data-testid={`${testId}-action`}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(shown.length)}
              onMouseEnter={() => setActive(shown.length)}
            >
              {action.label}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
