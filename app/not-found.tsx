import { NotFoundMessage } from "@/components/shell/not-found-message";

export default function NotFound() {
  return (
    <main id="main" className="px-6">
      <NotFoundMessage />
    </main>
  );
}
