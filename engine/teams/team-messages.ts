import { teammateHeading } from '../../shared/team.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { readEventLog } from '../store/event-log.js';
import { sendMessage } from '../tasks/messages.js';
import { requireTeamTask, subtasksOf } from './team-members.js';

/** A message a teammate sent, as read_messages returns it. */
export interface TeamMessage {
  from: string;
  text: string;
  at: string;
}

/**
 * Sends a message from one task of a team to another (`to` is a task id, or "lead"): recorded in the receiver's thread
 * as a user message labelled with the sender, and run as the receiver's next turn (after its current turn ends).
 * Refused for a task outside the sender's team, for itself, and for an empty text.
 */
export function sendTeamMessage(context: EngineContext, fromId: string, to: string, text: string): string {
  const sender = requireTeamTask(context, fromId);
  const targetId = to.trim() === 'lead' ? sender.leadId : to.trim();
  const body = text.trim();
  if (!body) throw new EngineError('invalidInput', 'The message is empty. Write what you want to tell your teammate.');
  if (targetId === fromId)
    throw new EngineError('invalidInput', 'That is your own task id; send the message to a teammate.');
  const team = [sender.leadId, ...subtasksOf(context, sender.leadId).map((record) => record.task.id)];
  if (!team.includes(targetId))
    throw new EngineError(
      'notInTeam',
      `Task ${targetId} is not in your team, so it cannot get your message. Your team: ${team.filter((id) => id !== fromId).join(', ') || 'nobody else yet'} ("lead" names the lead).`,
    );
  const receiver = context.store.require(targetId);
  sendMessage(context, receiver, `${teammateHeading(sender.task)}\n${body}`, { origin: 'teammate', from: fromId });
  return targetId;
}

/** The messages teammates sent this task, oldest first (each also ran as a turn when it arrived). */
export function readTeamMessages(context: EngineContext, taskId: string): TeamMessage[] {
  const record = requireTeamTask(context, taskId);
  return readEventLog(record.log.path).events.flatMap((event) =>
    event.type === 'user.message' && event.origin === 'teammate'
      ? [{ from: event.from ?? 'unknown', text: event.text, at: event.at }]
      : [],
  );
}
