"use server";

import { z } from "zod";
import { userRoles } from "@/db/schema";
import { inviteToStudio, withdrawInvitation } from "@/lib/admin/manage-invitations";
import { resumeSubmissions, settleHold, setUserLimits } from "@/lib/admin/manage-spending";
import { addUser, removeUser, setUserDisabled, setUserRole } from "@/lib/admin/manage-users";
import { emailSchema, nameSchema } from "@/lib/auth/credentials";
import { newPasswordSchema } from "@/lib/auth/password-policy";
import { validatedAdminAction } from "@/lib/http/action";
import { PROVIDER_IDS } from "@/lib/providers/types";

const role = z.enum(userRoles);

const limitSetting = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("default") }),
  z.object({ kind: z.literal("unlimited") }),
  z.object({
    kind: z.literal("custom"),
    value: z
      .number("Enter a whole number.")
      .int("Enter a whole number.")
      .min(0, "A limit cannot be negative.")
      .max(1_000_000_000, "At most 1,000,000,000."),
  }),
]);

export const setUserRoleAction = validatedAdminAction(
  "set user role",
  z.object({ userId: z.uuid(), role }),
  (input, admin) => setUserRole(admin, input),
);

export const setUserDisabledAction = validatedAdminAction(
  "set user disabled",
  z.object({ userId: z.uuid(), disabled: z.boolean() }),
  (input, admin) => setUserDisabled(admin, input),
);

export const deleteUserAction = validatedAdminAction(
  "delete user",
  z.object({ userId: z.uuid() }),
  (input, admin) => removeUser(admin, input),
);

export const addUserAction = validatedAdminAction(
  "add user",
  z.object({ email: emailSchema, name: nameSchema, password: newPasswordSchema, role }),
  (input, admin) => addUser(admin, input),
);

export const createInvitationAction = validatedAdminAction(
  "create invitation",
  z.object({
    email: z.union([emailSchema, z.literal("").transform(() => null)]).nullable(),
    role,
    maxUses: z.number().int().min(1, "At least one use.").max(1000, "At most 1000 uses."),
    expiresInDays: z.number().int().min(1, "At least one day.").max(90, "At most 90 days."),
  }),
  (input, admin) => inviteToStudio(admin, input),
);

export const revokeInvitationAction = validatedAdminAction(
  "revoke invitation",
  z.object({ id: z.uuid() }),
  (input, admin) => withdrawInvitation(admin, input),
);

export const setUserLimitsAction = validatedAdminAction(
  "set user limits",
  z.object({
    userId: z.uuid(),
    limits: z.object({ daily_images: limitSetting, monthly_credits: limitSetting }),
  }),
  (input, admin) => setUserLimits(admin, input),
);

export const settleHoldAction = validatedAdminAction(
  "settle hold",
  z.object({ generationId: z.uuid(), as: z.enum(["charged", "released"]) }),
  (input, admin) => settleHold(admin, input),
);

export const resumeSubmissionsAction = validatedAdminAction(
  "resume submissions",
  z.object({ provider: z.enum(PROVIDER_IDS) }),
  ({ provider }, admin) => resumeSubmissions(admin, provider),
);
