import { NotFoundMessage } from "@/components/shell/not-found-message";

/** Rendered inside the staff shell (its layout supplies <main>). */
export default function StaffNotFound() {
  return <NotFoundMessage />;
}
