/** The +/− line counts of a file, a whole diff or a task, coloured added and removed. */
export function Counts({
  additions,
  deletions,
  binary = false,
}: {
  additions: number;
  deletions: number;
  binary?: boolean;
}) {
  if (binary)
    return (
      <span className="fl-review-counts fl-review-muted" aria-hidden="true">
        bin
      </span>
    );
  return (
    <span className="fl-review-counts" aria-hidden="true">
      <span className="counts-add">+{additions}</span> <span className="counts-del">−{deletions}</span>
    </span>
  );
}
