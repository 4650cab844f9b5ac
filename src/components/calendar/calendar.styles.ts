import { css } from 'lit';
import { palette, visuallyHidden } from '../shared/base.styles.js';

export const calendarStyles = css`
  ${palette}
  :host {
    --_radius: var(--staymod-radius, 10px);
    --_space: var(--staymod-spacing, 1rem);
    display: block;
    container-type: inline-size;
    font-family: var(--staymod-font, inherit);
    color: var(--_text);
  }

  :host([hidden]) {
    display: none;
  }

  .calendar {
    position: relative;
    background: var(--_surface);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.75);
  }

  .months {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_space) * 1.5);
  }

  /* A data attribute, not an inline style: a strict CSP (no style-src-attr) blocks style="". */
  @container (min-width: 480px) {
    .months[data-months='2'] {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }

  /* A narrow calendar (its months stack, above) keeps its room for the days. */
  @container (max-width: 479.98px) {
    .calendar {
      padding: calc(var(--_space) * 0.25);
    }
  }

  /* A small phone: smaller arrows and tighter captions, so the title keeps its room. */
  @container (max-width: 320px) {
    .nav {
      inline-size: 32px;
      block-size: 32px;
    }
    .month:not(:first-child) .caption::before,
    .month:not(:last-child) .caption::after {
      inline-size: 32px;
    }
    .caption {
      gap: 2px;
    }
  }

  .caption {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    min-block-size: 40px;
    margin-block-end: calc(var(--_space) * 0.5);
  }

  .title {
    flex: 1;
    text-align: center;
    font-weight: 600;
  }

  .nav {
    inline-size: 40px;
    block-size: 40px;
    display: grid;
    place-items: center;
    border: 1px solid var(--_border);
    border-radius: 50%;
    background: var(--_surface);
    color: inherit;
    padding: 0;
    cursor: pointer;
  }

  .nav[aria-disabled='true'] {
    opacity: 0.4;
    cursor: not-allowed;
  }

  /* A lone prev or next keeps the title centred. */
  .month:not(:first-child) .caption::before,
  .month:not(:last-child) .caption::after {
    content: '';
    inline-size: 40px;
  }

  :host(:dir(rtl)) .chevron {
    transform: scaleX(-1);
  }

  /* Seven equal columns that shrink with the widget: a 280 px phone must not lose Sunday. */
  .week {
    display: grid;
    grid-template-columns: repeat(7, minmax(0, 1fr));
  }

  .weekday {
    text-align: center;
    font-size: 0.75rem;
    color: var(--_muted);
    padding-block: 0.25rem;
  }

  .cell {
    position: relative;
    display: flex;
    padding-block: 1px;
  }

  .cell[aria-selected='true'] {
    background: color-mix(in srgb, var(--_accent) 14%, transparent);
  }

  /* Classes on the cell, not :has(): a :has() rule makes every class change re-check the grid's styles. */
  .cell.start {
    border-start-start-radius: var(--_radius);
    border-end-start-radius: var(--_radius);
  }

  .cell.end {
    border-start-end-radius: var(--_radius);
    border-end-end-radius: var(--_radius);
  }

  .day {
    flex: 1;
    min-inline-size: 0;
    min-block-size: 44px;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: flex-start;
    /* Room for the price, drawn over the bottom of the button. */
    padding: 6px 0 1.05rem;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) * 0.7);
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
    transition: background-color 120ms ease;
  }

  .day:hover:not([aria-disabled='true']) {
    border-color: var(--_accent);
  }

  .day:focus-visible,
  .nav:focus-visible,
  .clear:focus-visible {
    outline: 2px solid var(--_accent-text);
    outline-offset: 2px;
    position: relative;
    z-index: 1;
  }

  .day[aria-disabled='true'] {
    color: var(--_muted);
    cursor: not-allowed;
  }

  .day.past .number,
  .day.sold-out .number {
    text-decoration: line-through;
  }

  .day.today .number {
    font-weight: 700;
    text-decoration: underline;
    text-underline-offset: 3px;
  }

  .day.preview {
    background: color-mix(in srgb, var(--_accent) 10%, transparent);
  }

  .day.edge {
    background: var(--_accent);
    color: var(--_accent-contrast);
  }

  .number {
    font-size: 0.95rem;
    line-height: 1.1;
  }

  .mark {
    position: absolute;
    inset-inline: 2px;
    inset-block-end: 6px;
    text-align: center;
    font-size: 0.65rem;
    line-height: 1;
    color: var(--_muted);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    /* Clicks and hovers go to the day button beneath. */
    pointer-events: none;
  }

  /* Muted grey is too faint on the tinted range. */
  .cell[aria-selected='true'] .mark,
  .preview + .mark {
    color: var(--_text);
  }

  .cell .edge + .mark {
    color: var(--_accent-contrast);
  }

  .sold-out + .mark {
    color: var(--_danger);
  }

  /* Opacity only: the compositor animates it without repainting the grid every frame. */
  .shimmer {
    display: inline-block;
    inline-size: 2.2em;
    block-size: 0.6em;
    border-radius: 3px;
    background: var(--_border);
    animation: shimmer 1.2s ease-in-out infinite alternate;
  }

  @keyframes shimmer {
    from {
      opacity: 1;
    }
    to {
      opacity: 0.35;
    }
  }

  .price-note {
    margin: calc(var(--_space) * 0.5) 0 0;
    font-size: 0.8rem;
    color: var(--_muted);
  }

  .price-note[data-idle] {
    visibility: hidden;
  }

  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_space) * 0.5);
    margin-block-start: calc(var(--_space) * 0.75);
  }

  .status {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5em;
    font-size: 0.9rem;
  }

  .legend {
    margin: 0;
    font-size: 0.85rem;
    opacity: 0.8;
  }

  .status .why {
    color: var(--_danger);
  }

  .clear {
    min-block-size: 40px;
    padding-inline: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }

  ${visuallyHidden}

  /* Windows high contrast drops backgrounds: keep the range and the ends visible. */
  @media (forced-colors: active) {
    .cell[aria-selected='true'] .day {
      border-color: Highlight;
    }
    .day.edge {
      border: 2px solid Highlight;
    }
    .day[aria-disabled='true'] {
      color: GrayText;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .day,
    .shimmer {
      transition: none;
      animation: none;
    }
  }
`;
