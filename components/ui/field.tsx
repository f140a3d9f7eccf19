import type { ComponentProps, ReactNode } from "react";

const control = "block rounded-md border bg-white px-2.5 py-1.5 text-sm shadow-sm placeholder:text-slate-400 disabled:bg-slate-100";
const ok = "border-slate-300 focus:border-blue-600";
const bad = "border-red-500 focus:border-red-600";

export function controlClass(error?: string, extra = ""): string {
  // Full width unless the caller sets a width of its own (Tailwind cannot let a later class win).
  const width = /(^|\s)w-/.test(extra) ? "" : "w-full";
  return `${control} ${width} ${error ? bad : ok} ${extra}`;
}

/** A labelled form control with its hint and its validation message. */
export function Field({
  label,
  htmlFor,
  hint,
  error,
  children,
  className = "",
}: {
  label: ReactNode;
  htmlFor: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${htmlFor}-error`} className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : hint ? (
        <p className="text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
}

export function Input({ error, className = "", ...props }: ComponentProps<"input"> & { error?: string }) {
  return (
    <input
      className={controlClass(error, className)}
      aria-invalid={error ? true : undefined}
      aria-describedby={error && props.id ? `${props.id}-error` : undefined}
      {...props}
    />
  );
}

export function Select({ error, className = "", ...props }: ComponentProps<"select"> & { error?: string }) {
  return <select className={controlClass(error, className)} aria-invalid={error ? true : undefined} {...props} />;
}

export function Textarea({ error, className = "", ...props }: ComponentProps<"textarea"> & { error?: string }) {
  return <textarea className={controlClass(error, className)} aria-invalid={error ? true : undefined} {...props} />;
}
