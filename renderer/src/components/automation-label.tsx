/** "by review": the automation that started a task, with why it fired as the title. */
export function AutomationLabel({ name, reason, className }: { name: string; reason: string; className?: string }) {
  return (
    <span
      className={`automation-label${className ? ` ${className}` : ''}`}
      data-testid="task-automation"
      title={reason ? `Started by the automation ${name}: ${reason}` : `Started by the automation ${name}`}
    >
      by {name}
    </span>
  );
}
