import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A stand-in for a Lit element hosting reactive controllers: it counts the updates asked
 * of it, as an element would render, and `connect`/`disconnect` call the controllers' hooks.
 */
export function controllerHost() {
  const controllers: ReactiveController[] = [];
  const host = {
    updates: 0,
    addController: (c: ReactiveController) => void controllers.push(c),
    removeController() {},
    requestUpdate() {
      host.updates++;
    },
    updateComplete: Promise.resolve(true),
    connect: () => controllers.forEach((c) => c.hostConnected?.()),
    disconnect: () => controllers.forEach((c) => c.hostDisconnected?.()),
  };
  return host as typeof host & ReactiveControllerHost;
}
