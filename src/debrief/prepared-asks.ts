import type { Actor, FieldErrors, IncomingSubmission } from '../base/incoming';
import type { Block, FormField } from '../base/reply';

/**
 * The asks prepared for a debriefed meeting, as the debrief sees them: a port the engagement feature
 * fills, so a debrief knows nothing of how asks and commitments are kept. For a meeting nobody
 * prepared, there are no fields and nothing to record.
 */
export interface PreparedAsks {
  /** Fields asking what the company said on each prepared ask, and for commitments nobody prepared for. */
  fields(actor: Actor, debrief: { id: string; company: string }): Promise<FormField[]>;
  /** Reads those fields: per-field errors, or what to record once the debrief answer is stored. */
  read(submission: IncomingSubmission, debrief: { id: string; company: string }): Promise<{ errors: FieldErrors } | { record(): Promise<Block[]> }>;
}
