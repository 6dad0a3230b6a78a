import { AlertMessage } from '../channels/alert-message';

/**
 * A notification decided by a state change, committed in the same write as that change (in
 * the group's state, `AlertGroupState.unsent`), so a crash right after the commit cannot lose
 * it. The notifier turns it into one outbox entry per channel and then drops it from the state.
 */
export interface NotificationIntent {
  id: string;
  message: AlertMessage;
  channelIds: string[];
}
