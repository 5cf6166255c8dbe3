export const SCALES = {
  national: {
    country: true,
    cooperatives: 65_000,
    mentors: 2_000,
    cohorts: 400,
    /** Months ago of the first and the last cohort's start (negative: not started yet). */
    cohortMonthsAgo: [54, -2],
    milestones: 650_000,
    mentoringSessions: 1_000_000,
    fundingAwards: 120_000,
    disbursements: 250_000,
    jobsSnapshots: 260_000,
    demoMentorCooperatives: 30,
  },
  /** About the demo's size and shape: the region of Fès-Meknès only. */
  demo: {
    country: false,
    cooperatives: 120,
    mentors: 6,
    cohorts: 4,
    cohortMonthsAgo: [24, 6],
    milestones: 1_200,
    mentoringSessions: 1_850,
    fundingAwards: 220,
    disbursements: 460,
    jobsSnapshots: 360,
    demoMentorCooperatives: 30,
  },
} as const;

export type ScaleName = keyof typeof SCALES;
export type Scale = (typeof SCALES)[ScaleName];

export function isScaleName(value: unknown): value is ScaleName {
  return typeof value === "string" && Object.hasOwn(SCALES, value);
}

/** Share of cooperatives enrolled in a cohort; the others are applicants or selected, waiting. */
export const ENROLLED_SHARE = 0.7;
