import { css } from 'lit';

export const guestFormStyles = css`
  form {
    display: grid;
    gap: var(--_space);
  }

  h2,
  p {
    margin: 0;
  }

  h2 {
    font-size: 1.25rem;
  }

  .error-summary:empty {
    display: none;
  }

  .error-summary {
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_danger);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    color: var(--_danger);
    font-weight: 600;
  }

  .field {
    display: grid;
    gap: 0.3rem;
    min-inline-size: 0;
  }

  label {
    font-weight: 600;
  }

  .hint {
    color: var(--_muted);
    font-weight: normal;
    font-size: 0.9em;
  }

  .why {
    margin: 0;
  }

  input,
  textarea {
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding-block: 0.5rem;
    padding-inline: 0.75rem;
    border: 1px solid color-mix(in srgb, var(--_border) 40%, var(--_muted));
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  textarea {
    resize: vertical;
    min-block-size: 6rem;
  }

  input[readonly],
  textarea[readonly] {
    background: color-mix(in srgb, var(--_surface) 92%, var(--_muted));
  }

  .invalid input,
  .invalid textarea {
    border-color: var(--_danger);
    border-width: 2px;
  }

  input:focus-visible,
  textarea:focus-visible {
    outline: 3px solid var(--_accent-text);
    outline-offset: 1px;
  }

  .error {
    color: var(--_danger);
    font-size: 0.925rem;
  }

  .total {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5rem;
    font-size: 1.1rem;
  }

  .actions {
    display: flex;
    flex-wrap: wrap-reverse;
    justify-content: space-between;
    gap: calc(var(--_space) / 2);
  }

  .actions .button {
    flex: 1 1 auto;
  }

  @container (min-width: 32rem) {
    .actions .button {
      flex: 0 0 auto;
    }
  }
`;
