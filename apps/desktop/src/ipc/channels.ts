/** Electron IPC channel names shared by main and the preload (the tRPC traffic itself goes over a MessagePort). */
export const CHANNELS = {
  /** preload → main: give this page a port to the core */
  connectCore: 'makeries:connect-core',
  /** main → preload: the port (in `event.ports[0]`) */
  corePort: 'makeries:core-port',
  /** invoke: the current update state */
  updateState: 'makeries:update-state',
  /** main → preload: the update state changed */
  updateStateChanged: 'makeries:update-state-changed',
  /** invoke: staff chose to restart and update now */
  installUpdate: 'makeries:install-update',
} as const;

/** How main hands the app version to the sandboxed preload (which cannot read package.json). */
export const VERSION_ARG = '--makeries-version=';
