// Broken on purpose: a cycle through a type-only import (a ↔ b).
import type { B } from './cycle-b';

export interface A {
  b?: B;
}
