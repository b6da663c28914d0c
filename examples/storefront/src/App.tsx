import { Link, NavLink, Route, Routes } from "react-router-dom"
import { useStore } from "./lib/store"
import { Cart } from "./pages/Cart"
import { Home } from "./pages/Home"
import { Product } from "./pages/Product"
import { SignIn } from "./pages/SignIn"
import { Why } from "./pages/Why"

export function App() {
  const { customer, cart } = useStore()
  const count = (cart?.items ?? []).reduce((n, i) => n + i.quantity, 0)
  return (
    <>
      <header>
        <Link to="/" className="brand">
          Personalization storefront
        </Link>
        <nav>
          <NavLink to="/">Home</NavLink>
          <NavLink to="/why">Why you see this</NavLink>
          <NavLink to="/cart">Cart ({count})</NavLink>
          <NavLink to="/sign-in" data-testid="account">
            {customer ? customer.email : "Sign in"}
          </NavLink>
        </nav>
      </header>
      <main>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/products/:id" element={<Product />} />
          <Route path="/cart" element={<Cart />} />
          <Route path="/sign-in" element={<SignIn />} />
          <Route path="/why" element={<Why />} />
        </Routes>
      </main>
    </>
  )
}
