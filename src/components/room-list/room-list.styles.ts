import { css } from 'lit';

export const roomListStyles = css`
  section {
    display: grid;
    gap: var(--_space);
  }

  h2,
  h3,
  p {
    margin: 0;
  }

  h2 {
    font-size: 1.25rem;
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: calc(var(--_space) / 2);
  }

  .stay,
  .muted {
    color: var(--_muted);
  }

  .label {
    font-weight: 600;
  }

  .guests,
  .quantity {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_space) / 2);
  }

  .stepper {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
  }

  .step {
    min-inline-size: 2.75rem;
    padding-inline: 0.5em;
    font-size: 1.15rem;
    line-height: 1;
  }

  output {
    min-inline-size: 2.5ch;
    text-align: center;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }

  .rooms {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .room {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    overflow: hidden;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  @container (min-width: 36rem) {
    .room {
      grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
    }
  }

  /* Dimmed without opacity on text, so every word keeps its contrast. */
  .room.unavailable {
    border-style: dashed;
  }

  .room.unavailable .media {
    filter: grayscale(1);
    opacity: 0.55;
  }

  .room.unavailable .name {
    color: var(--_muted);
  }

  .media {
    position: relative;
    align-self: start;
    margin: 0;
    min-inline-size: 0;
  }

  .body .link {
    justify-self: start;
  }

  /* A fixed ratio reserves the space before the image loads: no layout jump. */
  .media img,
  .media.placeholder {
    display: block;
    inline-size: 100%;
    block-size: auto;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    background: var(--_border);
  }

  .gallery {
    position: absolute;
    inset-inline: 0;
    inset-block-end: 0;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.5rem;
    background: linear-gradient(transparent, rgb(0 0 0 / 0.55));
    color: #fff;
    font-size: 0.875rem;
  }

  .gallery .step {
    min-block-size: 2.25rem;
    min-inline-size: 2.25rem;
    /* The element's own surface and text: readable in light and dark, over any photo. */
    background: color-mix(in srgb, var(--_surface) 90%, transparent);
    color: var(--_text);
  }

  .body {
    display: grid;
    align-content: start;
    gap: calc(var(--_space) / 2);
    padding: var(--_space);
    min-inline-size: 0;
  }

  .name {
    font-size: 1.1rem;
  }

  /* Clamped text keeps a hostile 10 000-character name from taking over the card. */
  .clamp {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
    overflow: hidden;
  }

  .tagline.clamp,
  .option-name.clamp,
  .option-description.clamp {
    -webkit-line-clamp: 2;
  }

  .description.clamp {
    -webkit-line-clamp: 4;
  }

  .facts,
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
    min-inline-size: 0;
  }

  .facts {
    color: var(--_muted);
    font-size: 0.925rem;
  }

  .few {
    color: var(--_danger);
    font-weight: 600;
  }

  .chips {
    gap: 0.375rem;
  }

  .chip {
    max-inline-size: 100%;
    overflow: hidden;
    padding-block: 0.125rem;
    padding-inline: 0.625rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
    font-size: 0.825rem;
    white-space: nowrap;
    text-overflow: ellipsis;
  }

  .more-chips summary,
  .breakdown summary {
    cursor: pointer;
    color: var(--_accent-text);
  }

  .more-chips .chips {
    margin-block-start: 0.375rem;
  }

  .price {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.5rem;
  }

  .price strong {
    font-size: 1.2rem;
  }

  .breakdown table {
    inline-size: 100%;
    margin-block-start: 0.375rem;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }

  .breakdown th,
  .breakdown td {
    padding-block: 0.2rem;
    border-block-end: 1px solid var(--_border);
    font-weight: normal;
    text-align: start;
  }

  .breakdown td {
    text-align: end;
  }

  .unavailable-reason {
    color: var(--_danger);
    font-weight: 600;
  }

  .empty {
    padding: var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    text-align: center;
  }

  .extras {
    display: grid;
    gap: calc(var(--_space) / 2);
    margin: 0;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-inline-size: 0;
  }

  legend {
    padding-inline: 0.25rem;
    font-weight: 600;
  }

  .option {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0.25rem 0.625rem;
    align-items: start;
  }

  .option input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0.15rem 0 0;
    accent-color: var(--_accent);
  }

  .option label {
    display: grid;
    cursor: pointer;
    min-inline-size: 0;
  }

  .option-price {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 0.75rem;
    grid-column: 2;
    font-size: 0.925rem;
  }

  @container (min-width: 36rem) {
    .option {
      grid-template-columns: auto minmax(0, 1fr) auto;
    }
    .option-price {
      grid-column: 3;
      display: grid;
      justify-items: end;
    }
  }

  /*
   * WCAG 2.4.11: the sticky bar must never cover the focused control. Whatever scrolls
   * a control into view (Tab, focus()) stops this far above the bottom: the bar's
   * height, measured by a ResizeObserver into --_bar-block, plus a gap.
   */
  :is(button, input, summary, a, [tabindex]):not(.summary *) {
    scroll-margin-block-end: calc(var(--_bar-block, 6rem) + 0.5rem);
  }

  .summary {
    position: sticky;
    inset-block-end: 0;
    display: grid;
    gap: 0.5rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .total-line {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5rem;
  }

  .total {
    font-size: 1.3rem;
  }

  .reason:empty {
    display: none;
  }

  .reason {
    color: var(--_danger);
  }

  @container (min-width: 36rem) {
    .summary {
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: center;
    }
    .summary .button {
      grid-row: 1 / span 2;
      grid-column: 2;
    }
  }
`;
