/**
 * The registries the widget's tags are defined in (the page's, or a scoped one given
 * to `defineStaymodElements`), so elements that arrive later in a lazily loaded file
 * are defined in the same places. Guarded: a tag already defined is left alone.
 */
const registries = new Set<CustomElementRegistry>();

export function defineIn(registry: CustomElementRegistry, elements: Record<string, CustomElementConstructor>): void {
  registries.add(registry);
  for (const [tag, element] of Object.entries(elements)) {
    if (!registry.get(tag)) registry.define(tag, element);
  }
}

/** Defines late-arriving elements wherever the first ones were defined (the page's registry by default). */
export function defineLate(elements: Record<string, CustomElementConstructor>): void {
  if (!registries.size && typeof customElements !== 'undefined') registries.add(customElements);
  for (const registry of registries) defineIn(registry, elements);
}
