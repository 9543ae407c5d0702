import type { Handlers } from './handler.js';

/** Engine settings: read them, change some. */
export const settingsCommands: Handlers<'settings/get' | 'settings/update'> = {
  async 'settings/get'(context) {
    return { settings: context.config.settings };
  },
  async 'settings/update'(context, params) {
    Object.assign(
      context.config.settings,
      Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)),
    );
    context.config.save();
    return { settings: context.config.settings };
  },
};
