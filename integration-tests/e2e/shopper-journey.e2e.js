// One shopper's journey through the example storefront (examples/storefront) in a real browser:
// an anonymous visitor sees best sellers; a customer with one past order signs in and sees
// recommendations without anything they bought; opens one (a click, attributed to the objective that
// governs recommendations), adds it and a "complete your order" product to the cart and checks out
// with the manual payment provider. Then the admin shows the order, the customer's new segment
// membership ("2+ orders in the last 90 days"), the stored click and the co-purchase count moved.
const Medusa = require("@medusajs/js-sdk").default

const PASSWORD = "journey-secret-1"
const DEADLINE_MS = 30000

/** Polls an API read until it satisfies `ok` (subscribers run after the request that triggers them). */
async function eventually(read, ok, what) {
  const until = Date.now() + DEADLINE_MS
  let last
  while (Date.now() < until) {
    last = await read()
    if (ok(last)) return last
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${what}: not within ${DEADLINE_MS / 1000}s; last: ${JSON.stringify(last).slice(0, 500)}`)
}

function storeClient(baseUrl, publishableKey) {
  return new Medusa({ baseUrl, publishableKey, auth: { type: "jwt", jwtTokenStorageMethod: "memory" } })
}

/** A registered customer through the store API (emailpass), signed in on the returned client. */
async function registerCustomer(baseUrl, publishableKey, email) {
  const sdk = storeClient(baseUrl, publishableKey)
  await sdk.auth.register("customer", "emailpass", { email, password: PASSWORD })
  const { customer } = await sdk.store.customer.create({ email, first_name: "Journey", last_name: "Shopper" })
  await sdk.auth.login("customer", "emailpass", { email, password: PASSWORD })
  return { sdk, customer }
}

/** A past order placed the way the storefront places one (cart, address, manual payment, complete). */
async function placeOrder(sdk, regionId, email, variantIds) {
  let { cart } = await sdk.store.cart.create({ region_id: regionId })
  for (const variant_id of variantIds) {
    ;({ cart } = await sdk.store.cart.createLineItem(cart.id, { variant_id, quantity: 1 }))
  }
  const address = {
    first_name: "Journey",
    last_name: "Shopper",
    address_1: "1 High Street",
    city: "London",
    postal_code: "SW1A 1AA",
    country_code: "gb",
  }
  ;({ cart } = await sdk.store.cart.update(cart.id, { email, shipping_address: address, billing_address: address }))
  await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_system_default" })
  const result = await sdk.store.cart.complete(cart.id)
  if (result.type !== "order") throw new Error(`past order not placed: ${JSON.stringify(result.error)}`)
  return result.order
}

function onResponse(page, pathPart, method = "GET", body = () => true) {
  return page.waitForResponse(
    (r) => r.url().includes(pathPart) && r.request().method() === method && body(r.request().postDataJSON?.() ?? null)
  )
}

module.exports = {
  name: "shopper journey: best sellers, sign in, recommended without past purchases, checkout, admin sees it all",
  run: async ({ page, baseUrl, adminApi, publishableKey, storefrontUrl, db }) => {
    if (!storefrontUrl) throw new Error("the e2e runner did not start the storefront")
    const stamp = Date.now()
    await adminApi("POST", "/admin/recommendations/rebuild")

    // an objective governs the recommendations (the earliest active one); create one if none runs
    const { objectives } = await adminApi("GET", "/admin/objectives?status=active&limit=50")
    if (!objectives.length) {
      await adminApi("POST", "/admin/objectives", {
        name: `Journey objective ${stamp}`,
        metric: "repeat_purchase_rate",
        holdout_share: 0.01,
        status: "active",
      })
    }
    const { segment } = await adminApi("POST", "/admin/segments", {
      name: `Two or more orders ${stamp}`,
      currency_code: "gbp",
      status: "active",
      rules: {
        type: "all",
        conditions: [{ type: "condition", attribute: "order_count", operator: "gte", value: 2, window_days: 90 }],
      },
    })

    // checkout with Medusa's default manual payment provider: the imported region may not enable it yet
    const { regions } = await adminApi("GET", "/admin/regions?fields=id,*payment_providers&limit=1")
    const region = regions[0]
    const providers = region.payment_providers.map((p) => p.id)
    if (!providers.includes("pp_system_default")) {
      await adminApi("POST", `/admin/regions/${region.id}`, { payment_providers: [...providers, "pp_system_default"] })
    }

    // a customer in the treatment group of the governing objective (holdout customers see best sellers)
    let shopper
    for (let i = 0; i < 10 && !shopper; i++) {
      const email = `journey-${stamp}-${i}@example.com`
      const made = await registerCustomer(baseUrl, publishableKey, email)
      const groups = await made.sdk.client.fetch("/store/objectives/groups")
      const engine = groups.groups.find((g) => g.governs_recommendations)
      if (engine?.group === "treatment") shopper = { ...made, email, objectiveId: engine.objective_id }
    }
    if (!shopper) throw new Error("no customer landed in the treatment group in 10 tries")

    // one past order of two best sellers: the customer's history
    const best = await shopper.sdk.client.fetch("/store/recommendations", {
      query: { placement: "home", limit: 8, region_id: region.id },
    })
    const bought = best.products.slice(0, 2)
    if (bought.length < 2) throw new Error("the store has fewer than two best sellers")
    await placeOrder(
      shopper.sdk,
      region.id,
      shopper.email,
      bought.map((p) => p.variants[0].id)
    )
    const boughtIds = new Set(bought.map((p) => p.id))
    // one order: not in the segment yet
    await eventually(
      () => shopper.sdk.client.fetch("/store/customers/me/segments"),
      (r) => Array.isArray(r.segments),
      "customer segments"
    )
    const before = await shopper.sdk.client.fetch("/store/customers/me/segments")
    if (before.segments.some((s) => s.id === segment.id)) throw new Error("one order should not make 2+ orders")

    // 1. anonymous: best sellers
    const anonymousList = onResponse(page, "/store/recommendations?")
    const anonymousImpression = onResponse(
      page,
      "/store/recommendations/events",
      "POST",
      (b) => b?.type === "impression"
    )
    await page.goto(storefrontUrl)
    await page.getByRole("heading", { name: "Best sellers" }).waitFor()
    const anon = await (await anonymousList).json()
    if (anon.experiment.personalized) throw new Error("an anonymous visitor got a personalized list")
    await page.locator('[data-testid="home-list"] li.card').first().waitFor()
    const impression = await anonymousImpression
    if (impression.status() !== 201) throw new Error(`impression answered ${impression.status()}`)

    // 2. sign in: recommended for you, nothing already bought
    await page.getByRole("link", { name: "Sign in" }).click()
    await page.getByLabel("Email").fill(shopper.email)
    await page.getByLabel("Password").fill(PASSWORD)
    const personalList = onResponse(page, "/store/recommendations?")
    await page.getByRole("button", { name: "Sign in" }).click()
    await page.getByRole("heading", { name: "Recommended for you" }).waitFor()
    const home = await (await personalList).json()
    if (!home.experiment.personalized || home.experiment.objective_id !== shopper.objectiveId) {
      throw new Error(`expected a personalized list under ${shopper.objectiveId}: ${JSON.stringify(home.experiment)}`)
    }
    await page.locator('[data-testid="home-list"] li.card').first().waitFor()
    const shown = await page
      .locator('[data-testid="home-list"] li.card')
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-product-id")))
    const again = shown.filter((id) => boughtIds.has(id))
    if (!shown.length || again.length) throw new Error(`home shows what was bought: ${again.join(", ")}`)

    // 3. open the first recommendation: a click attributed to the governing objective
    const first = page.locator('[data-testid="home-list"] li.card').first()
    const picked = await first.getAttribute("data-product-id")
    const click = onResponse(page, "/store/recommendations/events", "POST", (b) => b?.type === "click")
    const productList = onResponse(page, "/store/recommendations?")
    await first.locator("a.title").click()
    const clickRes = await click
    const clickBody = await clickRes.json()
    if (clickRes.status() !== 201 || clickBody.event.objective_id !== shopper.objectiveId) {
      throw new Error(`click not attributed: ${clickRes.status()} ${JSON.stringify(clickBody)}`)
    }
    await page.getByRole("heading", { name: "Frequently bought together" }).waitFor()
    const related = await (await productList).json()
    if (related.products.length) {
      await page.locator('[data-testid="product-list"] .reason').first().waitFor()
      const reason = await page.locator('[data-testid="product-list"] .reason').first().innerText()
      if (!reason.trim()) throw new Error("a frequently-bought-together item has no reason line")
    }

    // 4. add it, then one "complete your order" product, and check out with the manual provider
    await page.locator('[data-testid="product"]').getByRole("button", { name: "Add to cart" }).click()
    await page.getByRole("heading", { name: "Complete your order" }).waitFor()
    const upsell = page.locator('[data-testid="cart-list"] li.card').first()
    await upsell.waitFor()
    const added = await upsell.getAttribute("data-product-id")
    if (added === picked || boughtIds.has(added)) throw new Error(`the cart list offers ${added}, already had`)
    const pairBefore = await adminApi("GET", `/admin/recommendations/frequently-bought/${picked}?limit=50`)
    const countBefore = pairBefore.items.find((i) => i.product_id === added)?.customers ?? 0
    await upsell.getByRole("button", { name: "Add to cart" }).click()
    await page.locator(`[data-testid="cart-items"] li[data-product-id="${added}"]`).waitFor()
    await page.getByRole("button", { name: "Place order" }).click()
    const confirmation = page.locator('[data-testid="order-confirmation"]')
    await confirmation.waitFor()
    const orderId = await confirmation.getAttribute("data-order-id")

    // 5. the admin: the order, the segment membership, the click, the co-purchase count
    const { order } = await adminApi("GET", `/admin/orders/${orderId}?fields=id,display_id,customer_id,*items`)
    const lines = new Set(order.items.map((i) => i.product_id))
    if (order.customer_id !== shopper.customer.id || !lines.has(picked) || !lines.has(added)) {
      throw new Error(`order not as placed: ${JSON.stringify(order).slice(0, 500)}`)
    }
    await page.goto(`${baseUrl}/app/orders/${orderId}`)
    await page.getByText(`#${order.display_id}`).first().waitFor()

    await eventually(
      () => adminApi("GET", `/admin/segments/${segment.id}/members?limit=50`),
      (r) => r.members.some((m) => m.customer_id === shopper.customer.id),
      "the customer entering the 2+ orders segment"
    )
    await page.goto(`${baseUrl}/app/personalization/segments/${segment.id}`)
    await page.getByText(shopper.email).first().waitFor()

    if (db) {
      const rows = await db(
        `select type, objective_id, customer_id from recommendation_event
          where recommendation_id = $1 and product_id = $2 and deleted_at is null`,
        [home.recommendation_id, picked]
      )
      const stored = rows.find((r) => r.type === "click")
      if (!stored || stored.objective_id !== shopper.objectiveId || stored.customer_id !== shopper.customer.id) {
        throw new Error(`stored click not attributed: ${JSON.stringify(rows)}`)
      }
    }

    await eventually(
      () => adminApi("GET", `/admin/recommendations/frequently-bought/${picked}?limit=50`),
      (r) => (r.items.find((i) => i.product_id === added)?.customers ?? 0) === countBefore + 1,
      `co-purchase count of ${picked} and ${added} moving from ${countBefore}`
    )

    // the storefront's "why you see this" lists the new segment
    await page.goto(`${storefrontUrl}/why`)
    await page.locator(`[data-testid="why-segments"] li[data-segment-id="${segment.id}"]`).waitFor()
    await page.locator(`[data-testid="why-groups"] li[data-objective-id="${shopper.objectiveId}"]`).waitFor()
    await page.locator('[data-testid="why-last-list"]').getByText("personalized").waitFor()
  },
}
