import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/**
 * Gives one customer an email/password login (Medusa's emailpass provider), as the storefront's
 * sign-in uses it. Idempotent: an existing identity for the email is kept as it is.
 */
export async function ensureDemoCustomer(
  container: MedusaContainer,
  customerId: string,
  password: string
): Promise<{ email: string; password: string; customer_id: string }> {
  const customer = await container.resolve(Modules.CUSTOMER).retrieveCustomer(customerId)
  const email = customer.email!
  const auth = container.resolve(Modules.AUTH)
  const existing = await auth.listProviderIdentities({ entity_id: email, provider: "emailpass" }, { take: 1 })
  if (!existing.length) {
    const { success, authIdentity, error } = await auth.register("emailpass", { body: { email, password } })
    if (!success || !authIdentity) {
      throw new Error(`demo customer ${email}: ${error ?? "could not register"}`)
    }
    await auth.updateAuthIdentities({
      id: authIdentity.id,
      app_metadata: { ...(authIdentity.app_metadata ?? {}), customer_id: customerId },
    })
  }
  return { email, password, customer_id: customerId }
}
