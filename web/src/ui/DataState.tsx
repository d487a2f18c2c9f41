// Loading, error and empty states of a data-backed section, in a box that keeps its height so
// nothing jumps when data arrives.
import type { ReactNode } from "react";

export function DataState({
  loading,
  error,
  empty,
  emptyText,
  minHeight = "6rem",
  children,
}: {
  loading: boolean;
  error: Error | null | undefined;
  empty?: boolean;
  emptyText?: string;
  minHeight?: string;
  children: ReactNode;
}) {
  if (error)
    return (
      <div className="data-state error" role="alert" style={{ minHeight }}>
        {error.message}
      </div>
    );
  if (loading)
    return (
      <div className="data-state loading" role="status" aria-busy="true" style={{ minHeight }}>
        Loading…
      </div>
    );
  if (empty)
    return (
      <div className="data-state empty" style={{ minHeight }}>
        {emptyText ?? "Nothing yet."}
      </div>
    );
  return <div style={{ minHeight }}>{children}</div>;
}
