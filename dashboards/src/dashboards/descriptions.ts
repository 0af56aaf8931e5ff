/**
 * The sentences panel descriptions share, so every panel states what it counts, on which time
 * field and over which window in the same words.
 */
export const UNIQUE_FINDINGS =
  'Counts unique findings: the findings index keeps one document per finding id (its latest state), so a finding updated many times counts once. Time field: @timestamp, the finding\'s updatedAt; window: the dashboard time range.';

export const OCCURRENCES =
  'Counts new occurrences: Σ count_delta over the occurrences index, where each document is one update of a finding and count_delta is how much GuardDuty\'s service.count grew since the previous update. Time field: @timestamp, the update\'s updatedAt; window: the dashboard time range.';

export const FILTERS =
  'Filtered by the dashboard variables (account, region, severity, threat purpose, resource type); sample and archived findings are excluded unless their toggles are on.';
