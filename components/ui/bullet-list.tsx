/** Sentences as a bulleted list (warnings, changes); nothing at all when there are none. */
export function BulletList({ items, className = "", testId }: { items: string[]; className?: string; testId?: string }) {
  if (items.length === 0) return null;
  return (
    <ul className={`list-disc pl-5 text-sm ${className}`} data-testid={testId}>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}
