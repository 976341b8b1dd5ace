import type { TContact } from "./schema";

/** The contact fields an agency record keeps (null when not filled in). */
export interface AgencyContactFields {
  address: string | null;
  postcode: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
}

/**
 * An agency's contact data as report content has it: the filled-in fields only. New reports
 * (createReport) and imported ones (the import review and accept) are prefilled the same way.
 */
export function agencyContact(agency: AgencyContactFields): TContact {
  return {
    ...(agency.address && { address: agency.address }),
    ...(agency.postcode && { postcode: agency.postcode }),
    ...(agency.phone && { phone: agency.phone }),
    ...(agency.fax && { fax: agency.fax }),
    ...(agency.email && { email: agency.email }),
    ...(agency.website && { website: agency.website }),
  };
}
