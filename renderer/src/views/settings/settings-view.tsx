import { DefaultsSection } from './defaults-section.js';
import { McpSection } from './mcp-section.js';
import { NotificationsSection } from './notifications-section.js';
import { PricesSection } from './prices-section.js';
import { ProvidersSection } from './providers-section.js';
import { ReposSection } from './repos-section.js';
import { StorageSection } from './storage-section.js';

/**
 * Settings: providers and keys, defaults, browser notifications, repositories, MCP servers, worktrees of merged tasks,
 * prices.
 */
export function SettingsView() {
  return (
    <section className="settings-view" aria-label="Settings">
      <header className="view-header">
        <h1>Settings</h1>
      </header>
      <div className="settings-body">
        <ProvidersSection />
        <DefaultsSection />
        <NotificationsSection />
        <ReposSection />
        <McpSection />
        <StorageSection />
        <PricesSection />
      </div>
    </section>
  );
}
