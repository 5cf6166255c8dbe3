import { describe, expect, it } from "vitest";
import { cooperativeSchema, fieldErrors, normalizePhone } from "@/lib/validation/cooperative";

const valid = {
  name: "تعاونية النور",
  legal_form: "cooperative",
  sector: "agriculture",
  province: "taza",
  area: "rural",
  members_total: "12",
  members_women: "7",
  members_youth: "4",
};

describe("phone numbers", () => {
  it.each([
    ["+212 6 12 34 56 78", "0612345678"],
    ["+212612345678", "0612345678"],
    ["00212 5 35 12 34 56", "0535123456"],
    ["06 12 34 56 78", "0612345678"],
    ["0612345678", "0612345678"],
    ["06.12.34.56.78", "0612345678"],
    ["06-12-34-56-78", "0612345678"],
    ["612345678", "0612345678"],
    ["+212 (0)6 12 34 56 78", "0612345678"],
    ["٠٦١٢٣٤٥٦٧٨", "0612345678"],
    ["0712345678", "0712345678"],
  ])("reads %s as %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(["0812345678", "061234567", "06123456789", "+33612345678", "phone", ""])(
    "refuses %s",
    (input) => {
      expect(normalizePhone(input)).toBeNull();
    },
  );
});

describe("cooperative schema", () => {
  it("accepts a form as typed, with defaults for blanks", () => {
    const parsed = cooperativeSchema.parse({
      ...valid,
      phone: "+212 6 61 23 45 67",
      share_capital_mad: "1 000,50",
      women_coop: "on",
      email: "Coop@Example.MA",
      registered_on: "2024-03-01",
      name_latin: "  ",
    });
    expect(parsed).toMatchObject({
      name: "تعاونية النور",
      name_latin: null,
      phone: "0661234567",
      share_capital_mad: "1000.50",
      women_coop: true,
      email: "coop@example.ma",
      members_total: 12,
      members_women: 7,
      registered_on: "2024-03-01",
      cohort_id: null,
    });
  });

  it("keeps women and youth at or below the total", () => {
    const result = cooperativeSchema.safeParse({
      ...valid,
      members_women: "13",
      members_youth: "20",
    });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual({
      members_women: "womenAboveTotal",
      members_youth: "youthAboveTotal",
    });
  });

  it("gives a key per field error", () => {
    const result = cooperativeSchema.safeParse({
      name: "",
      legal_form: "kolkhoz",
      province: "fes",
      area: "rural",
      members_total: "-1",
      members_women: "2.5",
      members_youth: "abc",
      phone: "123",
      email: "not-an-email",
      registered_on: "2999-01-01",
      founded_on: "2024-13-45",
      share_capital_mad: "12,345.678",
      women_coop: "maybe",
    });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual({
      name: "required",
      legal_form: "invalidChoice",
      sector: "required",
      members_total: "negative",
      members_women: "notAnInteger",
      members_youth: "notANumber",
      phone: "invalidPhone",
      email: "invalidEmail",
      registered_on: "dateInFuture",
      founded_on: "invalidDate",
      share_capital_mad: "invalidAmount",
      women_coop: "invalidChoice",
    });
  });

  it("refuses oversized text", () => {
    const result = cooperativeSchema.safeParse({ ...valid, name: "x".repeat(201) });
    expect(fieldErrors(result.error!)).toEqual({ name: "tooLong" });
  });
});
