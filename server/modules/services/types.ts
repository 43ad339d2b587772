// Small shared shapes of the service hall module.

/** A time limit on the business calendar (the same shape the case clocks use). */
export type StageLimitLike = { amount: number; unit: 'working_hours' | 'working_days' | 'hours' };
