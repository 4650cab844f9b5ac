/** Renders a Lit template into the document for a component test, and cleans up after each test. */
import { render, type TemplateResult } from 'lit';

const containers = new Set<HTMLElement>();

export async function fixture<T extends Element>(template: TemplateResult): Promise<T> {
  const container = document.createElement('div');
  document.body.append(container);
  containers.add(container);
  render(template, container);
  const element = container.firstElementChild as T | null;
  if (!element) throw new Error('fixture rendered nothing');
  await (element as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  return element;
}

export function cleanup(): void {
  for (const container of containers) container.remove();
  containers.clear();
}

/** Resolves after an element (and Lit's microtasks) settled. */
export async function settled(element: Element): Promise<void> {
  await (element as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  await new Promise((r) => requestAnimationFrame(() => r(null)));
}
