/**
 * Test helper (browser tests only, never imported by an element): runs axe-core's
 * WCAG 2 A/AA rules on an element, shadow roots included, and returns readable
 * violations. axe-core is loaded as a classic script from node_modules.
 */
interface AxeResult {
  violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[] }> }>;
}
type AxeGlobal = { run(context: Element, options: object): Promise<AxeResult> };

async function loadAxe(): Promise<AxeGlobal> {
  const w = window as unknown as { axe?: AxeGlobal };
  if (!w.axe) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('axe-core could not be loaded from /node_modules/axe-core/axe.min.js'));
      document.head.append(script);
    });
  }
  return w.axe!;
}

export async function a11yViolations(element: Element): Promise<string[]> {
  const axe = await loadAxe();
  const result = await axe.run(element, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
}
