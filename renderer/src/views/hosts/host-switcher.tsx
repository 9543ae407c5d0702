import { useShallow } from '../../store/use-shallow.js';
import type { HostLinkState } from '../../../../shared/hosts.js';
import { useStore, type RootState } from '../../store/store.js';
import { hostStateText, localLinkState } from './host-state-text.js';

/**
 * The sidebar's machines: Local and each remote host with its link's dot (the error as its tooltip and, when failed,
 * as text), and the All hosts view. Hidden while there are no hosts; the footer's Add host is then the way in.
 */
export function HostSwitcher() {
  const names = useStore(useShallow(shownHostNames));
  const canSwitch = useStore((state) => state.openHostClient !== null);
  const allHosts = useStore((state) => state.view === 'hosts');
  const showView = useStore((state) => state.showView);
  if (!canSwitch || names.length === 0) return null;
  return (
    <div className="host-switcher" role="group" aria-label="Hosts" data-testid="host-switcher">
      <div className="host-switcher-title" aria-hidden="true">
        Hosts
      </div>
      <LocalEntry />
      {names.map((name) => (
        <HostEntry key={name} name={name} />
      ))}
      <button
        type="button"
        className={`nav-item${allHosts ? ' selected' : ''}`}
        data-testid="nav-hosts"
        aria-current={allHosts ? 'page' : undefined}
        onClick={() => showView('hosts')}
      >
        All hosts
      </button>
    </div>
  );
}

function LocalEntry() {
  const state = useStore((store) => localLinkState(store.connection));
  const active = useStore((store) => store.activeHost === null);
  return <Entry name={null} label="Local" state={active ? state : 'connected'} error={null} active={active} />;
}

function HostEntry({ name }: { name: string }) {
  const link = useStore((state) => state.hostLinks[name]);
  const active = useStore((state) => state.activeHost === name);
  return <Entry name={name} label={name} state={link?.state ?? 'idle'} error={link?.error ?? null} active={active} />;
}

function Entry(props: {
  name: string | null;
  label: string;
  state: HostLinkState;
  error: string | null;
  active: boolean;
}) {
  const switchHost = useStore((state) => state.switchHost);
  const tip = props.error ? `${hostStateText[props.state]}: ${props.error}` : hostStateText[props.state];
  return (
    <button
      type="button"
      className={`nav-item host-entry${props.active ? ' active' : ''}`}
      data-testid="host-entry"
      data-host={props.name ?? ''}
      data-state={props.state}
      aria-pressed={props.active}
      title={tip}
      onClick={() => switchHost(props.name)}
    >
      <span className={`host-dot ${props.state}`} role="img" aria-label={tip} />
      <span className="host-name">{props.label}</span>
      {props.state === 'failed' && props.error && <span className="host-error">{props.error}</span>}
    </button>
  );
}

/** The hosts to list: hosts.json's, and the one shown even if it was just removed, so the way back stays. */
function shownHostNames(state: Pick<RootState, 'hosts' | 'activeHost'>): string[] {
  const names = state.hosts.map((host) => host.name);
  return state.activeHost === null || names.includes(state.activeHost) ? names : [...names, state.activeHost];
}
