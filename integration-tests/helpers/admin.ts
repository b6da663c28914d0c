import type { MedusaContainer } from "@medusajs/framework/types"
import { generateJwtToken, Modules } from "@medusajs/framework/utils"

/**
 * Creates an admin user with an emailpass auth identity and returns request headers carrying a
 * bearer JWT for it (same shape as Medusa's own integration-test helper).
 */
export async function createAdminUser(container: MedusaContainer, email = "admin@medusa.test") {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const user = await userModule.createUsers({ email, first_name: "Admin", last_name: "Test" })
  const authIdentity = await authModule.createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email, provider_metadata: { password: "supersecret" } }],
    app_metadata: { user_id: user.id },
  })
  const config = container.resolve("configModule") as { projectConfig: { http: { jwtSecret?: string } } }
  const token = generateJwtToken(
    {
      actor_id: user.id,
      actor_type: "user",
      auth_identity_id: authIdentity.id,
      app_metadata: { user_id: user.id },
    },
    { secret: config.projectConfig.http.jwtSecret ?? "supersecret", expiresIn: "1d" }
  )
  return { user, headers: { headers: { authorization: `Bearer ${token}` } } }
}
