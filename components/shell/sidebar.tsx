"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavSection } from "@/lib/navigation";

export function Sidebar({ sections, label = "Main" }: { sections: NavSection[]; label?: string }) {
  const pathname = usePathname();
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <nav aria-label={label} className="space-y-6">
      {sections.map((section) => (
        <div key={section.title ?? "main"}>
          {section.title ? <p className="mb-1.5 px-3 text-xs font-semibold uppercase tracking-wider text-slate-400">{section.title}</p> : null}
          <ul className="space-y-0.5">
            {section.items.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={isActive(item.href) ? "page" : undefined}
                  className={`block rounded-md px-3 py-1.5 text-sm font-medium ${
                    isActive(item.href) ? "bg-slate-700 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"
                  }`}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
