/**
 * Shared CSS for every staymod element: theme tokens (custom properties with
 * fallbacks, so a host can theme from outside the shadow roots) and visually-hidden
 * text. The checkout panels' buttons and fields are in ./panel.styles.ts.
 */
import { css, unsafeCSS } from 'lit';

/** Text for screen readers only; shared by every element (booking and calendar do not take baseStyles). */
export const visuallyHidden = css`
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;

/** Lightness far from the origin's (`l`), on the other side of the middle grey where black and white text tie. */
const away = (k: number) => unsafeCSS(`clamp(0, l - ${k} * sign(l - 0.57), 1)`);

/**
 * Colour tokens for every element's :host. A host's --staymod-* win. What the host
 * leaves unset is derived from the colours it did set (surface, text, accent), so no
 * host colour meets a default it was not chosen for (dark-mode text on a host's light
 * surface, white on a light accent). With no host colour the defaults stay as designed.
 * <staymod-booking> sets --_theme-* for its dark palette.
 */
export const palette = css`
  :host {
    --_surface: var(--staymod-surface, var(--_theme-surface, #fff));
    --_accent: var(--staymod-accent, var(--_theme-accent, #0f766e));
    --_text: var(--staymod-text, var(--_derived-text, var(--_theme-text, #1f2937)));
    --_muted: var(--staymod-muted, var(--_derived-muted, var(--_theme-muted, #6b7280)));
    --_border: var(--staymod-border, var(--_derived-border, var(--_theme-border, #e5e7eb)));
    --_danger: var(--staymod-danger, var(--_derived-danger, var(--_theme-danger, #b91c1c)));
    --_success: var(--staymod-success, var(--_derived-success, var(--_theme-success, #15803d)));
    --_accent-contrast: var(--staymod-accent-contrast, var(--_derived-on-accent, var(--_theme-accent-contrast, #fff)));
    /* The accent where it is text or a thin line on the surface (links, outlines). */
    --_accent-text: var(--_derived-accent-text, var(--_accent));
  }
  /* Each --_derived-* names --staymod-* without a fallback: unset, it is invalid and the default wins. */
  @supports (color: oklch(from red clamp(0, l - 0.5 * sign(l - 0.5), 1) none none)) {
    :host {
      /* A host that set only its text colour gets a surface that suits it (also in dark mode). */
      --_host-surface: var(--staymod-surface, oklch(from var(--staymod-text) ${away(0.75)} 0 0));
      --_derived-text: oklch(from var(--_host-surface) ${away(0.75)} 0 0);
      --_derived-muted: oklch(from var(--_host-surface) ${away(0.5)} 0 0);
      --_derived-border: oklch(from var(--_host-surface) ${away(0.2)} 0 0);
      --_derived-danger: color-mix(in oklch, #b91c1c 0%, oklch(from var(--_host-surface) ${away(0.55)} none none));
      --_derived-success: color-mix(in oklch, #15803d 0%, oklch(from var(--_host-surface) ${away(0.55)} none none));
      --_derived-on-accent: oklch(from var(--staymod-accent) ${away(0.75)} 0 0);
      --_derived-accent-text: var(--_surface-accent-text, var(--_accent-accent-text));
      --_surface-accent-text: color-mix(in oklch, var(--_accent) 0%, oklch(from var(--_host-surface) ${away(0.55)} none none));
      --_accent-accent-text: color-mix(in oklch, var(--staymod-accent) 0%, oklch(from var(--_surface) ${away(0.55)} none none));
    }
  }
`;
