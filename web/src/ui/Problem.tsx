// One announced line saying what went wrong (a field's rule, a failed request), or nothing.
import type { ReactNode } from "react";

export function Problem({ children, id }: { children: ReactNode; id?: string }) {
  if (!children) return null;
  return (
    <p id={id} role="alert" className="tx-status error">
      {children}
    </p>
  );
}
