import { describe, expect, it, vi } from "vitest";
import { FormStore } from "./form-store";

describe("FormStore", () => {
  it("tells change listeners and subscribers once per real change, with the new values", () => {
    const form = new FormStore({ agency: "某局", year: 2024, contact: { phone: "1" } });
    const changes = vi.fn();
    const renders = vi.fn();
    form.onChange(changes);
    const unsubscribe = form.subscribe(renders);
    const before = form.getValues();
    form.setValue("contact.phone", "2");
    expect(changes).toHaveBeenCalledTimes(1);
    expect(changes.mock.calls[0][0]).toEqual({ agency: "某局", year: 2024, contact: { phone: "2" } });
    expect(renders).toHaveBeenCalledTimes(1);
    expect(before.contact.phone).toBe("1");
    form.setValue("contact.phone", "2");
    expect(changes).toHaveBeenCalledTimes(1);
    unsubscribe();
    form.reset({ agency: "另一局", year: 2024, contact: {} as { phone: string } });
    expect(changes).toHaveBeenCalledTimes(2);
    expect(renders).toHaveBeenCalledTimes(1);
    expect(form.getValues("agency")).toBe("另一局");
  });
});
