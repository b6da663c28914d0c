import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createUsersWorkflow } from "@medusajs/medusa/core-flows"

/**
 * The demo's admin login, as `medusa user -e -p` makes it (a user plus an emailpass identity), in
 * the seed's process to spare the demo a second boot. Idempotent: an existing user is kept.
 */
export async function ensureAdminUser(container: MedusaContainer, email: string, password: string): Promise<boolean> {
  const [existing] = await container.resolve(Modules.USER).listUsers({ email }, { take: 1 })
  if (existing) return false
  const { result } = await createUsersWorkflow(container).run({ input: { users: [{ email }] } })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", { body: { email, password } })
  if (error || !authIdentity) throw new Error(`admin user ${email}: ${error ?? "could not register"}`)
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: result[0].id } })
  return true
}
