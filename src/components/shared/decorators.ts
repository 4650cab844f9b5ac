/**
 * Lit's `@property()` and `@state()` for legacy (experimentalDecorators) fields only:
 * Lit's own also carry the standard-decorator path, which this package never uses.
 */
import type { PropertyDeclaration, ReactiveElement } from 'lit';

export const property =
  (options?: PropertyDeclaration) =>
  (proto: ReactiveElement, name: string): void =>
    (proto.constructor as typeof ReactiveElement).createProperty(name, options);

export const state = (): ReturnType<typeof property> => property({ state: true, attribute: false });
