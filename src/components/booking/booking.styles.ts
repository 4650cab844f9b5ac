import { css } from 'lit';
import { palette, visuallyHidden } from '../shared/base.styles.js';

/**
 * The dark palette: from `theme="dark"`, or from the OS preference under `theme="auto"`.
 * Only defaults: a host's --staymod-* still win, and what they leave unset is derived
 * from them (see palette), so OS dark never puts light text on a host's light surface.
 */
const darkTokens = css`
  --_theme-surface: var(--staymod-dark-surface, var(--_host-surface, #111827));
  --_theme-text: var(--staymod-dark-text, #f3f4f6);
  --_theme-muted: var(--staymod-dark-muted, #9ca3af);
  --_theme-border: var(--staymod-dark-border, #374151);
  --_theme-accent: var(--staymod-dark-accent, #2dd4bf);
  --_theme-accent-contrast: var(--staymod-dark-accent-contrast, #042f2e);
  --_theme-danger: var(--staymod-dark-danger, #f87171);
  --_theme-success: var(--staymod-dark-success, #4ade80);
  color-scheme: dark;
`;

/**
 * Theme tokens live on the host, so every inner element (and the host page) can
 * override them with `--staymod-*` custom properties. Dark comes from the
 * `theme` attribute or, with `theme="auto"` (default), from the OS preference.
 */
export const bookingStyles = css`
  ${palette}
  :host {
    --_radius: var(--staymod-radius, 10px);
    --_spacing: calc(var(--staymod-spacing, 1rem) * var(--staymod-density, 1));
    display: block;
    container-type: inline-size;
    container-name: staymod;
    /* No minimum: a host's column on a 280 px phone is narrower still (page margins). */
    min-inline-size: 0;
    color: var(--_text);
    background: var(--_surface);
    font-family: var(--staymod-font, inherit);
    font-size: var(--staymod-font-size, 1rem);
    line-height: 1.45;
    border-radius: var(--_radius);
    color-scheme: light;
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
    }
  }
  .base {
    display: grid;
    gap: var(--_spacing);
    padding: var(--_spacing);
  }
  /* The calendar step, loading or not: laid out as if its parts were .base's own (a host's ::part(base) gap included). */
  .step {
    display: grid;
    gap: inherit;
  }
  @container staymod (max-width: 360px) {
    .base {
      padding: calc(var(--_spacing) / 2);
    }
  }
  .notice {
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_accent);
    border-radius: var(--_radius);
    padding: calc(var(--_spacing) * 0.75);
  }
  .notice[data-tone='error'] {
    border-inline-start-color: var(--_danger);
  }
  .notice p {
    margin: 0 0 0.5rem;
  }
  .notice-heading {
    margin: 0 0 0.25rem;
    font-size: 1.1em;
  }
  .notice-heading:focus {
    outline: none;
  }
  .notice p:last-child {
    margin-block-end: 0;
  }
  .notice:focus-visible {
    outline: 2px solid var(--_accent-text);
    outline-offset: 2px;
  }
  .contact {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  .contact a {
    color: inherit;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  button {
    font: inherit;
    min-block-size: 2.5rem;
    padding: 0.4rem 1rem;
    border-radius: calc(var(--_radius) * 0.8);
    border: 1px solid var(--_border);
    background: transparent;
    color: var(--_text);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-contrast);
  }
  button:focus-visible {
    outline: 3px solid var(--_accent-text);
    outline-offset: 2px;
  }
  .summary {
    display: grid;
    gap: 0.25rem;
    padding: calc(var(--_spacing) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .summary div {
    display: flex;
    justify-content: space-between;
    gap: 1rem;
  }
  .summary dt {
    color: var(--_muted);
  }
  .summary dd {
    margin: 0;
    text-align: end;
    overflow-wrap: anywhere;
  }
  ${visuallyHidden}
`;
