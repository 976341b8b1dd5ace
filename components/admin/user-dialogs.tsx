"use client";

import { useId, useState, type ReactNode } from "react";
import { createUserAction, resetPasswordAction, updateUserAction } from "@/lib/server/users/actions";
import { PASSWORD_HINT } from "@/lib/auth/password-rules";
import { ROLE, ROLES, roleLabel, type Role } from "@/lib/auth/roles";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useServerForm, type ServerFormResult } from "@/components/ui/use-server-form";

export interface AgencyOption {
  id: string;
  name: string;
  depth: number;
}

export interface UserValue {
  id: string;
  username: string;
  name: string;
  role: Role;
  agencyId: string | null;
}

function useFieldProps(fieldError: (name: string) => string | undefined) {
  const formId = useId();
  const id = (name: string) => `${formId}-${name}`;
  const control = (name: string, hint?: string) => ({
    id: id(name),
    name,
    "aria-invalid": fieldError(name) ? true : undefined,
    "aria-describedby": describedBy(id(name), { hint, error: fieldError(name) }),
  });
  return { id, control };
}

function ResultMessage({ result }: { result: ServerFormResult | null }) {
  return (
    <div aria-live="polite">
      {result && (
        <Alert variant={result.ok ? "success" : "danger"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </Alert>
      )}
    </div>
  );
}

/** Role and agency together: an admin belongs to no agency, everyone else to one. */
function RoleAndAgency({ user, agencies, fieldError, control, id }: {
  user?: UserValue;
  agencies: AgencyOption[];
  fieldError: (name: string) => string | undefined;
  control: ReturnType<typeof useFieldProps>["control"];
  id: (name: string) => string;
}) {
  const [role, setRole] = useState<Role>(user?.role ?? "EDITOR");
  return (
    <>
      <Field id={id("role")} label="角色" required hint={ROLE[role].hint} error={fieldError("role")}>
        <Select {...control("role", ROLE[role].hint)} value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={id("agencyId")} label="所属机关" required={role !== "ADMIN"} error={fieldError("agencyId")}>
        {/* Disabled for admins: a disabled select is not submitted, so the server gets no agency. */}
        <Select key={role === "ADMIN" ? "admin" : "member"} {...control("agencyId")} defaultValue={role === "ADMIN" ? "" : (user?.agencyId ?? "")} disabled={role === "ADMIN"}>
          <option value="">{role === "ADMIN" ? "不属于机关" : "请选择机关"}</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {`${"\u3000".repeat(a.depth)}${a.name}`}
            </option>
          ))}
        </Select>
      </Field>
    </>
  );
}

function PasswordFields({ fieldError, control, id, label }: {
  fieldError: (name: string) => string | undefined;
  control: ReturnType<typeof useFieldProps>["control"];
  id: (name: string) => string;
  label: string;
}) {
  return (
    <>
      <Field id={id("password")} label={label} required hint={PASSWORD_HINT} error={fieldError("password")}>
        <Input {...control("password", PASSWORD_HINT)} type="password" autoComplete="new-password" required />
      </Field>
      <Field id={id("confirmPassword")} label="再次输入密码" required error={fieldError("confirmPassword")}>
        <Input {...control("confirmPassword")} type="password" autoComplete="new-password" required />
      </Field>
    </>
  );
}

function FormButtons({ pending, submitLabel }: { pending: boolean; submitLabel: string }) {
  return (
    <DialogFooter>
      <DialogClose asChild>
        <Button variant="outline">关闭</Button>
      </DialogClose>
      <Button type="submit" disabled={pending}>
        {pending ? "正在保存…" : submitLabel}
      </Button>
    </DialogFooter>
  );
}

function CreateUserForm({ agencies }: { agencies: AgencyOption[] }) {
  const { result, pending, onSubmit, fieldError } = useServerForm(createUserAction, { resetOnSuccess: true });
  const { id, control } = useFieldProps(fieldError);
  const usernameHint = "登录时使用，3–30 位小写字母、数字、下划线或点，创建后不能修改。";
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <ResultMessage result={result} />
      <Field id={id("username")} label="用户名" required hint={usernameHint} error={fieldError("username")}>
        <Input {...control("username", usernameHint)} required autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={30} className="font-mono" />
      </Field>
      <Field id={id("name")} label="姓名" required error={fieldError("name")}>
        <Input {...control("name")} required maxLength={50} autoComplete="off" />
      </Field>
      <RoleAndAgency agencies={agencies} fieldError={fieldError} control={control} id={id} />
      <PasswordFields fieldError={fieldError} control={control} id={id} label="初始密码" />
      <FormButtons pending={pending} submitLabel="新增账号" />
    </form>
  );
}

function EditUserForm({ user, agencies }: { user: UserValue; agencies: AgencyOption[] }) {
  const { result, pending, onSubmit, fieldError } = useServerForm(updateUserAction);
  const { id, control } = useFieldProps(fieldError);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <input type="hidden" name="id" value={user.id} />
      <ResultMessage result={result} />
      <p>
        用户名：<code className="font-mono font-semibold">{user.username}</code>
        <span className="text-muted-foreground">（不能修改）</span>
      </p>
      <Field id={id("name")} label="姓名" required error={fieldError("name")}>
        <Input {...control("name")} defaultValue={user.name} required maxLength={50} autoComplete="off" />
      </Field>
      <RoleAndAgency user={user} agencies={agencies} fieldError={fieldError} control={control} id={id} />
      <FormButtons pending={pending} submitLabel="保存修改" />
    </form>
  );
}

function ResetPasswordForm({ user }: { user: UserValue }) {
  const { result, pending, onSubmit, fieldError } = useServerForm(resetPasswordAction, { resetOnSuccess: true });
  const { id, control } = useFieldProps(fieldError);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <input type="hidden" name="id" value={user.id} />
      <ResultMessage result={result} />
      <PasswordFields fieldError={fieldError} control={control} id={id} label="新密码" />
      <FormButtons pending={pending} submitLabel="重置密码" />
    </form>
  );
}

function AdminDialog({ trigger, title, description, children }: { trigger: ReactNode; title: string; description: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {/* Mounted only while open, so each opening starts from the stored values. */}
        {open && children}
      </DialogContent>
    </Dialog>
  );
}

export function CreateUserDialog({ agencies }: { agencies: AgencyOption[] }) {
  return (
    <AdminDialog trigger={<Button>新增账号</Button>} title="新增账号" description="带 * 的为必填项。账号创建后，请把用户名和初始密码告知本人。">
      <CreateUserForm agencies={agencies} />
    </AdminDialog>
  );
}

export function EditUserDialog({ user, agencies }: { user: UserValue; agencies: AgencyOption[] }) {
  return (
    <AdminDialog
      trigger={
        <Button variant="outline" size="sm">
          编辑<span className="sr-only">{user.name}</span>
        </Button>
      }
      title={`编辑账号：${user.name}`}
      description="角色和机关的修改在该用户下一次操作时生效。"
    >
      <EditUserForm user={user} agencies={agencies} />
    </AdminDialog>
  );
}

export function ResetPasswordDialog({ user }: { user: UserValue }) {
  return (
    <AdminDialog
      trigger={
        <Button variant="outline" size="sm">
          重置密码<span className="sr-only">{user.name}</span>
        </Button>
      }
      title={`重置密码：${user.name}（${user.username}）`}
      description="重置后，该账号会在所有设备上退出登录，需用新密码重新登录。"
    >
      <ResetPasswordForm user={user} />
    </AdminDialog>
  );
}
