import { FormEvent, useState } from "react"
import { useNavigate } from "react-router-dom"
import { config } from "../lib/sdk"
import { useStore } from "../lib/store"

/** Email and password (Medusa's emailpass provider); the demo's customer is offered when known. */
export function SignIn() {
  const { customer, signIn, signOut } = useStore()
  const navigate = useNavigate()
  const [error, setError] = useState<string | null>(null)
  const demo = config.demoCustomer

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    setError(null)
    try {
      await signIn(String(form.get("email")), String(form.get("password")))
      navigate("/")
    } catch (e) {
      setError((e as Error).message || "sign-in failed")
    }
  }

  if (customer) {
    return (
      <>
        <p>Signed in as {customer.email}.</p>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </>
    )
  }
  return (
    <form onSubmit={onSubmit} className="checkout" aria-label="Sign in">
      <h1>Sign in</h1>
      {demo && (
        <p className="muted">
          Demo customer: {demo.email} / {demo.password}
        </p>
      )}
      <label>
        Email <input name="email" type="email" required defaultValue={demo?.email ?? ""} />
      </label>
      <label>
        Password <input name="password" type="password" required defaultValue={demo?.password ?? ""} />
      </label>
      <button type="submit">Sign in</button>
      {error && <p className="error">{error}</p>}
    </form>
  )
}
