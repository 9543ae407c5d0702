/** An error message shown verbatim (engine messages say what to do), announced to screen readers. */
export function ErrorText({ error, testId }: { error: string | null; testId?: string }) {
  if (!error) return null;
  return (
    <p className="error-text" role="alert" data-testid={testId}>
      {error}
    </p>
  );
}
