/**
 * The checkout panels' shared CSS (room list, guest form, confirmation): the host box,
 * buttons, links and fields on top of the palette. Its own module so that it travels in
 * the checkout's file: the calendar step takes only the palette and visually-hidden text.
 */
import { css } from 'lit';
import { palette, visuallyHidden } from './base.styles.js';

export const baseStyles = css`
  ${palette}
  :host {
    --_radius: var(--staymod-radius, 10px);
    --_font: var(--staymod-font, inherit);
    --_space: var(--staymod-spacing, 1rem);

    display: block;
    box-sizing: border-box;
    color: var(--_text);
    font-family: var(--_font);
    line-height: 1.5;
    /* Sizes itself to the host's column, so layouts react to the widget's width, not the page's. */
    container-type: inline-size;
    min-inline-size: 0;
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  /* Data from the property may be anything: long words wrap, bidi overrides stay contained. */
  .text {
    overflow-wrap: anywhere;
    unicode-bidi: isolate;
    min-inline-size: 0;
  }

  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-block-size: 2.75rem;
    padding-block: 0.5em;
    padding-inline: 1.1em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    transition: background-color 120ms ease, border-color 120ms ease;
  }

  .button:hover:not(:disabled, [aria-disabled='true']) {
    border-color: var(--_accent);
  }

  .button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-contrast);
  }

  .button.primary:hover:not(:disabled, [aria-disabled='true']) {
    filter: brightness(1.08);
  }

  .button:disabled,
  .button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.55;
  }

  .link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent-text);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }

  :focus-visible,
  .button:focus-visible,
  .link:focus-visible {
    outline: 3px solid var(--_accent-text);
    outline-offset: 2px;
  }

  ${visuallyHidden}

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
