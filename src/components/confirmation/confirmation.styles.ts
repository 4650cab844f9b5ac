import { css } from 'lit';

export const confirmationStyles = css`
  section {
    display: grid;
    gap: var(--_space);
    justify-items: start;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  h2,
  p {
    margin: 0;
  }

  h2 {
    font-size: 1.35rem;
  }

  .mark {
    display: grid;
    place-items: center;
    inline-size: 2.5rem;
    block-size: 2.5rem;
    border-radius: 50%;
    background: var(--_success);
    color: var(--_surface);
    font-size: 1.35rem;
    font-weight: 700;
  }

  dl {
    display: grid;
    gap: 0.625rem;
    inline-size: 100%;
    margin: 0;
  }

  dl > div {
    display: grid;
    gap: 0.125rem;
    min-inline-size: 0;
  }

  @container (min-width: 30rem) {
    dl > div {
      grid-template-columns: 9rem minmax(0, 1fr);
      gap: var(--_space);
    }
  }

  dt {
    color: var(--_muted);
  }

  dd {
    margin: 0;
    min-inline-size: 0;
  }

  dd ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .clamp {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
    overflow: hidden;
  }

  .reference-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }

  .reference {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 1.05rem;
    font-weight: 600;
    user-select: all;
  }

  .total dd {
    font-weight: 700;
    font-size: 1.15rem;
  }

  .copy-status:empty {
    display: none;
  }

  .copy-status {
    color: var(--_success);
  }

  .copy-status.failed {
    color: var(--_danger);
  }

  .note {
    color: var(--_muted);
  }

  /* The heading takes focus only to guide screen readers; it is not a control, so no ring. */
  h2:focus {
    outline: none;
  }
`;
