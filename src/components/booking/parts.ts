/** Forwards a panel's parts as `<panel>__<part>` (Web Awesome's convention), e.g. `::part(calendar__day)`. */
export const forward = (panel: string, parts: string): string =>
  parts
    .split(' ')
    .map((p) => `${p}:${panel}__${p}`)
    .join(', ');
