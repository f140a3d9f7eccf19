"use client";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/** Small screens: the sidebar folds into a menu, which closes once a page is chosen. */
export function MobileMenu({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  return (
    <details ref={ref} className="relative md:hidden">
      <summary className="cursor-pointer list-none rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium">Menu</summary>
      <div className="absolute right-0 z-30 mt-2 w-64 space-y-4 rounded-lg bg-slate-900 p-3 shadow-xl">{children}</div>
    </details>
  );
}
