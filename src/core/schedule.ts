// The schedule API in one place: grammar (schedule-fields.ts), next runs and time zones
// (schedule-next.ts), English (describe.ts).

export { parseSchedule, scanSchedule, KEYWORD_NAMES, type FieldsSpec, type ScheduleScan } from './schedule-fields.js';
export { nextRuns, neverRuns, scheduleTimeZone, isTimeZone } from './schedule-next.js';
export { describeSchedule } from './describe.js';
